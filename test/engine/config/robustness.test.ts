import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStackConfigSource } from '../../../src/engine/config/load-stack-config.js';

/**
 * "Never a crash": deterministic mutations of the example stacks (lines dropped, duplicated,
 * re-indented, values swapped for lists, maps, nulls and numbers) must always come back as
 * diagnostics with a position, never as an exception.
 */
const here = dirname(fileURLToPath(import.meta.url));
const examples = ['api-smoke-test', 'canary-workload', 'upload-pipeline'].map((name) =>
  join(here, '../../../config/examples', name, 'stacktape.yml'),
);

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const REPLACEMENTS = ['[]', '{}', '~', '42', "''", '[a, b]', '{ type: x }', "$ResourceParam('nope', 'url')", '$Var().missing', 'true'];

function mutate(source: string, random: () => number): string {
  const lines = source.split('\n');
  const i = Math.floor(random() * lines.length);
  const line = lines[i] ?? '';
  switch (Math.floor(random() * 5)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, line);
      break;
    case 2:
      lines[i] = random() < 0.5 ? ` ${line}` : line.replace(/^ {1,2}/, '');
      break;
    default: {
      const colon = line.indexOf(': ');
      const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)]!;
      lines[i] = colon >= 0 ? `${line.slice(0, colon + 2)}${replacement}` : `${line} ${replacement}`;
    }
  }
  return lines.join('\n');
}

describe('robustness', () => {
  it.each(examples)('mutations of %s never throw', async (file) => {
    const original = readFileSync(file, 'utf8');
    // Seeded by the example's name, not its absolute path: the same mutations in every checkout.
    const random = prng(relative(join(here, '../../../config/examples'), file).length);
    let failures = 0;
    for (let round = 0; round < 60; round++) {
      let source = original;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) source = mutate(source, random);
      const result = await loadStackConfigSource(source, file, { stage: 'dev', region: 'eu-west-1' });
      if (!result.ok) failures++;
      for (const d of result.diagnostics) {
        expect(d.position, `${d.code}: ${d.message}\n--- config ---\n${source}`).toBeDefined();
        expect(d.message).not.toMatch(/\[object Object\]/);
      }
      expect(result.ok).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
    }
    // Most mutations break something; a test that never sees a failure is not testing anything.
    expect(failures).toBeGreaterThan(20);
  });
});
