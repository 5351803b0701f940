import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileResolvedStack } from '../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../src/engine/compile/validate/validate-template.js';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';
import { parseConfigYaml } from '../../../src/engine/config/yaml/parse-config-yaml.js';

/**
 * Golden templates for config/examples/*: test/golden/<example>.template.json. Regenerate with
 * UPDATE_GOLDEN=1 and read the diff before committing it.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = join(repo, 'config/examples');
const goldenDir = join(repo, 'test/golden');
const examples = readdirSync(examplesDir).filter((e) => existsSync(join(examplesDir, e, 'stacktape.yml'))).sort();

async function compileExample(example: string) {
  const loaded = await loadStackConfig({ cwd: repo, configPath: join(examplesDir, example), stage: 'dev', region: 'eu-west-1' });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const positions = (await parseConfigYaml(loaded.source!, loaded.file!)).positions;
  return compileResolvedStack(loaded.resolved!, positions);
}

describe('golden templates of config/examples', () => {
  it('has the four examples to check', () => {
    expect(examples).toEqual(['api-smoke-test', 'canary-workload', 'hello-script', 'upload-pipeline']);
  });

  for (const example of examples) {
    it(`${example} compiles to its golden template, which passes spec validation`, async () => {
      const result = await compileExample(example);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(validateTemplate(result.template)).toEqual([]);
      const text = `${JSON.stringify(result.template, null, 2)}\n`;
      const golden = join(goldenDir, `${example}.template.json`);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text);
      expect(existsSync(golden), `missing ${golden}; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });

    it(`${example} compiles deterministically`, async () => {
      const a = await compileExample(example);
      const b = await compileExample(example);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    });
  }
});
