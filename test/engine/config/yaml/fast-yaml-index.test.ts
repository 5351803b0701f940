import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadYamlFast } from '../../../../src/engine/config/yaml/fast-yaml-index.js';
import { parseConfigYamlFully } from '../../../../src/engine/config/yaml/parse-config-yaml-fully.js';

/**
 * The fast js-yaml index must answer exactly like the `yaml` Document positions: same value, and
 * the same position for every key and value path (and for missing paths) in real configs.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../../..');
const corpus = join(repo, '../shared/corpus/stacktape-configs');

function yamlFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['valid', 'invalid', 'legacy', 'snippets']) {
    for (const f of readdirSync(join(corpus, dir))) if (/\.ya?ml$/.test(f)) files.push(join(corpus, dir, f));
  }
  for (const f of readdirSync(join(repo, 'test/fixtures/config/invalid'))) files.push(join(repo, 'test/fixtures/config/invalid', f));
  for (const d of readdirSync(join(repo, 'config/examples'))) files.push(join(repo, 'config/examples', d, 'stacktape.yml'));
  return files.sort();
}

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

describe('fast YAML index agrees with the yaml Document', () => {
  const files = yamlFiles();
  let fastCount = 0;

  it.each(files.map((f) => [f.slice(f.lastIndexOf('/', f.lastIndexOf('/') - 1) + 1), f]))('%s', (_, file) => {
    const source = readFileSync(file, 'utf8');
    const fast = loadYamlFast(source, file);
    const full = parseConfigYamlFully(source, file);
    if (!fast) {
      // Only YAML the fast path must not take: syntax errors, duplicates, anchors or tags.
      expect(full.diagnostics.length > 0 || /[&*!]\S/.test(source)).toBe(true);
      return;
    }
    fastCount++;
    expect(full.diagnostics).toEqual([]);
    expect(fast.value).toEqual(full.value);
    const get = (value: unknown, path: (string | number)[]) =>
      path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
    for (const path of paths(full.value)) {
      for (const target of ['key', 'value'] as const) {
        const a = fast.positions.positionOf(path, target);
        const b = full.positions.positionOf(path, target);
        const where = `${path.join('.')} (${target})`;
        expect({ where, line: a?.line, column: a?.column }).toEqual({ where, line: b?.line, column: b?.column });
        if (target === 'value' && isScalar(get(full.value, path)) && b?.endLine === b?.line) {
          expect({ where, endColumn: a?.endColumn }).toEqual({ where, endColumn: b?.endColumn });
        }
      }
      const missing = [...path, 'notThere', 0];
      expect(fast.positions.positionOf(missing)).toMatchObject({
        line: full.positions.positionOf(missing)!.line,
        column: full.positions.positionOf(missing)!.column,
      });
      expect(fast.positions.has(path)).toBe(true);
    }
  });

  it('takes the fast path for most real configs', () => {
    // Exactly: 113 of the 117 files take it today (the rest use anchors, tags or other constructs it declines).
    expect([fastCount, files.length]).toEqual([113, 117]);
  });
});

describe('loadYamlFast declines what it cannot place exactly', () => {
  it.each([
    ['anchors and merge keys', 'a: &x {b: 1}\nc:\n  <<: *x\n'],
    ['tags', 'a: !Ref Foo\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['syntax errors', 'a: [1, 2\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a merge key without an alias', 'a:\n  <<: { b: 1 }\n'],
  ])('%s', (_, source) => {
    expect(loadYamlFast(source, 'x.yml')).toBeUndefined();
  });

  it('keeps shell text with && and globs on the fast path', () => {
    const fast = loadYamlFast("run: npm ci && npm test -- *.spec.ts\nnote: 'a & b'\n", 'x.yml');
    expect(fast?.value).toEqual({ run: 'npm ci && npm test -- *.spec.ts', note: 'a & b' });
  });

  it('handles an empty file and comments-only files', () => {
    expect(loadYamlFast('', 'x.yml')?.value).toBeUndefined();
    expect(loadYamlFast('# nothing\n', 'x.yml')?.value ?? null).toBeNull();
  });
});
