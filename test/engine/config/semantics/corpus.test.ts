import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { semanticDiagnostics } from './check-semantics-harness.js';

// The shared corpus of real Stacktape configs, next to the repository.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpus = join(repoRoot, '../shared/corpus/stacktape-configs');

/**
 * What directives + semantics find in the real configs: each finding was checked by hand against
 * the file (the docs snippets really do depend on a container that does not exist, and really do
 * ask Fargate for 2 vCPU with 2 GB, which AWS rejects).
 */
const EXPECTED: Record<string, [string, number][]> = {
  'valid/stacktape__fullstack-demo__stacktape.yml': [
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 25],
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 96],
  ],
  'valid/stacktape__posts-app-demo__stacktape.yml': [['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 67]],
  'valid/stacktape__starter-socketio-websocket-api-redis__stacktape.yml': [['STP_CONFIG_UNKNOWN_REFERENCE', 8]],
  'snippets/stacktape__core__docs__code-snippets__directives__cli-args.stp.yml': [
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 6],
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 21],
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 25],
    ['STP_CONFIG_INVALID_FARGATE_SIZE', 29],
  ],
  'snippets/stacktape__core__docs__code-snippets__directives__custom-directive-typescript.stp.yml': [
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 20],
  ],
  'snippets/stacktape__core__docs__code-snippets__multi-container-workloads__dependencies.stp.yml': [
    ['STP_CONFIG_UNKNOWN_REFERENCE', 16],
    ['STP_CONFIG_INVALID_FARGATE_SIZE', 45],
  ],
  'snippets/stacktape__core__docs__code-snippets__multi-container-workloads__deployment-with-before-hook.stp.yml': [
    ['STP_CONFIG_INVALID_FARGATE_SIZE', 23],
  ],
  'legacy/stacktape__stacktape__examples__typescript-lambda-api-prisma-auth__stacktape.yml': [
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 19],
    ['STP_CONFIG_UNSUPPORTED_DIRECTIVE', 20],
  ],
};

const files = ['valid', 'snippets', 'invalid', 'legacy'].flatMap((dir) =>
  readdirSync(join(corpus, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`),
);

describe('real Stacktape configs', () => {
  it('finds the corpus (39 valid, 8 snippets, 16 invalid, 4 legacy)', () => {
    expect(files).toHaveLength(67);
  });

  it.each(files)('%s', (file) => {
    const path = join(corpus, file);
    const result = semanticDiagnostics(readFileSync(path, 'utf8'), dirname(path));
    const found = [...result.directiveDiagnostics, ...result.diagnostics].map((d) => [d.code, d.position?.line]);
    expect(found).toEqual(EXPECTED[file] ?? []);
  });

  it('suggests the resource a stale name grew out of', () => {
    const file = 'valid/stacktape__starter-socketio-websocket-api-redis__stacktape.yml';
    const { diagnostics } = semanticDiagnostics(readFileSync(join(corpus, file), 'utf8'));
    expect(diagnostics[0]!.hint).toBe('did you mean "mainLoadBalancer"?');
  });
});
