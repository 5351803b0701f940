import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStackConfigSource } from '../../../../src/engine/config/load-stack-config.js';
import { parseDocument } from 'yaml';
import { findIndentationMistakes } from '../../../../src/engine/config/yaml/indentation-mistakes.js';
import { parseConfigYamlFully } from '../../../../src/engine/config/yaml/parse-config-yaml-fully.js';
import { repoRoot } from '../../../support/run-stp.js';

const fn = (lines: string[]) =>
  [
    'serviceName: app',
    'resources:',
    '  fn:',
    '    type: function',
    '    properties:',
    '      packaging:',
    '        type: stacktape-lambda-buildpack',
    '        properties:',
    '          entryfilePath: ./index.ts',
    ...lines,
    '',
  ].join('\n');

async function diagnosticsOf(source: string) {
  const loaded = await loadStackConfigSource(source, '/p/stacktape.yml', { stage: 'dev', region: 'eu-west-1' });
  return loaded.diagnostics.map((d) => ({ code: d.code, at: `${d.position?.line}:${d.position?.column}`, message: d.message, expected: d.expected, hint: d.hint }));
}

describe('an indentation slip is one error at the mis-indented line', () => {
  it('a dedented key between two levels (was 8 parser errors, every place twice)', async () => {
    const source = readFileSync(join(repoRoot, 'config/examples/api-smoke-test/stacktape.yml'), 'utf8').replace('\n      memory: 512\n', '\n   memory: 512\n');
    expect(await diagnosticsOf(source)).toEqual([
      {
        code: 'STP_CONFIG_YAML_INDENTATION',
        at: '46:4',
        message: '"memory" starts at column 4, where no mapping around it has its keys',
        expected: 'column 7, like "runtime" on line 45',
        hint: 'add 3 spaces before "memory": YAML nests by indentation, and the keys of one mapping start at the same column',
      },
    ]);
  });

  it('a key after a blank line is reported at the key, not at the blank line', async () => {
    expect(await diagnosticsOf(fn(['', '       memory: 512', '      timeout: 10']))).toEqual([
      {
        code: 'STP_CONFIG_YAML_INDENTATION',
        at: '11:8',
        message: '"memory" starts at column 8, where no mapping around it has its keys',
        expected: 'column 7, like "packaging" on line 6',
        hint: 'remove 1 space before "memory": YAML nests by indentation, and the keys of one mapping start at the same column',
      },
    ]);
  });

  it('a key indented deeper than a sibling that has a value', async () => {
    expect(await diagnosticsOf(fn(['      memory: 512', '        timeout: 10']))).toEqual([
      {
        code: 'STP_CONFIG_YAML_INDENTATION',
        at: '11:9',
        message: '"timeout" is indented deeper than "memory" above it, which already has a value',
        expected: 'column 7, like "memory" on line 10',
        hint: 'remove 2 spaces before "timeout": YAML nests by indentation, and the keys of one mapping start at the same column',
      },
    ]);
  });

  it('the first key of a block is the slip when the keys after it agree with each other', async () => {
    const source = ['serviceName: app', 'resources:', '  q:', '     type: sqs-queue', '    properties:', '      fifoEnabled: true', ''].join('\n');
    expect(await diagnosticsOf(source)).toEqual([
      {
        code: 'STP_CONFIG_YAML_INDENTATION',
        at: '4:6',
        message: '"type" starts at column 6, but the keys after it start at column 5',
        expected: 'column 5, like "properties" on line 5',
        hint: 'remove 1 space before "type": YAML nests by indentation, and the keys of one mapping start at the same column',
      },
    ]);
  });

  it('a slip inside a list item', async () => {
    const source = fn([
      '      events:',
      '        - type: schedule',
      '          properties:',
      '            scheduleRate: rate(1 hour)',
      '        - type: schedule',
      '           properties:',
      '            scheduleRate: rate(2 hours)',
    ]);
    expect(await diagnosticsOf(source)).toEqual([
      {
        code: 'STP_CONFIG_YAML_INDENTATION',
        at: '15:12',
        message: '"properties" is indented deeper than "type" above it, which already has a value',
        expected: 'column 11, like "type" on line 14',
        hint: 'remove 1 space before "properties": YAML nests by indentation, and the keys of one mapping start at the same column',
      },
    ]);
  });

  it('two separate slips are two errors, without the echoes in between', async () => {
    const diagnostics = await diagnosticsOf(fn(['      memory: 512', '       timeout: 10', '      runtime: nodejs20.x', '     description: x']));
    expect(diagnostics.map((d) => `${d.code} ${d.at}`)).toEqual(['STP_CONFIG_YAML_INDENTATION 11:8', 'STP_CONFIG_YAML_INDENTATION 13:6']);
  });

  it('other syntax errors keep the parser message, once per place', async () => {
    const diagnostics = await diagnosticsOf('serviceName: app\nresources: [unclosed\n');
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.code === 'STP_CONFIG_YAML_SYNTAX')).toBe(true);
    expect(new Set(diagnostics.map((d) => d.at)).size).toBe(diagnostics.length);
  });
});

describe('findIndentationMistakes', () => {
  it('finds nothing in any well-formed config of the corpus and the examples', () => {
    const corpus = join(repoRoot, '../shared/corpus/stacktape-configs');
    const files = [
      ...['valid', 'legacy', 'snippets'].flatMap((d) => readdirSync(join(corpus, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(corpus, d, f))),
      ...readdirSync(join(repoRoot, 'config/examples')).map((d) => join(repoRoot, 'config/examples', d, 'stacktape.yml')),
    ];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) expect(findIndentationMistakes(readFileSync(file, 'utf8'), file), file).toEqual([]);
  });

  it('leaves block scalars alone', () => {
    const source = 'a:\n  script: |\n    if x:\n        y: 1\n      z\n  b: 2\n';
    expect(findIndentationMistakes(source, 'x.yml')).toEqual([]);
  });

  it('names the shifted line for most one-line indentation slips in real configs, and never throws', () => {
    // Every fifth key line of each corpus config, shifted by -1, +1 and +2 spaces: where the
    // parser reports an indentation error, the slip should be named at the shifted line. A key
    // that opens a two-key block can be either one's slip; those are the misses.
    const corpus = join(repoRoot, '../shared/corpus/stacktape-configs/valid');
    let slips = 0;
    let namedThere = 0;
    for (const name of readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f))) {
      const lines = readFileSync(join(corpus, name), 'utf8').split('\n');
      for (let i = 0; i < lines.length; i += 5) {
        if (!/^\s*[A-Za-z]\w*:/.test(lines[i]!)) continue;
        for (const delta of [-1, 1, 2]) {
          const shifted = [...lines];
          shifted[i] = delta > 0 ? ' '.repeat(delta) + shifted[i] : shifted[i]!.replace(new RegExp(`^ {0,${-delta}}`), '');
          const source = shifted.join('\n');
          if (!parseDocument(source).errors.some((e) => ['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY'].includes(e.code))) continue;
          slips++;
          const found = parseConfigYamlFully(source, 'x.yml').diagnostics;
          if (found[0]?.code === 'STP_CONFIG_YAML_INDENTATION' && found[0].position?.line === i + 1) namedThere++;
        }
      }
    }
    expect(slips).toBeGreaterThan(500);
    expect(namedThere / slips).toBeGreaterThan(0.9);
  });
});
