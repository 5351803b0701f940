import type { HttpApiGatewayProperties } from '../../config/schema/resources/http-api-gateway.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/**
 * `http-api-gateway` → AWS::ApiGatewayV2::Api (HTTP) with its `$default` stage (auto-deploy),
 * CORS, and access logging to a log group (on unless `logging.disabled`, as in Stacktape).
 * Routes and integrations come from the events of functions and container workloads, whose
 * compilers attach them to `logicalNames.httpApi(name)`.
 */
export const httpApiLogicalId = (name: string): string => logicalNames.httpApi(name);
export const httpApiStageLogicalId = (name: string): string => logicalNames.httpApiStage(name);
export const httpApiLogGroupLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::Logs::LogGroup' });

/** Stacktape's defaults: allowed headers when CORS is on, and access-log retention. */
const DEFAULT_CORS_HEADERS = ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent'];
const DEFAULT_LOG_RETENTION_DAYS = 30;

/** The fields Stacktape stores, in each of its four formats. */
const ACCESS_LOG_FIELDS: [string, string][] = [
  ['requestId', '$context.requestId'],
  ['ip', '$context.identity.sourceIp'],
  ['requestTime', '$context.requestTime'],
  ['httpMethod', '$context.httpMethod'],
  ['routeKey', '$context.routeKey'],
  ['status', '$context.status'],
  ['protocol', '$context.protocol'],
  ['responseLength', '$context.responseLength'],
];
const ACCESS_LOG_FORMATS: Record<string, string> = {
  JSON: `{${ACCESS_LOG_FIELDS.map(([k, v]) => `"${k}":"${v}"`).join(',')}}`,
  CLF: '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
  XML: `<request id="$context.requestId">${ACCESS_LOG_FIELDS.slice(1)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</request>`,
  CSV: ACCESS_LOG_FIELDS.map(([, v]) => v).join(','),
};

/** Methods of the events that route to this API (functions and multi-container workloads). */
function integrationMethods(ctx: CompileContext, apiName: string): string[] {
  const methods = new Set<string>();
  const collect = (events: unknown) => {
    if (!Array.isArray(events)) return;
    for (const event of events as { type?: unknown; properties?: { httpApiGatewayName?: unknown; method?: unknown } }[]) {
      if (event?.type === 'http-api-gateway' && event.properties?.httpApiGatewayName === apiName) {
        methods.add(typeof event.properties.method === 'string' ? event.properties.method.toUpperCase() : '*');
      }
    }
  };
  for (const resource of ctx.resources()) {
    collect(resource.properties.events);
    const containers = resource.properties.containers;
    if (Array.isArray(containers)) for (const c of containers as { events?: unknown }[]) collect(c?.events);
  }
  if (methods.has('*') || methods.size === 0) return ['*'];
  // Browsers send a preflight OPTIONS; API Gateway answers it when CORS is configured.
  return [...methods].sort();
}

function corsConfiguration(ctx: CompileContext, resource: ResourceView, at: ConfigPath): CfnValue | undefined {
  const cors = (resource.properties as HttpApiGatewayProperties).cors;
  if (!cors?.enabled) return undefined;
  const origins = cors.allowedOrigins ?? ['*'];
  if (cors.allowCredentials && origins.includes('*')) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'CORS cannot allow credentials for every origin ("*").',
      path: [...at, 'cors', 'allowCredentials'],
      hint: 'list the allowed origins in cors.allowedOrigins',
    });
  }
  const out: Record<string, CfnValue> = {
    AllowOrigins: origins,
    AllowHeaders: cors.allowedHeaders ?? DEFAULT_CORS_HEADERS,
    AllowMethods: cors.allowedMethods ?? integrationMethods(ctx, resource.name),
  };
  if (cors.allowCredentials !== undefined) out.AllowCredentials = cors.allowCredentials;
  if (cors.exposedResponseHeaders) out.ExposeHeaders = cors.exposedResponseHeaders;
  if (cors.maxAge !== undefined) out.MaxAge = cors.maxAge;
  return out;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as HttpApiGatewayProperties;
  const logging = props.logging as (HttpApiGatewayProperties['logging'] & { format?: string }) | undefined;
  const at = [...resource.path, 'properties'];
  const apiId = httpApiLogicalId(resource.name);

  if (props.customDomains && props.customDomains.length > 0) {
    ctx.unsupported([...at, 'customDomains'], 'custom domains (Route 53 records and certificates)');
  }
  if (props.cdn?.enabled) ctx.unsupported([...at, 'cdn'], 'a CDN (CloudFront) in front of an HTTP API');
  if (props.alarms && props.alarms.length > 0) ctx.unsupported([...at, 'alarms'], 'alarms');
  if (logging?.logForwarding !== undefined) ctx.unsupported([...at, 'logging', 'logForwarding'], 'log forwarding');

  const api: Record<string, CfnValue> = {
    Name: physicalName([ctx.stack.stackName, resource.name], 128),
    ProtocolType: 'HTTP',
  };
  const cors = corsConfiguration(ctx, resource, at);
  if (cors) api.CorsConfiguration = cors;
  ctx.addResource(apiId, { Type: 'AWS::ApiGatewayV2::Api', Properties: api }, resource.path);

  const stage: Record<string, CfnValue> = { ApiId: { Ref: apiId }, StageName: '$default', AutoDeploy: true };
  if (!logging?.disabled) {
    const format = logging?.format ?? 'JSON';
    const pattern = ACCESS_LOG_FORMATS[format];
    if (!pattern) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${format}" is not an access log format.`,
        path: [...at, 'logging', 'format'],
        expected: `one of: ${Object.keys(ACCESS_LOG_FORMATS).join(', ')}`,
      });
    }
    const logGroupId = httpApiLogGroupLogicalId(resource.name);
    ctx.addResource(
      logGroupId,
      {
        Type: 'AWS::Logs::LogGroup',
        Properties: {
          LogGroupName: `/stp/${ctx.stack.stackName}/${resource.name}/access-logs`,
          RetentionInDays: logging?.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        },
      },
      [...at, 'logging'],
    );
    stage.AccessLogSettings = {
      // API Gateway wants the log group ARN without the trailing ":*" that GetAtt Arn returns.
      DestinationArn: {
        'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroupId}}`,
      },
      Format: pattern ?? ACCESS_LOG_FORMATS.JSON,
    };
  }
  ctx.addResource(httpApiStageLogicalId(resource.name), { Type: 'AWS::ApiGatewayV2::Stage', Properties: stage }, resource.path);
}

export const httpApiGatewayCompiler: ResourceCompiler = {
  type: 'http-api-gateway',
  compile,
  referenceableParams: {
    domain: ({ resourceName }) => ({
      'Fn::Sub': `\${${httpApiLogicalId(resourceName)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
    }),
    url: ({ resourceName }) => ({ 'Fn::GetAtt': [httpApiLogicalId(resourceName), 'ApiEndpoint'] }),
  },
};
