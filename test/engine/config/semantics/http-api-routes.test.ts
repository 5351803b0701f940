import { describe, expect, it } from 'vitest';
import { diagnosticsOf, lambda } from './expect-diagnostics.js';

const api = '  api:\n    type: http-api-gateway\n    properties: {}\n';
const route = (method: string, path: string) =>
  `        - type: http-api-gateway\n          properties: { httpApiGatewayName: api, method: '${method}', path: '${path}' }\n`;

describe('HTTP API routes', () => {
  it('rejects the same method and path twice', () => {
    const ds = diagnosticsOf(`resources:\n${api}${lambda('a', route('GET', '/users'))}${lambda('b', route('get', '/users'))}`);
    expect(ds.map((d) => d.code)).toEqual(['STP_CONFIG_DUPLICATE_ROUTE']);
    expect(ds[0]!.message).toBe('route "GET /users" on HTTP API "api" is already handled by a');
  });

  it('accepts different methods on one path, and ANY next to GET', () => {
    expect(diagnosticsOf(`resources:\n${api}${lambda('a', route('GET', '/users') + route('POST', '/users'))}${lambda('b', route('*', '/users'))}`)).toEqual([]);
  });
});
