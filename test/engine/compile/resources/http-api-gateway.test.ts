import { describe, expect, it } from 'vitest';
import { functionCompiler } from '../../../../src/engine/compile/resources/function.js';
import { httpApiGatewayCompiler } from '../../../../src/engine/compile/resources/http-api-gateway.js';
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

  it('reports custom domains and cdn as not compiled yet', () => {
    const result = compileWith([httpApiGatewayCompiler], {
      api: { type: 'http-api-gateway', properties: { customDomains: [{ domainName: 'api.example.com' }], cdn: { enabled: true } } },
    });
    expect(result.diagnostics.map((d) => [d.code, d.path?.at(-1)])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'customDomains'],
      ['STP_COMPILE_UNSUPPORTED', 'cdn'],
    ]);
  });
});
