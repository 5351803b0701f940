import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { referencedResource } from './stack-reference.js';

/**
 * `authorizer` of an http-api-gateway event → an AWS::ApiGatewayV2::Authorizer and the route's
 * authorization properties. `cognito`: a JWT authorizer trusting a user-auth-pool of the stack
 * (issuer = the pool, audience = its client). Lambda authorizers are reported as unsupported.
 */
export function httpApiAuthorization(
  ctx: CompileContext,
  owner: string,
  route: { method: string; path: string },
  apiLogicalId: string,
  authorizer: { type?: string; properties?: Record<string, unknown> },
  at: ConfigPath,
): Record<string, CfnValue> | undefined {
  const props = authorizer.properties ?? {};
  if (authorizer.type !== 'cognito') {
    ctx.unsupported([...at, 'type'], `"${String(authorizer.type)}" authorizers on http-api-gateway events`, 'use a cognito authorizer');
    return undefined;
  }
  const pool = referencedResource(ctx, props.userPoolName, ['user-auth-pool'], [...at, 'properties', 'userPoolName']);
  if (!pool) return undefined;
  const poolId = ctx.referenceParam(pool.name, 'id', [...at, 'properties', 'userPoolName']);
  const clientId = ctx.referenceParam(pool.name, 'clientId', [...at, 'properties', 'userPoolName']);
  if (poolId === undefined || clientId === undefined) return undefined;
  const id = ctx.names.httpApiAuthorizer(owner, route.method, route.path);
  const identitySource = Array.isArray(props.identitySources) ? props.identitySources : ['$request.header.Authorization'];
  ctx.addResource(id, {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: { Ref: apiLogicalId },
      AuthorizerType: 'JWT',
      Name: id,
      IdentitySource: identitySource,
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', poolId]] },
        Audience: [clientId],
      },
    },
  }, at);
  return { AuthorizationType: 'JWT', AuthorizerId: { Ref: id } };
}
