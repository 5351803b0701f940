import { describe, expect, it } from 'vitest';
import { functionCompiler } from '../../../../src/engine/compile/resources/function.js';
import type { CompileContext } from '../../../../src/engine/compile/compile-context.js';
import type { ResourceView } from '../../../../src/engine/compile/resource-compiler.js';
import {
  addHttpApiAuthorizer,
  httpApiGatewayCompiler,
  type HttpApiAuthorizerConfig,
} from '../../../../src/engine/compile/resources/http-api-gateway.js';
import { userAuthPoolCompiler } from '../../../../src/engine/compile/resources/user-auth-pool.js';
import { compileWith, errors } from './compile-data-fixture.js';

const fn = (method: string, path: string) => ({
  type: 'function',
  properties: {
    packaging: { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: './src/h.ts' } },
    events: [{ type: 'http-api-gateway', properties: { httpApiGatewayName: 'api', method, path } }],
  },
});

describe('http-api-gateway', () => {
  it('compiles an HTTP API with $default auto-deploy stage, JSON access logs, and function routes', () => {
    const result = compileWith([httpApiGatewayCompiler, functionCompiler], {
      api: { type: 'http-api-gateway', properties: { logging: { retentionDays: 7 } } },
      getItems: fn('GET', '/items'),
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.ApiApi?.Properties).toMatchObject({ Name: 'shop-dev-api', ProtocolType: 'HTTP' });
    expect(r.ApiApi?.Properties?.CorsConfiguration).toBeUndefined();
    expect(r.ApiStage?.Properties).toMatchObject({
      ApiId: { Ref: 'ApiApi' },
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${ApiLogGroup}' },
      },
    });
    const format = JSON.parse((r.ApiStage?.Properties?.AccessLogSettings as { Format: string }).Format) as Record<string, string>;
    expect(Object.keys(format)).toEqual(['requestId', 'ip', 'requestTime', 'httpMethod', 'routeKey', 'status', 'protocol', 'responseLength']);
    expect(r.ApiLogGroup?.Properties).toMatchObject({ RetentionInDays: 7 });
    expect(Object.values(r).some((res) => res.Type === 'AWS::ApiGatewayV2::Route')).toBe(true);
    expect(result.template.Outputs?.ApiUrl?.Value).toEqual({ 'Fn::GetAtt': ['ApiApi', 'ApiEndpoint'] });
  });

  it('configures CORS with Stacktape defaults and methods inferred from the routes', () => {
    const result = compileWith([httpApiGatewayCompiler, functionCompiler], {
      api: { type: 'http-api-gateway', properties: { cors: { enabled: true }, logging: { disabled: true } } },
      a: fn('GET', '/a'),
      b: fn('POST', '/b'),
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.ApiApi?.Properties?.CorsConfiguration).toEqual({
      AllowOrigins: ['*'],
      AllowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent'],
      AllowMethods: ['GET', 'POST'],
    });
    expect(result.template.Resources.ApiLogGroup).toBeUndefined();
    expect(result.template.Resources.ApiStage?.Properties?.AccessLogSettings).toBeUndefined();
  });

  it('passes explicit CORS settings through and rejects credentials for every origin', () => {
    const ok = compileWith([httpApiGatewayCompiler], {
      api: {
        type: 'http-api-gateway',
        properties: {
          cors: { enabled: true, allowedOrigins: ['https://shop.example'], allowedMethods: ['*'], allowCredentials: true, maxAge: 600, exposedResponseHeaders: ['X-Id'] },
        },
      },
    });
    expect(ok.template.Resources.ApiApi?.Properties?.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://shop.example'],
      AllowMethods: ['*'],
      AllowCredentials: true,
      MaxAge: 600,
      ExposeHeaders: ['X-Id'],
    });
    const bad = compileWith([httpApiGatewayCompiler], {
      api: { type: 'http-api-gateway', properties: { cors: { enabled: true, allowCredentials: true } } },
    });
    expect(bad.diagnostics.map((d) => d.path?.join('.'))).toEqual(['resources.api.properties.cors.allowCredentials']);
  });

  it('reports cdn, and custom domains without certificate or with DNS records, as not compiled yet', () => {
    const result = compileWith([httpApiGatewayCompiler], {
      api: {
        type: 'http-api-gateway',
        properties: {
          customDomains: [
            { domainName: 'api.example.com' },
            { domainName: 'api2.example.com', customCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' },
            { domainName: 'not a domain', customCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x', disableDnsRecordCreation: true },
          ],
          cdn: { enabled: true },
        },
      },
    });
    expect(result.diagnostics.map((d) => [d.code, d.path?.slice(3).join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'cdn'],
      ['STP_COMPILE_UNSUPPORTED', 'customDomains.0'],
      ['STP_COMPILE_UNSUPPORTED', 'customDomains.1'],
      ['STP_COMPILE_INVALID_PROPERTY', 'customDomains.2.domainName'],
    ]);
  });

  it('maps a custom domain with its own certificate to the $default stage', () => {
    const result = compileWith([httpApiGatewayCompiler], {
      api: {
        type: 'http-api-gateway',
        properties: {
          customDomains: [
            { domainName: 'API.example.com', customCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x', disableDnsRecordCreation: true },
          ],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.StpApiExampleComDomainName?.Properties).toMatchObject({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [
        { CertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x', EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    expect(result.template.Resources.StpApiExampleComApiMapping).toMatchObject({
      Properties: { ApiId: { Ref: 'ApiApi' }, DomainName: { Ref: 'StpApiExampleComDomainName' }, Stage: '$default' },
      DependsOn: ['ApiStage'],
    });
    expect(result.template.Outputs?.ApiCustomDomainUrl?.Value).toBe('https://api.example.com');
  });
});

describe('http-api-gateway authorizers', () => {
  /** A route owner that protects `GET /me` with the authorizer in its properties. */
  const routeOwner = {
    type: 'multi-container-workload',
    compile(resource: ResourceView, ctx: CompileContext) {
      const auth = addHttpApiAuthorizer(ctx, {
        apiName: 'api',
        owner: resource.name,
        method: 'GET',
        path: '/me',
        authorizer: resource.properties.authorizer as HttpApiAuthorizerConfig,
        at: [...resource.path, 'properties', 'authorizer'],
      });
      if (!auth) return;
      ctx.addResource(`${resource.name}Route`, {
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { ApiId: { Ref: 'ApiApi' }, RouteKey: 'GET /me', ...auth },
      });
    },
  };

  it('protects a route with a JWT authorizer for a user pool client', () => {
    const result = compileWith([httpApiGatewayCompiler, userAuthPoolCompiler, routeOwner], {
      api: { type: 'http-api-gateway', properties: {} },
      authPool: { type: 'user-auth-pool', properties: {} },
      protectedEndpoint: { type: 'multi-container-workload', properties: { authorizer: { type: 'cognito', properties: { userPoolName: 'authPool' } } } },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.StpProtectedEndpointGetMeAuthorizer?.Properties).toMatchObject({
      ApiId: { Ref: 'ApiApi' },
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: 'AuthPoolUserPoolClient' }],
        Issuer: { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${AuthPoolUserPool}' },
      },
    });
    expect(result.template.Resources.protectedEndpointRoute?.Properties).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: 'StpProtectedEndpointGetMeAuthorizer' },
    });
  });

  it('protects a route with a lambda REQUEST authorizer and lets API Gateway invoke it', () => {
    const result = compileWith([httpApiGatewayCompiler, functionCompiler, routeOwner], {
      api: { type: 'http-api-gateway', properties: {} },
      checkToken: fn('GET', '/unused'),
      protectedEndpoint: {
        type: 'multi-container-workload',
        properties: { authorizer: { type: 'lambda', properties: { functionName: 'checkToken', identitySources: ['$request.header.X-Key'], cacheResultSeconds: 60 } } },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.StpProtectedEndpointGetMeAuthorizer?.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 60,
      IdentitySource: ['$request.header.X-Key'],
    });
    expect(result.template.Resources.CheckTokenApiAuthorizerPermission?.Properties).toMatchObject({
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': ['CheckTokenFunction', 'Arn'] },
    });
    expect(result.template.Resources.protectedEndpointRoute?.Properties?.AuthorizationType).toBe('CUSTOM');
  });

  it('reports an authorizer naming a missing pool or function', () => {
    const result = compileWith([httpApiGatewayCompiler, routeOwner], {
      api: { type: 'http-api-gateway', properties: {} },
      a: { type: 'multi-container-workload', properties: { authorizer: { type: 'cognito', properties: { userPoolName: 'nope' } } } },
      b: { type: 'multi-container-workload', properties: { authorizer: { type: 'lambda', properties: { functionName: 'nope' } } } },
    });
    expect(result.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_COMPILE_UNKNOWN_RESOURCE', 'resources.a.properties.authorizer.properties.userPoolName'],
      ['STP_COMPILE_UNKNOWN_RESOURCE', 'resources.b.properties.authorizer.properties.functionName'],
    ]);
  });
});
