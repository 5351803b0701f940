import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';

/**
 * One bad config per concept under test/fixtures/config/invalid/. Each file's first line says what
 * must be reported: `# expect: <CODE> <line>:<column> [hint=<text the hint must contain>]`.
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../fixtures/config/invalid');

interface Expectation {
  code: string;
  line: number;
  column: number;
  hint?: string;
}

function expectationOf(file: string): Expectation {
  const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
  const match = /^# expect: (STP_[A-Z_]+) (\d+):(\d+)(?: hint=(\S+))?\s*$/.exec(first);
  if (!match) throw new Error(`${file}: first line must be "# expect: CODE line:col [hint=...]"`);
  return {
    code: match[1]!,
    line: Number(match[2]),
    column: Number(match[3]),
    ...(match[4] ? { hint: match[4] } : {}),
  };
}

const files = readdirSync(fixtures).filter((f) => f.endsWith('.yml')).sort();

describe('invalid config fixtures', () => {
  it('has the 46 fixtures', () => {
    expect(files).toHaveLength(46);
  });

  it.each(files)('%s', async (name) => {
    const file = join(fixtures, name);
    const expected = expectationOf(file);
    const result = await loadStackConfig({ cwd: fixtures, configPath: name, stage: 'dev', region: 'eu-west-1' });
    expect(result.ok).toBe(false);
    const summary = result.diagnostics.map(
      (d) => `${d.code} ${d.position ? `${d.position.line}:${d.position.column}` : '-'} ${d.message}`,
    );
    const match = result.diagnostics.find(
      (d) => d.code === expected.code && d.position?.line === expected.line && d.position?.column === expected.column,
    );
    expect(match, `expected ${expected.code} at ${expected.line}:${expected.column}, got:\n${summary.join('\n')}`).toBeDefined();
    expect(match!.position!.file).toBe(file);
    expect(match!.message.length).toBeGreaterThan(10);
    if (expected.hint) expect(match!.hint ?? '').toContain(expected.hint);
  });
});
