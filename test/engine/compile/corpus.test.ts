import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileResolvedStack } from '../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../src/engine/compile/validate/validate-template.js';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';

/**
 * Every real config in the shared corpus that loads and validates is compiled. A config either
 * compiles without errors to a template that passes spec validation, or is refused with
 * diagnostics; it never throws and never yields a template CloudFormation would reject. The
 * share that compiles is printed.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusRoot = resolve(repo, '../shared/corpus/stacktape-configs');
/** Full configs and documentation snippets (both current dialect). */
const files = ['valid', 'snippets'].flatMap((dir) => {
  const full = join(corpusRoot, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f)) : [];
});

describe('corpus of real Stacktape configs', () => {
  it('compiles every valid config or refuses it with diagnostics', async () => {
    // 39 full configs and 8 snippets (an empty list would pass every check below).
    expect(files).toHaveLength(47);
    let validated = 0;
    const compiled: string[] = [];
    const refused: string[] = [];
    const invalidTemplates: string[] = [];
    const codes = new Map<string, number>();
    for (const file of files) {
      const loaded = await loadStackConfig({ cwd: corpusRoot, configPath: join(corpusRoot, file), stage: 'dev', region: 'eu-west-1', projectName: 'corpus' });
      if (!loaded.ok || !loaded.resolved) continue;
      validated++;
      const result = compileResolvedStack(loaded.resolved);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        refused.push(`${file}: ${errors.map((e) => `${e.code} ${e.path?.join('.') ?? ''}`).join('; ')}`);
        for (const e of errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
        continue;
      }
      const problems = validateTemplate(result.template);
      if (problems.length > 0) invalidTemplates.push(`${file}: ${problems.map((p) => p.message).join(' | ')}`);
      else compiled.push(file);
      expect(JSON.stringify(compileResolvedStack(loaded.resolved).template)).toBe(JSON.stringify(result.template));
    }
    const share = validated === 0 ? 0 : Math.round((compiled.length / validated) * 100);
    console.log(
      [
        `corpus: ${compiled.length}/${validated} validating configs compile to a spec-valid template (${share} %); ${files.length} YAML files in the corpus`,
        ...refused.map((r) => `  refused ${r}`),
        `  refusal codes: ${[...codes.entries()].map(([c, n]) => `${c}×${n}`).join(', ')}`,
      ].join('\n'),
    );
    expect(invalidTemplates).toEqual([]);
    // Configs that load today (of 47); a change here is a capability gained or lost.
    expect(validated).toBe(26);
  });
});
