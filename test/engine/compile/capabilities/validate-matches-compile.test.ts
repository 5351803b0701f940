import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../src/cli/main.js';
import type { TerminalIo } from '../../../../src/cli/output/terminal-io.js';
import { checkCapabilities } from '../../../../src/engine/compile/capabilities/check-capabilities.js';
import { CAPABILITY_CHECKS, findUnsupportedConstructs } from '../../../../src/engine/compile/capabilities/unsupported-constructs.js';
import { compileResolvedStack } from '../../../../src/engine/compile/compile-stack.js';
import { stackInputFromResolved } from '../../../../src/engine/compile/stack-input-from-resolved.js';
import type { StackInput } from '../../../../src/engine/compile/stack-input.js';
import { loadStackConfig } from '../../../../src/engine/config/load-stack-config.js';
import type { Diagnostic } from '../../../../src/engine/diagnostics/diagnostic.js';
import { repoRoot } from '../../../support/run-stp.js';
import { CAPABILITY_CASES, SCHEMA_GUARDED } from './capability-cases.js';

/**
 * `stp validate` must refuse every config `stp compile` refuses for a missing capability, with
 * the same code, message and file:line:column: both run capabilities/unsupported-constructs.ts.
 */
const scratch = mkdtempSync(path.join(tmpdir(), 'stp-capabilities-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeConfig(name: string, resources: string, extra?: string): string {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  const file = path.join(dir, 'stacktape.yml');
  writeFileSync(file, `# ${name}\nserviceName: app\nresources:\n${resources}\n${extra ? `${extra}\n` : ''}`);
  return file;
}

const shape = (d: Diagnostic) => `${d.code} ${d.position ? `${d.position.line}:${d.position.column}` : '-'} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`;

async function validateThroughMain(file: string) {
  let out = '';
  let err = '';
  const code = await main({
    argv: ['validate', '--json', '--config', file],
    env: {},
    cwd: path.dirname(file),
    stdoutIsTTY: false,
    makeIo: (c): TerminalIo => ({ out: (t) => void (out += t), err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false }),
  });
  return { code, err, json: JSON.parse(out) as { ok: boolean; diagnostics: Diagnostic[] } };
}

describe('validate refuses what compile cannot compile yet, at the same place', () => {
  it.each(CAPABILITY_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const file = writeConfig(c.name, c.resources, c.extra);
    const loaded = await loadStackConfig({ cwd: path.dirname(file), configPath: file, stage: 'dev', region: 'eu-west-1' });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map(shape)).toEqual([]);
    const compiled = compileResolvedStack(loaded.resolved!, loaded.positions);
    const compileErrors = compiled.diagnostics.filter((d) => d.severity === 'error');
    // The case refuses only for missing capabilities, and each named check fires.
    const constructs = findUnsupportedConstructs(stackInputFromResolved(loaded.resolved!, loaded.positions));
    expect(constructs.map((u) => u.check).sort()).toEqual([...c.checks].sort());
    const capabilityCodes = new Set(constructs.map((u) => u.code ?? 'STP_COMPILE_UNSUPPORTED'));
    expect(compileErrors.every((d) => capabilityCodes.has(d.code)), compileErrors.map(shape).join('\n')).toBe(true);
    expect(compileErrors).toHaveLength(c.checks.length);

    const validated = await validateThroughMain(file);
    expect(validated.code).toBe(2);
    expect(validated.json.ok).toBe(false);
    const fromValidate = validated.json.diagnostics.filter((d) => d.severity === 'error').map(shape).sort();
    expect(fromValidate).toEqual(compileErrors.map(shape).sort());
    for (const d of validated.json.diagnostics) expect(d.position?.file).toBe(file);
  });

  it('every capability check is exercised by a case, or is guarded by the schema', () => {
    const covered = new Set([...CAPABILITY_CASES.flatMap((c) => c.checks), ...Object.keys(SCHEMA_GUARDED)]);
    expect([...CAPABILITY_CHECKS].filter((check) => !covered.has(check))).toEqual([]);
  });

  it.each(Object.entries(SCHEMA_GUARDED))('%s cannot be reached from a config (the schema refuses it first), and is still caught for stacks built in code', async (check, resources) => {
    const file = writeConfig(check, resources!);
    const validated = await validateThroughMain(file);
    expect(validated.code).toBe(2);
    expect(validated.json.diagnostics.map((d) => d.code)).toContain('STP_CONFIG_INVALID_ENUM');
    const value = parse(readFileSync(file, 'utf8')) as { resources: StackInput['resources'] };
    const stack: StackInput = { stackName: 'app-dev', stage: 'dev', serviceName: 'app', configDir: path.dirname(file), resources: value.resources };
    expect(findUnsupportedConstructs(stack).map((u) => u.check)).toContain(check);
  });

  it('no resource compiler reports a missing capability on its own (one source of truth)', () => {
    const dir = path.join(repoRoot, 'src/engine/compile');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('capabilities'));
    const calls = files.flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.includes('ctx.unsupported(') || line.includes("code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE'"))
        .map(() => f),
    );
    // Only compile-stack's guard for a type without a compiler (the schema knows no such type).
    expect(calls).toEqual(['compile-stack.ts']);
  });

  it('agrees with compile on every config of the corpus and the examples', async () => {
    const corpus = path.join(repoRoot, '../shared/corpus/stacktape-configs');
    const files = [
      ...['valid', 'legacy', 'invalid'].flatMap((d) => readdirSync(path.join(corpus, d)).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(corpus, d, f))),
      ...readdirSync(path.join(repoRoot, 'config/examples')).map((d) => path.join(repoRoot, 'config/examples', d, 'stacktape.yml')),
    ];
    let loadedOk = 0;
    let refused = 0;
    for (const file of files) {
      const loaded = await loadStackConfig({ cwd: path.dirname(file), configPath: file, stage: 'dev', region: 'eu-west-1' });
      if (!loaded.ok || !loaded.resolved) continue;
      loadedOk++;
      const capabilityCodes = new Set(['STP_COMPILE_UNSUPPORTED', 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE']);
      const fromCompile = compileResolvedStack(loaded.resolved, loaded.positions).diagnostics.filter((d) => capabilityCodes.has(d.code));
      const fromValidate = checkCapabilities(loaded.resolved, loaded.positions);
      expect(fromValidate.map(shape).sort(), file).toEqual(fromCompile.map(shape).sort());
      if (fromValidate.length > 0) refused++;
    }
    // 27 of them load; 7 are refused by both (6 build container images, the Nuxt starter also
    // uses directoryUpload).
    expect(loadedOk).toBe(27);
    expect(refused).toBe(7);
  });
});
