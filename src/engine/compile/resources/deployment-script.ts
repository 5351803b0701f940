import type { CfnResource, CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { deploymentIdParameter } from '../stack-parameters.js';
import { computeNames } from '../compute-names.js';
import type { ResourceCompiler } from '../resource-compiler.js';
import { addRuntimeFunction } from '../runtime-function.js';
import { compileLambda } from './lambda/lambda-function.js';

export const deploymentScriptResourceType = 'Custom::StpDeploymentScript';

/**
 * `type: deployment-script` → the user's script as a Lambda function (role, log group) plus a
 * `Custom::StpDeploymentScript` whose service token is stp's runner function (one per stack,
 * src/runtime/deployment-script-runner). The custom resource depends on every other resource:
 * for after:deploy it runs last on deploy; for before:delete it is deleted — and runs — first.
 * after:deploy passes `DeploymentId: {Ref: StpDeploymentId}`, which the deploy sets fresh each
 * time, so the resource is updated (and the script run) on every deploy.
 *
 * `parameters` travel as one JSON string (`ParametersJson`): CloudFormation hands custom resources
 * every property value as a string, which would turn `retries: 3` into `"3"`.
 */
export const deploymentScriptCompiler: ResourceCompiler = {
  type: 'deployment-script',
  compile(resource, ctx) {
    const at = [...resource.path, 'properties'];
    const p = resource.properties;
    const ids = compileLambda(ctx, resource);
    if (!ids) return;
    const trigger = p.trigger === 'before:delete' ? 'before:delete' : 'after:deploy';
    const runner = scriptRunner(ctx);
    runner.invocable.push(ids.arn);

    const properties: Record<string, CfnValue> = {
      ServiceToken: { 'Fn::GetAtt': [runner.functionId, 'Arn'] },
      ScriptFunctionName: { Ref: ids.functionId },
      ScriptFunctionArn: ids.arn,
      Trigger: trigger,
      ParametersJson: parametersJson(ctx.resolveValue(p.parameters ?? {}, [...at, 'parameters'])),
    };
    if (trigger === 'after:deploy') properties.DeploymentId = { Ref: deploymentIdParameter };
    // `stp script:run` reruns the script with the same event: CloudFormation resolves the
    // parameters into this output, which the CLI reads with DescribeStacks.
    ctx.addOutput(computeNames.scriptParametersOutput(resource.name), {
      Value: properties.ParametersJson,
      Description: `Event of deployment script ${resource.name} (stp script:run)`,
    });
    const customId = ctx.names.scriptCustomResource(resource.name);
    const custom: CfnResource = { Type: deploymentScriptResourceType, Properties: properties };
    ctx.addResource(customId, custom, at);

    ctx.addFinalizer((resources) => {
      // CloudFormation does not resolve secret dynamic references in custom resource properties,
      // and the value would be shown to anyone reading the stack: secrets go through environment.
      if (/\{\{resolve:(secretsmanager|ssm-secure):/.test(JSON.stringify(custom.Properties?.ParametersJson ?? ''))) {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_SECRET_IN_SCRIPT_PARAMETERS',
          message: `The parameters of deployment script "${resource.name}" would carry a secret (e.g. a connection string with its password).`,
          path: [...at, 'parameters'],
          hint: 'pass it through environment, where it stays a dynamic reference',
        });
      }
      // Scripts order among themselves by name, so two of them never depend on each other both ways.
      const scripts = Object.keys(resources)
        .filter((id) => resources[id]?.Type === deploymentScriptResourceType)
        .sort();
      const earlierScripts = scripts.slice(0, scripts.indexOf(customId));
      custom.DependsOn = [
        ...Object.keys(resources).filter((id) => id !== customId && resources[id]?.Type !== deploymentScriptResourceType),
        ...earlierScripts,
      ];
    });
  },
};

interface ScriptRunner {
  functionId: string;
  /** Script function ARNs the runner may invoke (each script adds its own). */
  invocable: CfnValue[];
}

function scriptRunner(ctx: CompileContext): ScriptRunner {
  return ctx.once('deployment-script-runner', () => {
    const functionId = ctx.names.deploymentScriptRunner();
    const roleId = ctx.names.deploymentScriptRunnerRole();
    const logGroupId = ctx.names.deploymentScriptRunnerLogGroup();
    const functionName = computeNames.scriptRunnerFunction(ctx.stack.stackName);
    const invocable: CfnValue[] = [];
    addRuntimeFunction(ctx, {
      asset: 'deploymentScriptRunner',
      ids: { function: functionId, role: roleId, logGroup: logGroupId },
      functionName,
      logGroupName: computeNames.lambdaLogGroup(functionName),
      policyName: 'stp-deployment-script-runner',
      statements: [
        { Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: invocable },
        // before:delete scripts run only while the stack itself is being deleted.
        { Effect: 'Allow', Action: ['cloudformation:DescribeStacks'], Resource: { Ref: 'AWS::StackId' } },
      ],
      memorySize: 256,
      // A script may run up to Lambda's 15 minutes; the runner waits for it.
      timeout: 900,
    });
    return { functionId, invocable };
  });
}

function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/**
 * The parameters as JSON text. Values CloudFormation computes (intrinsics) become `Fn::Sub`
 * variables spliced into the text as JSON strings; literal `${` in the text is escaped for Fn::Sub.
 */
export function parametersJson(parameters: CfnValue): CfnValue {
  const variables: Record<string, CfnValue> = {};
  const marker = (i: number) => `@@stp-parameter-${i}@@`;
  let count = 0;
  const replace = (value: unknown): unknown => {
    if (isIntrinsic(value)) {
      const name = `P${count}`;
      variables[name] = value;
      return marker(count++);
    }
    if (Array.isArray(value)) return value.map(replace);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  const text = JSON.stringify(replace(parameters) ?? {});
  if (count === 0) return text;
  let sub = text.replaceAll('${', '${!');
  for (let i = 0; i < count; i++) sub = sub.replace(`"${marker(i)}"`, `"\${P${i}}"`);
  return { 'Fn::Sub': [sub, variables] };
}
