import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';
import { isSupportedResourceType } from '../../../src/engine/config/schema/resource-types.js';
import { parseConfigYamlFully } from '../../../src/engine/config/yaml/parse-config-yaml-fully.js';

/**
 * Conformance against real Stacktape configs (../shared/corpus/stacktape-configs, read in place).
 * valid/: YAML configs using only stp's resource types load clean; the others get
 * STP_CONFIG_UNSUPPORTED_TYPE at each unsupported `type`; .ts configs get "not supported yet".
 * invalid/ and legacy/: at least one placed error each, never a crash.
 */
const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '../../../../shared/corpus/stacktape-configs');
const load = (dir: string, name: string) =>
  loadStackConfig({ cwd: join(corpus, dir), configPath: name, stage: 'dev', region: 'eu-west-1' });
const list = (dir: string) => readdirSync(join(corpus, dir)).sort();

/**
 * Supported-types-only configs from valid/ that still fail, and why. The corpus is verbatim; these
 * are real mistakes in it that stp reports rather than hides.
 */
const KNOWN_FAILURES: Record<string, { code: string; why: string }> = {
  'stacktape__starter-socketio-websocket-api-redis__stacktape.yml': {
    code: 'STP_CONFIG_UNKNOWN_REFERENCE',
    why: "scripts.broadcastTest reads $ResourceParam('loadBalancer', ...) but the stack's load balancer is mainLoadBalancer",
  },
};

function resourceTypes(file: string): Map<string, string> {
  const value = parse(readFileSync(file, 'utf8')) as { resources?: Record<string, { type?: unknown }> };
  const types = new Map<string, string>();
  for (const [name, resource] of Object.entries(value?.resources ?? {})) {
    if (typeof resource?.type === 'string') types.set(name, resource.type);
  }
  return types;
}

describe('corpus: valid/', () => {
  const report: string[] = [];

  it.each(list('valid').filter((f) => /\.(ts|js)$/.test(f)))('%s: TypeScript configs are "not supported yet"', async (name) => {
    const result = await load('valid', name);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['STP_CONFIG_UNSUPPORTED_FORMAT']);
    expect(result.diagnostics[0]!.message).toContain('not support');
  });

  it.each(list('valid').filter((f) => /\.ya?ml$/.test(f)))('%s', async (name) => {
    const file = join(corpus, 'valid', name);
    const types = resourceTypes(file);
    const unsupported = [...types].filter(([, type]) => !isSupportedResourceType(type));
    const result = await load('valid', name);
    const codes = result.diagnostics.map((d) => `${d.code} ${d.position?.line}:${d.position?.column} ${d.message}`);

    if (unsupported.length === 0) {
      const known = KNOWN_FAILURES[name];
      if (known) {
        expect(result.diagnostics.map((d) => d.code)).toContain(known.code);
        report.push(`known failure  ${name}: ${known.why}`);
      } else {
        expect(codes).toEqual([]);
        expect(result.ok).toBe(true);
        expect(result.resolved?.stackName).toMatch(/-dev$/);
        report.push(`validates      ${name}`);
      }
      return;
    }
    expect(result.ok).toBe(false);
    const { positions } = parseConfigYamlFully(readFileSync(file, 'utf8'), file);
    for (const [resource, type] of unsupported) {
      const at = positions.positionOf(['resources', resource, 'type']);
      const diagnostic = result.diagnostics.find(
        (d) => d.code === 'STP_CONFIG_UNSUPPORTED_TYPE' && d.path?.[1] === resource,
      );
      expect(diagnostic, `no STP_CONFIG_UNSUPPORTED_TYPE for ${resource} (${type}):\n${codes.join('\n')}`).toBeDefined();
      expect(diagnostic!.message).toContain(`"${type}" is not supported yet by stp`);
      expect(diagnostic!.position).toMatchObject({ line: at!.line, column: at!.column });
    }
    report.push(`unsupported    ${name}: ${[...new Set(unsupported.map(([, t]) => t))].join(', ')}`);
  });

  it('prints which valid configs load and which use unsupported types', () => {
    console.log(`corpus valid/ results:\n  ${report.sort().join('\n  ')}`);
    // Exactly this many of the 39 valid configs load today; a change here is a capability gained or lost.
    expect(report.filter((line) => line.startsWith('validates')).length).toBe(23);
  });
});

/** Files whose name states the mistake: the code stp must report for it. */
const INTENDED: Record<string, string[]> = {
  '01-invalid-resource-type': ['STP_CONFIG_UNKNOWN_TYPE'],
  '02-invalid-enum-value': ['STP_CONFIG_UNSUPPORTED_TYPE'], // web-app-firewall is not supported yet
  '03-missing-required-property': ['STP_CONFIG_MISSING_PROPERTY'],
  '04-unknown-property': ['STP_CONFIG_UNKNOWN_PROPERTY'],
  '05-wrong-type-value': ['STP_CONFIG_INVALID_TYPE'],
  '06-multiple-resources-errors': ['STP_CONFIG_UNKNOWN_TYPE', 'STP_CONFIG_UNKNOWN_PROPERTY', 'STP_CONFIG_INVALID_ENUM'],
  '07-invalid-packaging-type': ['STP_CONFIG_INVALID_ENUM'],
  '08-invalid-event-type': ['STP_CONFIG_INVALID_ENUM'],
  '09-invalid-database-engine': ['STP_CONFIG_INVALID_ENUM'],
  '10-invalid-scaling-config': ['STP_CONFIG_OUT_OF_RANGE'],
  '11-invalid-custom-domain': ['STP_CONFIG_UNKNOWN_PROPERTY'],
  '12-invalid-environment-vars': ['STP_CONFIG_UNKNOWN_PROPERTY', 'STP_CONFIG_INVALID_TYPE'],
  '13-invalid-cors-config': ['STP_CONFIG_INVALID_ENUM', 'STP_CONFIG_INVALID_TYPE'],
  '14-invalid-batch-job': ['STP_CONFIG_MISSING_PROPERTY', 'STP_CONFIG_INVALID_ENUM'],
  '15-invalid-redis-config': ['STP_CONFIG_MISSING_PROPERTY', 'STP_CONFIG_UNKNOWN_PROPERTY'],
  '22-invalid-sqs-sns': ['STP_CONFIG_INVALID_TYPE', 'STP_CONFIG_UNKNOWN_PROPERTY'],
  'examples__typescript-lambda-api-prisma-auth': ['STP_CONFIG_MISSING_PROPERTY', 'STP_CONFIG_UNKNOWN_PROPERTY'],
  'quickstart-tutorials__expressjs-api-postgres': ['STP_CONFIG_UNKNOWN_TYPE'],
  'quickstart-tutorials__lambda-api-mongo-db': ['STP_CONFIG_UNKNOWN_PROPERTY'],
  'starter-kafka-stream-processing': ['STP_CONFIG_UNKNOWN_TYPE'],
};

describe.each(['invalid', 'legacy'])('corpus: %s/', (dir) => {
  it.each(list(dir))('%s: placed errors, no crash', async (name) => {
    const result = await load(dir, name);
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.position, `${error.code} has no position`).toBeDefined();
      expect(error.position!.line).toBeGreaterThan(0);
      expect(error.position!.column).toBeGreaterThan(0);
      expect(error.message).not.toMatch(/undefined|\[object Object\]/);
    }
    const intent = Object.entries(INTENDED).find(([key]) => name.includes(key));
    expect(intent, `no intended codes listed for ${name}`).toBeDefined();
    const codes = new Set(errors.map((d) => d.code));
    for (const code of intent![1]) expect([...codes]).toContain(code);
  });
});

describe('corpus: snippets/', () => {
  it.each(list('snippets'))('%s: loads or reports placed errors, no crash', async (name) => {
    const result = await load('snippets', name);
    for (const d of result.diagnostics) expect(d.position).toBeDefined();
    expect(result.ok).toBe(result.diagnostics.every((d) => d.severity !== 'error'));
  });
});
