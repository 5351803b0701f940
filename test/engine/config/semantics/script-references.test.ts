import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './expect-diagnostics.js';

const config = (role: string) => `scripts:
  migrate:
    type: local-script
    properties: { executeCommand: x, assumeRoleOfResource: ${role} }
resources:
  apiFunction:
    type: function
    properties: {}
  files:
    type: bucket
    properties: {}
`;

describe('script references', () => {
  it('accepts a workload role', () => expect(diagnosticsOf(config('apiFunction'))).toEqual([]));

  it.each([
    ['apiFuncton', 'assumeRoleOfResource "apiFuncton": no resource with that name in this stack', 'did you mean "apiFunction"?'],
    ['files', 'assumeRoleOfResource "files" names a bucket, which has no role to assume', 'name a function, service, batch job or deployment script'],
  ])('rejects %s', (role, message, hint) => {
    const ds = diagnosticsOf(config(role));
    expect(ds.map((d) => [d.code, d.message, d.hint])).toEqual([['STP_CONFIG_UNKNOWN_REFERENCE', message, hint]]);
  });
});
