import { expect, it } from 'vitest';
import { endpointEnv, formatEndpointEnv } from '../../src/emulator/endpoint-env.js';

it('prints the variables other AWS tools need', () => {
  const env = endpointEnv('http://127.0.0.1:4566', 'eu-west-1');
  expect(env).toEqual({
    AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  expect(formatEndpointEnv(env)).toEqual([
    'export AWS_ENDPOINT_URL=http://127.0.0.1:4566',
    'export AWS_REGION=eu-west-1',
    'export AWS_DEFAULT_REGION=eu-west-1',
    'export AWS_ACCESS_KEY_ID=test',
    'export AWS_SECRET_ACCESS_KEY=test',
  ]);
  expect(formatEndpointEnv({ X: "it's" })).toEqual([`export X='it'\\''s'`]);
});
