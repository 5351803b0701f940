import { describe, expect, it } from 'vitest';
import { loadStackConfigSource } from '../../../../src/engine/config/load-stack-config.js';
import { loadYamlFast } from '../../../../src/engine/config/yaml/fast-yaml-index.js';
import { parseConfigYamlFully } from '../../../../src/engine/config/yaml/parse-config-yaml-fully.js';

/**
 * Differential test: the js-yaml fast path and the `yaml` package must read every plain scalar the
 * same way (YAML 1.2 core schema, as `yaml` does), as a value and as a key. The scalars come from
 * a seeded generator, so a failure names a reproducible input.
 */

/** mulberry32: small, seeded, good enough to spread the cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateScalars(seed: number, count: number): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const digits = (alphabet: string, min: number, max: number) => {
    const n = min + Math.floor(random() * (max - min + 1));
    let out = '';
    for (let i = 0; i < n; i++) {
      out += alphabet[Math.floor(random() * alphabet.length)];
      if (i < n - 1 && chance(0.12)) out += '_';
    }
    return out;
  };
  const randomCase = (word: string) => [...word].map((c) => (chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  const sign = () => pick(['', '', '+', '-']);
  const generators: (() => string)[] = [
    // decimal integers, with underscores, signs and leading zeros
    () => `${sign()}${digits('0123456789', 1, 22)}`,
    () => `${sign()}${chance(0.5) ? '0' : ''}${digits('01234567', 1, 6)}`,
    // radix prefixes in both cases, signed or not, digits in and out of range
    () => `${sign()}0${pick(['x', 'X', 'o', 'O', 'b', 'B'])}${digits('0123456789abcdefABCDEFgG', 0, 10)}`,
    // floats: leading/trailing dots, exponents with signs, underscores anywhere
    () => `${sign()}${chance(0.8) ? digits('0123456789', 1, 6) : ''}${chance(0.7) ? '.' : ''}${chance(0.7) ? digits('0123456789', 0, 6) : ''}${chance(0.5) ? `${pick(['e', 'E'])}${pick(['', '+', '-'])}${digits('0123456789', 0, 3)}` : ''}`,
    // infinities and NaN in every casing, signed
    () => `${sign()}${pick(['.', '', '..'])}${randomCase(pick(['inf', 'nan', 'infinity']))}`,
    // booleans and YAML 1.1 booleans in every casing
    () => randomCase(pick(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n'])),
    // null in every casing
    () => pick(['~', randomCase('null'), 'null', 'Null', 'NULL', '~~', 'nul']),
    // timestamps and dates (YAML 1.1 types; strings in the core schema)
    () => `${2000 + Math.floor(random() * 30)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${chance(0.5) ? `${pick(['T', 't', ' '])}${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}${chance(0.5) ? `.${digits('0123456789', 1, 3)}` : ''}${pick(['', 'Z', '-05:00', '+1'])}` : ''}`,
    // sexagesimal, thousands separators, versions, units: YAML 1.1 numbers or plain strings
    () => `${sign()}${digits('0123456789', 1, 3)}${pick([':', ',', '.', '_'])}${digits('012345', 2, 2)}${chance(0.4) ? `${pick([':', '.'])}${digits('012345', 2, 2)}` : ''}`,
    () => `${digits('0123456789', 1, 4)}${pick(['MB', 'ms', 's', 'e', 'x', 'k', '%'])}`,
    // lone signs and dots
    () => pick(['+', '-0', '+0', '-0.0', '.', '+.', '-.e1', '._1', '0.', '0._', '1__0', '_1', '1_', '0x', '0o', '0b', '0x_1', '0o1_0', 'e5', '.e5']),
  ];
  const out = new Set<string>([
    // the cases from the report, and the edges of the core schema's patterns
    '1_024', '+.5e1', '1024', '-1024', '+1024', '0x1F', '0X1F', '0o17', '0O17', '017', '0b101', '-0x10', '+0o7', '1e3', '1E+3', '-1.5e-3',
    '.5', '5.', '-.5', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '-.nan', 'True', 'TRUE', 'tRUE', 'yes', 'No', 'on', 'OFF', '~', 'Null', 'NULL', 'nULL',
    '2001-12-14t21:59:43.10-05:00', '2002-12-14', '12:30:45', '1,000', '12345678901234567890', '1.7976931348623157e309', '-0', '0.0',
  ]);
  while (out.size < count) {
    const text = pick(generators)();
    if (text !== '') out.add(text);
  }
  return [...out];
}

/** NaN equals NaN and -0 differs from 0, as a config's meaning would. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const describeValue = (v: unknown) => (typeof v === 'number' ? `number ${Object.is(v, -0) ? '-0' : String(v)}` : `${typeof v} ${JSON.stringify(v)}`);

describe('fast path and yaml read every plain scalar alike (YAML 1.2 core schema)', () => {
  const scalars = generateScalars(20261206, 6000);

  it('generates thousands of distinct plain scalars', () => {
    expect(scalars.length).toBe(6000);
  });

  for (const [shape, docOf] of [
    ['as a value', (s: string) => `a: ${s}\nlist:\n  - ${s}\nflow: [${s}]\n`],
    ['as a key', (s: string) => `${s}: 1\n`],
  ] as const) {
    it(`${shape}: same value or both refuse`, () => {
      const mismatches: string[] = [];
      let fastTaken = 0;
      for (const s of scalars) {
        const source = docOf(s);
        const full = parseConfigYamlFully(source, 'x.yml');
        const fast = loadYamlFast(source, 'x.yml');
        if (!fast) continue; // the full parser answers: same by construction
        fastTaken++;
        if (full.diagnostics.length > 0) mismatches.push(`${JSON.stringify(s)}: fast path accepts, yaml reports ${full.diagnostics[0]!.message}`);
        else if (!same(fast.value, full.value)) {
          const key = Object.keys(full.value as object)[0]!;
          const fastKey = Object.keys(fast.value as object)[0]!;
          mismatches.push(
            shape === 'as a key'
              ? `${JSON.stringify(s)}: fast key ${JSON.stringify(fastKey)}, yaml key ${JSON.stringify(key)}`
              : `${JSON.stringify(s)}: fast ${describeValue((fast.value as { a: unknown }).a)}, yaml ${describeValue((full.value as { a: unknown }).a)}`,
          );
        }
      }
      expect(mismatches.slice(0, 20)).toEqual([]);
      // The fast path must really be exercised, not skipped: it takes every one of these documents
      // except the few whose scalar starts a YAML indicator the fast path leaves to `yaml`.
      expect(fastTaken).toBeGreaterThan(scalars.length * 0.95);
    });
  }
});

describe('numbers in a config mean the same on both paths', () => {
  const config = (memory: string) => `serviceName: app\nresources:\n  fn:\n    type: function\n    properties:\n      packaging:\n        type: stacktape-lambda-buildpack\n        properties:\n          entryfilePath: ./index.ts\n      memory: ${memory}\n`;

  it('memory: 1_024 is a string for both (a schema error), not 1024 on the fast path', async () => {
    expect((loadYamlFast(config('1_024'), 'x.yml')!.value as any).resources.fn.properties.memory).toBe('1_024');
    const loaded = await loadStackConfigSource(config('1_024'), 'x.yml', { stage: 'dev', region: 'eu-west-1' });
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => `${d.code} ${d.position?.line}:${d.position?.column}`)).toEqual(['STP_CONFIG_INVALID_TYPE 10:15']);
  });

  it('memory: +.1024e4 is the number 1024 for both', async () => {
    expect((loadYamlFast(config('+.1024e4'), 'x.yml')!.value as any).resources.fn.properties.memory).toBe(1024);
    const loaded = await loadStackConfigSource(config('+.1024e4'), 'x.yml', { stage: 'dev', region: 'eu-west-1' });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.resolved?.config.resources.fn?.properties).toMatchObject({ memory: 1024 });
  });

  it('0b101, -0x10 and 017 read as the core schema says', () => {
    const value = loadYamlFast('a: 0b101\nb: -0x10\nc: 017\nd: 0o17\ne: 0x1f\n', 'x.yml')!.value;
    expect(value).toEqual({ a: '0b101', b: '-0x10', c: 17, d: 15, e: 31 });
  });

  it('a %YAML 1.1 directive is left to yaml, which then reads 1_024 and yes the YAML 1.1 way', () => {
    const source = '%YAML 1.1\n---\na: 1_024\nb: yes\n';
    expect(loadYamlFast(source, 'x.yml')).toBeUndefined();
    expect(parseConfigYamlFully(source, 'x.yml').value).toEqual({ a: 1024, b: true });
  });

  it('quoted scalars (every escape), block scalars (every header) and plain multi-line scalars read alike', () => {
    const escapes = ['\\0', '\\a', '\\b', '\\t', '\\\t', '\\n', '\\v', '\\f', '\\r', '\\e', '\\ ', '\\"', '\\/', '\\\\', '\\N', '\\_', '\\L', '\\P', '\\x41', '\\u00e9', '\\U0001F600', '\\q', '\\x4'];
    const docs: string[] = escapes.map((e) => `a: "x${e}y"\n`);
    for (const q of ["'it''s'", "'a\n  b'", '"a\n  b"', '"a\\\n  b"', "'a\n\n  b'"]) docs.push(`a: ${q}\n`);
    for (const header of ['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-']) {
      for (const body of ['  x\n  y\n', '  x\n\n  y\n\n\n', '   x\n  y\n', '  x\n    y\n  z\n']) docs.push(`a: ${header}\n${body}b: 1\n`);
    }
    for (const plain of ['a b', 'a\n  b', 'a\n\n  b', 'a #c', 'a#b', 'http://x:1', '-x', ':x', 'a, b']) docs.push(`a: ${plain}\n`);
    const mismatches: string[] = [];
    let fastTaken = 0;
    for (const source of docs) {
      const fast = loadYamlFast(source, 'x.yml');
      if (!fast) continue;
      fastTaken++;
      const full = parseConfigYamlFully(source, 'x.yml');
      if (full.diagnostics.length > 0 || !same(fast.value, full.value)) mismatches.push(`${JSON.stringify(source)}: fast ${JSON.stringify(fast.value)}, yaml ${JSON.stringify(full.value)}`);
    }
    expect(mismatches).toEqual([]);
    expect(fastTaken).toBeGreaterThan(60);
  });
});
