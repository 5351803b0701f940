import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../src/engine/compile/validate/validate-template.js';
import { stackFixture } from './stack-fixture.js';

/**
 * The compiler runs on validated configs, but must still never throw on a thin one (a config
 * whose resources failed validation is sometimes compiled for a partial preview): it reports.
 */
describe('compile robustness', () => {
  const types = ['function', 'deployment-script', 'multi-container-workload', 'web-service', 'private-service', 'worker-service', 'batch-job'];
  it.each(types)('%s with empty properties compiles to diagnostics, not an exception', (type) => {
    const result = compileStack(stackFixture({ thing: { type, properties: {} } }));
    // Either it says what is missing, or what it produced is a valid template.
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) expect(validateTemplate(result.template)).toEqual([]);
    else {
      expect(errors.every((e) => e.path?.[0] === 'resources' && e.path[1] === 'thing')).toBe(true);
      // No output may point at a resource that was not compiled.
      expect(result.template.Outputs).toBeUndefined();
    }
    expect(JSON.stringify(result.template)).toBe(JSON.stringify(compileStack(stackFixture({ thing: { type, properties: {} } })).template));
  });
});
