/**
 * Fixtures: responses LocalStack recorded against real AWS (its `*.snapshot.json` files, Apache-2.0),
 * copied verbatim by `scripts/conformance/extract-fixture.mjs` with their source noted. One fixture
 * file per snapshot file; each holds the recorded tests the suite replays.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bindings, type LocalIdentity } from './recorded-match.js';
import { expectRecorded, type ExpectOptions } from './recorded-compare.js';

export interface FixtureSource {
  repository: string;
  commit: string;
  path: string;
  license: string;
  note: string;
}

export interface RecordedTest {
  'recorded-date': string;
  'recorded-content': Record<string, unknown>;
}

export interface FixtureFile {
  source: FixtureSource;
  tests: Record<string, RecordedTest>;
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export const LOCAL_IDENTITY: LocalIdentity = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };

export function loadFixture(relativePath: string): RecordedFixture {
  const file = JSON.parse(readFileSync(join(FIXTURES, relativePath), 'utf8')) as FixtureFile;
  return new RecordedFixture(relativePath, file);
}

export class RecordedFixture {
  constructor(
    readonly file: string,
    readonly data: FixtureFile,
  ) {}

  /** The recorded test whose id ends with `::<name>` (e.g. `test_name_conflicts`, `TestStacksApi::test_stack_lifecycle`). */
  scenario(name: string, identity: LocalIdentity = LOCAL_IDENTITY): RecordedScenario {
    const ids = Object.keys(this.data.tests).filter((id) => id.endsWith(`::${name}`));
    if (ids.length !== 1) throw new Error(`${this.file}: ${ids.length} recorded tests end with ::${name} (have: ${Object.keys(this.data.tests).join(', ')})`);
    return new RecordedScenario(`${this.file} › ${name}`, this.data.tests[ids[0]!]!, new Bindings(identity));
  }

  /** Every recorded test id, to count scenarios. */
  testIds(): string[] {
    return Object.keys(this.data.tests);
  }
}

function replaceStrings(value: unknown, replacements: readonly [string, string][]): unknown {
  if (replacements.length === 0) return value;
  if (typeof value === 'string') return replacements.reduce((text, [from, to]) => text.split(from).join(to), value);
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, replacements));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaceStrings(inner, replacements)]));
  }
  return value;
}

function rewrite(value: unknown, patterns: readonly [RegExp, string][], keyValues: ReadonlyMap<string, string>): unknown {
  if (patterns.length === 0 && keyValues.size === 0) return value;
  if (typeof value === 'string') return patterns.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);
  if (Array.isArray(value)) return value.map((item) => rewrite(item, patterns, keyValues));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, keyValues.has(key) && inner !== undefined ? keyValues.get(key) : rewrite(inner, patterns, keyValues)]));
  }
  return value;
}

/** One recorded test: its responses by key, and the placeholder bindings shared by all of them. */
export class RecordedScenario {
  constructor(
    readonly label: string,
    readonly test: RecordedTest,
    readonly bindings: Bindings,
  ) {}

  /** The raw recorded value under `key` (fails loudly on a key the recording does not have). */
  recorded(key: string): unknown {
    const content = this.test['recorded-content'];
    if (!(key in content)) throw new Error(`${this.label}: no recorded key "${key}" (have: ${Object.keys(content).join(', ')})`);
    return content[key];
  }

  /** Pre-binds a placeholder to a value the scenario chose (a stack name, a parameter value). */
  bind(placeholder: string, value: string): this {
    this.bindings.bind(placeholder, value);
    return this;
  }

  /**
   * Replaces `value` by `replacement` in every string of the local responses, as the recording's
   * RegexTransformer did (a test names a topic `topic-name-1-<uid>`, the recording shows `topic-name-1`).
   */
  replace(value: string, replacement: string): this {
    this.replacements.push([value, replacement]);
    return this;
  }

  /**
   * Rewrites matches of `pattern` to `replacement` on both sides, for IDs the recording left
   * literal (an SSM parameter's generated `CFN-A-xvqPt7CmcHKX`): the shape is still compared.
   */
  normalise(pattern: RegExp, replacement: string): this {
    this.patterns.push([pattern, replacement]);
    return this;
  }

  /** Replaces every value under `key` on the local side by `value`, as LocalStack's key_value transformer without reference replacement did. */
  replaceKey(key: string, value: string): this {
    this.keyValues.set(key, value);
    return this;
  }

  /** Whether the recording has `key` (some recorded tests skip a step). */
  has(key: string): boolean {
    return key in this.test['recorded-content'];
  }

  /** Asserts the local response equals the recorded one under `key`, after normalisation. */
  expect(key: string, actual: unknown, options: ExpectOptions = {}): void {
    const local = rewrite(replaceStrings(actual, this.replacements), this.patterns, this.keyValues);
    expectRecorded(rewrite(this.recorded(key), this.patterns, new Map()), local, this.bindings, `${this.label} › ${key}`, options);
  }

  private readonly replacements: [string, string][] = [];
  private readonly patterns: [RegExp, string][] = [];
  private readonly keyValues = new Map<string, string>();
}
