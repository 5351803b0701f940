import { describe, expect, it } from 'vitest';
import { isSensitiveParam } from '../../../../src/engine/compile/intrinsics/sensitive-params.js';
import { relationalDatabaseCompiler } from '../../../../src/engine/compile/resources/relational-database.js';

describe('sensitive referenceable params', () => {
  it('are exactly the relational-database params whose value holds the password', () => {
    const password = 'p4ssw0rd-literal';
    const credentials = { masterUserPassword: password };
    // Between them, these two databases produce every param.
    const configurations = [
      { credentials, engine: { type: 'aurora-postgresql', properties: { version: '16', instances: [{ instanceSize: 'db.r7g.large' }] } } },
      {
        credentials,
        engine: { type: 'mysql', properties: { version: '8.0', primaryInstance: { instanceSize: 'db.t4g.micro' }, readReplicas: [{ instanceSize: 'db.t4g.micro' }] } },
      },
    ];
    const params = relationalDatabaseCompiler.referenceableParams ?? {};
    for (const [param, resolve] of Object.entries(params)) {
      const holdsPassword = configurations.some((properties) =>
        JSON.stringify(resolve({ resourceName: 'db', properties, stackName: 'app-dev' }) ?? null).includes(password),
      );
      expect([param, holdsPassword]).toEqual([param, isSensitiveParam('relational-database', param)]);
    }
  });

  it('flags nothing on other types', () => {
    expect(isSensitiveParam('bucket', 'arn')).toBe(false);
    expect(isSensitiveParam('relational-database', 'host')).toBe(false);
  });
});
