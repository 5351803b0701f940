import { assetBucketParameter, assetKeyPlaceholder, type AssetSpec, type CfnValue } from '../../compile-contract.js';
import type { CompileContext } from '../../compile-context.js';
import { computeNames } from '../../compute-names.js';
import type { ResourceView } from '../../resource-compiler.js';
import { environmentMap } from '../../workload/environment.js';
import { iamRole, userRoleStatements, type IamStatement } from '../../workload/iam-role.js';
import { logGroup, type LoggingConfig } from '../../workload/log-group.js';
import { defaultVpc } from '../../workload/default-vpc.js';
import { workloadAccess } from '../../workload/workload-access.js';
import { workloadSecurityGroup } from '../../workload/security-group.js';

/** Stacktape's default Lambda runtime. */
export const defaultLambdaRuntime = 'nodejs22.x';
export const defaultLambdaMemory = 128;

/**
 * The module name of a `lambda-bundle` asset inside its zip: the packager writes the bundle as
 * `index.js` or `index.mjs`; Lambda's Node.js runtimes resolve `index.<export>` to either.
 */
export const bundleHandlerFile = 'index';

export interface LambdaIds {
  functionId: string;
  roleId: string;
  logGroupId: string;
  functionName: string;
  /** `Fn::GetAtt [function, Arn]`. */
  arn: CfnValue;
}

export function lambdaIds(ctx: CompileContext, resourceName: string): LambdaIds {
  const functionId = ctx.names.lambda(resourceName);
  return {
    functionId,
    roleId: ctx.names.lambdaRole(resourceName),
    logGroupId: ctx.names.lambdaLogGroup(resourceName),
    functionName: computeNames.lambdaFunction(ctx.stack.stackName, resourceName),
    arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
  };
}

interface LambdaCode {
  handler: string;
  runtime: string;
  code: CfnValue;
}

/** Code, handler and runtime from `packaging`, registering the asset to package. */
function lambdaCode(ctx: CompileContext, resource: ResourceView, functionId: string): LambdaCode | undefined {
  const at = [...resource.path, 'properties', 'packaging'];
  const packaging = resource.properties.packaging as { type?: string; properties?: Record<string, unknown> } | undefined;
  const props = packaging?.properties ?? {};
  const runtimeProp = resource.properties.runtime as string | undefined;
  const code = { S3Bucket: { Ref: assetBucketParameter }, S3Key: assetKeyPlaceholder(resource.name) };
  if (packaging?.type === 'stacktape-lambda-buildpack') {
    const entry = String(props.entryfilePath ?? '');
    const looksNode = /\.(c|m)?(j|t)sx?$/.test(entry);
    const runtime = runtimeProp ?? (looksNode ? defaultLambdaRuntime : undefined);
    if (!looksNode || !runtime || !runtime.startsWith('nodejs')) return undefined; // see lambdaPackagingProblem
    const handlerExport = typeof props.handlerFunction === 'string' ? props.handlerFunction : 'handler';
    const asset: AssetSpec = {
      kind: 'lambda-bundle',
      id: resource.name,
      entryFile: ctx.absolutePath(entry),
      handlerExport,
      runtime,
      logicalId: functionId,
      configPath: [...at, 'properties', 'entryfilePath'],
    };
    ctx.addAsset(asset);
    return { handler: `${bundleHandlerFile}.${handlerExport}`, runtime, code };
  }
  if (packaging?.type === 'custom-artifact') {
    ctx.addAsset({
      kind: 'custom-artifact',
      id: resource.name,
      path: ctx.absolutePath(String(props.packagePath ?? '')),
      logicalId: functionId,
      configPath: [...at, 'properties', 'packagePath'],
    });
    const handler = typeof props.handler === 'string' ? props.handler : 'index.handler';
    return { handler, runtime: runtimeProp ?? defaultLambdaRuntime, code };
  }
  return undefined; // reported by capabilities/unsupported-constructs.ts (lambdaPackagingProblem)
}

/**
 * The Lambda function, its execution role and its log group: shared by `function` and
 * `deployment-script`. `extraStatements` are permissions the caller's event integrations need
 * (e.g. reading an SQS queue).
 */
export function compileLambda(
  ctx: CompileContext,
  resource: ResourceView,
  extraStatements: IamStatement[] = [],
  extraEnvironment: Record<string, CfnValue> = {},
): LambdaIds | undefined {
  const ids = lambdaIds(ctx, resource.name);
  const p = resource.properties;
  const at = [...resource.path, 'properties'];
  const code = lambdaCode(ctx, resource, ids.functionId);
  if (!code) return undefined;

  const logging = p.logging as LoggingConfig | undefined;
  const loggingEnabled = logging?.disabled !== true;
  const access = workloadAccess(ctx, resource);

  const statements: IamStatement[] = [];
  if (loggingEnabled) {
    ctx.addResource(ids.logGroupId, logGroup(computeNames.lambdaLogGroup(ids.functionName), logging), at);
    statements.push({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [ids.logGroupId, 'Arn'] },
    });
  }
  const joinVpc = p.joinDefaultVpc === true;
  if (joinVpc) {
    // AWSLambdaVPCAccessExecutionRole's actions: the function's ENIs in the VPC.
    statements.push({
      Effect: 'Allow',
      Action: [
        'ec2:AssignPrivateIpAddresses',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: '*',
    });
  }
  statements.push(...extraStatements, ...access.statements, ...userRoleStatements(ctx, p, at));
  ctx.addResource(
    ids.roleId,
    iamRole({ servicePrincipals: ['lambda.amazonaws.com'], statements, policyName: 'stp-function' }),
    at,
  );

  const variables = { ...environmentMap(ctx, p.environment, [...at, 'environment']), ...access.environment, ...extraEnvironment };
  const properties: Record<string, CfnValue> = {
    FunctionName: ids.functionName,
    Runtime: code.runtime,
    Handler: code.handler,
    Code: code.code,
    Role: { 'Fn::GetAtt': [ids.roleId, 'Arn'] },
    MemorySize: typeof p.memory === 'number' ? p.memory : defaultLambdaMemory,
    Timeout: typeof p.timeout === 'number' ? p.timeout : 10,
  };
  if (Object.keys(variables).length > 0) properties.Environment = { Variables: variables };
  if (typeof p.architecture === 'string') properties.Architectures = [p.architecture];
  if (typeof p.storage === 'number' && p.storage !== 512) properties.EphemeralStorage = { Size: p.storage };
  if (typeof p.reservedConcurrency === 'number') properties.ReservedConcurrentExecutions = p.reservedConcurrency;
  if (Array.isArray(p.layers)) properties.Layers = ctx.resolveValue(p.layers, [...at, 'layers']);
  if (Array.isArray(p.tags)) {
    properties.Tags = (p.tags as { name: string; value: unknown }[]).map((t, i) => ({
      Key: t.name,
      Value: ctx.resolveValue(t.value, [...at, 'tags', i, 'value']),
    }));
  }
  if (joinVpc) {
    // Lambda ENIs never get public IPs, and stp does not create NAT gateways.
    ctx.addDiagnostic({
      code: 'STP_COMPILE_VPC_NO_INTERNET',
      severity: 'warning',
      message: `"${resource.name}" joins the default VPC, where it reaches resources in the VPC but not the internet or public AWS endpoints (there is no NAT gateway).`,
      path: [...at, 'joinDefaultVpc'],
      hint: 'join the VPC only to reach VPC-only resources such as databases and Redis',
    });
    const vpc = defaultVpc(ctx);
    const sg = workloadSecurityGroup(ctx, resource, []);
    properties.VpcConfig = { SubnetIds: vpc.subnetIds, SecurityGroupIds: [{ 'Fn::GetAtt': [sg, 'GroupId'] }] };
  }
  ctx.addResource(
    ids.functionId,
    {
      Type: 'AWS::Lambda::Function',
      Properties: properties,
      // The role's policy must exist before the function first runs (and logs).
      DependsOn: [ids.roleId, ...(loggingEnabled ? [ids.logGroupId] : [])],
    },
    at,
  );
  return ids;
}
