import { isRuntimeDirective } from '../../config/directives/directive.js';
import type { CfnValue } from '../compile-contract.js';
import type { IamStatement } from '../workload/iam-role.js';
import type { CompileContext } from '../compile-context.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { logicalNames } from '../logical-names.js';
import { compileFunctionEvents } from './function-events/function-events.js';
import { compileLambda, lambdaIds, type LambdaIds } from './lambda/lambda-function.js';

/** `type: function` → AWS::Lambda::Function + role + log group + event integrations. */
export const functionCompiler: ResourceCompiler = {
  type: 'function',
  compile(resource, ctx) {
    const p = resource.properties;
    const ids = lambdaIds(ctx, resource.name);
    const events = compileFunctionEvents(ctx, resource, ids);
    const destinationStatements = p.destinations !== undefined ? destinations(ctx, resource, ids) : [];
    if (!compileLambda(ctx, resource, [...events.statements, ...destinationStatements])) return;
    if (p.url !== undefined) functionUrl(ctx, resource, ids);
    // provisionedConcurrency, deployment, alarms, cdn and volumeMounts: capabilities/ reports them.
  },
  referenceableParams: {
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [logicalNames.lambda(resourceName), 'Arn'] }),
    logGroupArn: ({ resourceName, properties }) =>
      (properties.logging as { disabled?: boolean } | undefined)?.disabled === true
        ? undefined
        : { 'Fn::GetAtt': [logicalNames.lambdaLogGroup(resourceName), 'Arn'] },
  },
};

function functionUrl(ctx: CompileContext, resource: ResourceView, ids: LambdaIds): void {
  const at = [...resource.path, 'properties', 'url'];
  const url = resource.properties.url as {
    enabled?: boolean;
    authMode?: 'AWS_IAM' | 'NONE';
    responseStreamEnabled?: boolean;
    cors?: {
      enabled?: boolean;
      allowedOrigins?: string[];
      allowedHeaders?: string[];
      allowedMethods?: string[];
      allowCredentials?: boolean;
      exposedResponseHeaders?: string[];
      maxAge?: number;
    };
  };
  if (!url.enabled) return;
  const authType = url.authMode ?? 'NONE';
  const props: Record<string, CfnValue> = { TargetFunctionArn: ids.arn, AuthType: authType };
  if (url.responseStreamEnabled) props.InvokeMode = 'RESPONSE_STREAM';
  if (url.cors?.enabled) {
    const c = url.cors;
    const cors: Record<string, CfnValue> = {
      AllowOrigins: c.allowedOrigins ?? ['*'],
      AllowHeaders: c.allowedHeaders ?? ['*'],
      AllowMethods: c.allowedMethods ?? ['*'],
    };
    if (c.allowCredentials !== undefined) cors.AllowCredentials = c.allowCredentials;
    if (c.exposedResponseHeaders) cors.ExposeHeaders = c.exposedResponseHeaders;
    if (c.maxAge !== undefined) cors.MaxAge = c.maxAge;
    props.Cors = cors;
  }
  ctx.addResource(ctx.names.lambdaUrl(resource.name), { Type: 'AWS::Lambda::Url', Properties: props }, at);
  if (authType === 'NONE') {
    ctx.addResource(
      ctx.names.lambdaPublicUrlPermission(resource.name),
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunctionUrl',
          FunctionName: ids.arn,
          Principal: '*',
          FunctionUrlAuthType: 'NONE',
        },
      },
      at,
    );
  }
}

/** What the function's role needs to deliver to a destination, by the destination's service. */
const destinationActions: Record<string, string[]> = {
  sqs: ['sqs:SendMessage'],
  sns: ['sns:Publish'],
  lambda: ['lambda:InvokeFunction'],
  events: ['events:PutEvents'],
};
const typeService: Record<string, string> = { 'sqs-queue': 'sqs', 'sns-topic': 'sns', function: 'lambda', 'event-bus': 'events' };

/** `destinations` → AWS::Lambda::EventInvokeConfig for asynchronous invocations, plus role permissions. */
function destinations(ctx: CompileContext, resource: ResourceView, ids: LambdaIds): IamStatement[] {
  const at = [...resource.path, 'properties', 'destinations'];
  const d = resource.properties.destinations as { onSuccess?: unknown; onFailure?: unknown };
  const config: Record<string, CfnValue> = {};
  const statements: IamStatement[] = [];
  for (const [key, prop] of [['onSuccess', 'OnSuccess'], ['onFailure', 'OnFailure']] as const) {
    const raw = d[key];
    if (raw === undefined) continue;
    const destination = ctx.resolveValue(raw, [...at, key]);
    config[prop] = { Destination: destination };
    let service: string | undefined;
    if (typeof raw === 'string') service = raw.split(':')[2];
    else if (isRuntimeDirective(raw) && raw.name === 'ResourceParam') service = typeService[ctx.resource(String(raw.args[0]))?.type ?? ''];
    const actions = (service && destinationActions[service]) || Object.values(destinationActions).flat();
    statements.push({ Effect: 'Allow', Action: actions, Resource: destination });
  }
  ctx.addResource(ctx.names.lambdaInvokeConfig(resource.name), {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: { FunctionName: { Ref: ids.functionId }, Qualifier: '$LATEST', DestinationConfig: config },
    // Lambda checks the role can reach the destinations when the config is created.
    DependsOn: [ids.roleId],
  }, at);
  return statements;
}
