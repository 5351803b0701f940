import { describe, expect, it } from 'vitest';
import { runInDependencyOrder } from '../../../../../src/emulator/services/cloudformation/operations/run-in-dependency-order.js';

const deps = new Map<string, Set<string>>([
  ['Role', new Set()],
  ['Bucket', new Set()],
  ['Fn', new Set(['Role', 'Bucket'])],
  ['Perm', new Set(['Fn'])],
]);

describe('runInDependencyOrder', () => {
  it('starts independent nodes together and each node after its dependencies', async () => {
    const log: string[] = [];
    const result = await runInDependencyOrder(['Perm', 'Fn', 'Bucket', 'Role'], deps, async (node) => {
      log.push(`start ${node}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`end ${node}`);
      return true;
    }, { stopOnFailure: true });
    expect(log.slice(0, 2).sort()).toEqual(['start Bucket', 'start Role']);
    expect(log.indexOf('start Fn')).toBeGreaterThan(Math.max(log.indexOf('end Role'), log.indexOf('end Bucket')));
    expect(log.indexOf('start Perm')).toBeGreaterThan(log.indexOf('end Fn'));
    expect(result.succeeded).toHaveLength(4);
  });

  it('starts nothing new after a failure and reports what never ran', async () => {
    let aborted = false;
    const result = await runInDependencyOrder(['Role', 'Bucket', 'Fn', 'Perm'], deps, async (node) => node !== 'Role', {
      stopOnFailure: true,
      onFirstFailure: () => (aborted = true),
    });
    expect(aborted).toBe(true);
    expect(result.failed).toEqual(['Role']);
    expect(result.notStarted.sort()).toEqual(['Fn', 'Perm']);
  });
});
