/**
 * Integration tests set up and check state the way a user's tools would: through the SDK clients
 * over HTTP. The local cloud's internal service APIs (`RunningEmulator.backends`) are for unit
 * tests and benchmarks; reaching into them here would let a test pass while the API is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

it('no integration test reads or writes state through the local cloud internals (backends)', () => {
  const all = files(here).filter((file) => file !== fileURLToPath(import.meta.url));
  // The walk sees the suites (guards against an empty walk passing).
  expect(all.map((file) => relative(here, file))).toContain(join('cloudformation', 'rollback-paths.test.ts'));
  const offenders = all.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\.backends\b/.test(line) ? [`${relative(here, file)}:${i + 1}`] : [])),
  );
  expect(offenders).toEqual([]);
});
