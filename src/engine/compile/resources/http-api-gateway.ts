import type { HttpApiGatewayProperties } from '../../config/schema/resources/http-api-gateway.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames, pascalCase } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { userPoolClientLogicalId, userPoolLogicalId } from './user-auth-pool.js';

/**
 * `http-api-gateway` → AWS::ApiGatewayV2::Api (HTTP) with its `$default` stage (auto-deploy),
 * CORS, access logging to a log group (on unless `logging.disabled`, as in Stacktape), and custom
 * domains that come with a certificate. Routes and integrations come from the events of functions
 * and container workloads, whose compilers attach them to `logicalNames.httpApi(name)` and protect
 * them with `addHttpApiAuthorizer`.
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

  // cdn, alarms and log forwarding are not compiled yet (capabilities/ reports them).

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
  const stageId = httpApiStageLogicalId(resource.name);
  ctx.addResource(stageId, { Type: 'AWS::ApiGatewayV2::Stage', Properties: stage }, resource.path);
  compileCustomDomains(ctx, props, apiId, stageId, at);
}

/** Stacktape names domain resources after the domain, not the API (they survive a rename). */
function domainSpecifier(domain: string): string {
  return pascalCase(domain).replace('_', '');
}
export const httpApiDomainLogicalId = (domain: string): string =>
  buildLogicalName({ resourceName: '', specifier: { type: domainSpecifier(domain) }, cfnType: 'AWS::ApiGatewayV2::DomainName' });
export const httpApiDomainMappingLogicalId = (domain: string): string =>
  buildLogicalName({ resourceName: '', specifier: { type: domainSpecifier(domain) }, cfnType: 'AWS::ApiGatewayV2::ApiMapping' });

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The custom domains stp can compile: literal names (they name resources). */
function literalDomains(props: HttpApiGatewayProperties): string[] {
  return (props.customDomains ?? []).map((d) => d.domainName).filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase());
}

/**
 * A custom domain with `customCertificateArn`: a regional API Gateway domain name mapped to the
 * `$default` stage. stp does not issue certificates or write Route 53 records yet, so a domain
 * without a certificate, or without `disableDnsRecordCreation: true`, is reported: point the
 * domain's DNS at the `regionalDomainName` the domain resource exposes.
 */
function compileCustomDomains(
  ctx: CompileContext,
  props: HttpApiGatewayProperties,
  apiId: string,
  stageId: string,
  at: ConfigPath,
): void {
  (props.customDomains ?? []).forEach((domain, index) => {
    const where = [...at, 'customDomains', index];
    if (typeof domain.domainName !== 'string') {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'A custom domain name must be written out, not computed at deploy time: it names CloudFormation resources.',
        path: [...where, 'domainName'],
      });
      return;
    }
    const name = domain.domainName.toLowerCase();
    if (!DOMAIN_NAME.test(name)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${domain.domainName}" is not a domain name.`,
        path: [...where, 'domainName'],
        expected: 'e.g. api.example.com',
      });
      return;
    }
    // Issuing certificates and writing DNS records: not yet (capabilities/ reports them).
    if (domain.customCertificateArn === undefined || domain.disableDnsRecordCreation !== true) return;
    const domainId = httpApiDomainLogicalId(name);
    ctx.addResource(
      domainId,
      {
        Type: 'AWS::ApiGatewayV2::DomainName',
        Properties: {
          DomainName: name,
          DomainNameConfigurations: [
            {
              CertificateArn: ctx.resolveValue(domain.customCertificateArn, [...where, 'customCertificateArn']),
              EndpointType: 'REGIONAL',
              SecurityPolicy: 'TLS_1_2',
            },
          ],
        },
      },
      where,
    );
    ctx.addResource(
      httpApiDomainMappingLogicalId(name),
      {
        Type: 'AWS::ApiGatewayV2::ApiMapping',
        Properties: { ApiId: { Ref: apiId }, DomainName: { Ref: domainId }, Stage: '$default' },
        // The $default stage must exist before a mapping can name it.
        DependsOn: [stageId],
      },
      where,
    );
  });
}

export const httpApiGatewayCompiler: ResourceCompiler = {
  type: 'http-api-gateway',
  compile,
  referenceableParams: {
    domain: ({ resourceName }) => ({
      'Fn::Sub': `\${${httpApiLogicalId(resourceName)}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`,
    }),
    url: ({ resourceName }) => ({ 'Fn::GetAtt': [httpApiLogicalId(resourceName), 'ApiEndpoint'] }),
    customDomains: ({ properties }) => {
      const domains = literalDomains(properties as HttpApiGatewayProperties);
      return domains.length > 0 ? domains.join(',') : undefined;
    },
    customDomainUrls: ({ properties }) => {
      const domains = literalDomains(properties as HttpApiGatewayProperties);
      return domains.length > 0 ? domains.map((d) => `https://${d}`).join(',') : undefined;
    },
    customDomainUrl: ({ properties }) => {
      const [first] = literalDomains(properties as HttpApiGatewayProperties);
      return first === undefined ? undefined : `https://${first}`;
    },
  },
};

/** The `authorizer` of an `http-api-gateway` event (function or container). */
export interface HttpApiAuthorizerConfig {
  type: 'cognito' | 'lambda';
  properties: Record<string, unknown>;
}

/** What a route needs to be protected by an authorizer. */
export interface RouteAuthorization {
  AuthorizationType: 'JWT' | 'CUSTOM';
  AuthorizerId: CfnValue;
  AuthorizationScopes?: string[];
}

/** Stacktape names an authorizer after the route it protects (one per route). */
export const httpApiAuthorizerLogicalId = (owner: string, method: string, path: string): string =>
  buildLogicalName({
    resourceName: '',
    specifier: { type: `${owner}-${method === '*' ? 'Any' : method}-${path === '*' ? 'Default' : path}` },
    cfnType: 'AWS::ApiGatewayV2::Authorizer',
  });
const authorizerPermissionLogicalId = (functionName: string, apiName: string): string =>
  buildLogicalName({ resourceName: functionName, specifier: { type: `${apiName}Authorizer` }, cfnType: 'AWS::Lambda::Permission' });

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/**
 * Adds the authorizer of one route to the HTTP API `apiName` and returns the properties the route
 * must carry (or undefined after reporting a problem at `at`). `cognito` → a JWT authorizer that
 * accepts tokens of the pool's client; `lambda` → a REQUEST authorizer running the function
 * (simple responses unless `iamResponse`), with the permission API Gateway needs to invoke it.
 */
export function addHttpApiAuthorizer(
  ctx: CompileContext,
  route: { apiName: string; owner: string; method: string; path: string; authorizer: HttpApiAuthorizerConfig; at: ConfigPath },
): RouteAuthorization | undefined {
  const { apiName, authorizer, at } = route;
  const apiId = httpApiLogicalId(apiName);
  const id = httpApiAuthorizerLogicalId(route.owner, route.method, route.path);
  const p = authorizer.properties ?? {};
  const identitySources = stringList(p.identitySources);
  const name = physicalName([route.owner, route.method === '*' ? 'any' : route.method.toLowerCase(), String(route.path)], 128).replace(/[^A-Za-z0-9-_]/g, '-');

  if (authorizer.type === 'cognito') {
    const poolName = p.userPoolName;
    const pool = typeof poolName === 'string' ? ctx.resource(poolName) : undefined;
    if (!pool || pool.type !== 'user-auth-pool') {
      const pools = ctx.resources().filter((r) => r.type === 'user-auth-pool').map((r) => r.name);
      ctx.addDiagnostic({
        code: 'STP_COMPILE_UNKNOWN_RESOURCE',
        message: `The cognito authorizer's userPoolName "${String(poolName)}" is not a user-auth-pool in this stack.`,
        path: [...at, 'properties', 'userPoolName'],
        expected: pools.length > 0 ? `one of: ${pools.join(', ')}` : 'the name of a user-auth-pool resource',
      });
      return undefined;
    }
    ctx.addResource(
      id,
      {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: apiId },
          Name: name,
          AuthorizerType: 'JWT',
          IdentitySource: identitySources ?? ['$request.header.Authorization'],
          JwtConfiguration: {
            Audience: [{ Ref: userPoolClientLogicalId(pool.name) }],
            Issuer: {
              'Fn::Sub': `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${userPoolLogicalId(pool.name)}}`,
            },
          },
        },
      },
      at,
    );
    return { AuthorizationType: 'JWT', AuthorizerId: { Ref: id } };
  }

  const functionName = p.functionName;
  const fn = typeof functionName === 'string' ? ctx.resource(functionName) : undefined;
  if (!fn || fn.type !== 'function') {
    const functions = ctx.resources().filter((r) => r.type === 'function').map((r) => r.name);
    ctx.addDiagnostic({
      code: 'STP_COMPILE_UNKNOWN_RESOURCE',
      message: `The lambda authorizer's functionName "${String(functionName)}" is not a function in this stack.`,
      path: [...at, 'properties', 'functionName'],
      expected: functions.length > 0 ? `one of: ${functions.join(', ')}` : 'the name of a function resource',
    });
    return undefined;
  }
  const ttl = typeof p.cacheResultSeconds === 'number' ? p.cacheResultSeconds : 0;
  if (ttl > 0 && !identitySources?.length) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: 'A lambda authorizer that caches results needs identitySources (the cache key).',
      path: [...at, 'properties', 'identitySources'],
      expected: "e.g. ['$request.header.Authorization']",
    });
  }
  const functionArn = ctx.referenceParam(fn.name, 'arn', at);
  const properties: Record<string, CfnValue> = {
    ApiId: { Ref: apiId },
    Name: name,
    AuthorizerType: 'REQUEST',
    AuthorizerUri: {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', functionArn, '/invocations']],
    },
    AuthorizerPayloadFormatVersion: '2.0',
    EnableSimpleResponses: p.iamResponse !== true,
    AuthorizerResultTtlInSeconds: ttl,
  };
  if (identitySources?.length) properties.IdentitySource = identitySources;
  ctx.addResource(id, { Type: 'AWS::ApiGatewayV2::Authorizer', Properties: properties }, at);
  const permissionId = authorizerPermissionLogicalId(fn.name, apiName);
  if (!ctx.hasResource(permissionId)) {
    ctx.addResource(
      permissionId,
      {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: functionArn,
          Principal: 'apigateway.amazonaws.com',
          SourceArn: { 'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${apiId}}/authorizers/*` },
        },
      },
      at,
    );
  }
  return { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: id } };
}
