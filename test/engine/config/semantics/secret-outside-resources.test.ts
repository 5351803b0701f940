import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './expect-diagnostics.js';

describe('$Secret outside resources', () => {
  it('rejects secrets in stack outputs and tags, at the directive', () => {
    const ds = diagnosticsOf(`stackConfig:
  outputs:
    - name: dbPassword
      value: $Secret('db.password')
  tags:
    - name: owner
      value: "team-$Secret('owner')"
resources: {}
`);
    expect(ds.map((d) => [d.code, d.path!.join('.'), d.position?.line, d.position?.column])).toEqual([
      ['STP_CONFIG_SECRET_OUTSIDE_RESOURCES', 'stackConfig.outputs.0.value', 4, 14],
      ['STP_CONFIG_SECRET_OUTSIDE_RESOURCES', 'stackConfig.tags.0.value', 7, 20],
    ]);
  });

  it('allows other runtime directives in outputs', () => {
    expect(diagnosticsOf(`stackConfig:\n  outputs:\n    - name: url\n      value: $ResourceParam('api', 'url')\nresources:\n  api:\n    type: http-api-gateway\n    properties: {}\n`)).toEqual([]);
  });
});
