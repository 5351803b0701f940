#!/usr/bin/env node
/**
 * Copies recorded tests from a LocalStack `*.snapshot.json` (recorded against real AWS) into a
 * conformance fixture, verbatim, with the source noted.
 *
 *   node scripts/conformance/extract-fixture.mjs <localstack git dir> <snapshot path> <fixture path> <test name>...
 *
 * <test name> is the part after the last `.py::` (e.g. `test_name_conflicts`,
 * `TestStacksApi::test_stack_lifecycle`). Existing tests in the fixture are kept.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const [gitDir, snapshotPath, fixturePath, ...names] = process.argv.slice(2);
if (!gitDir || !snapshotPath || !fixturePath || names.length === 0) {
  process.stderr.write('usage: extract-fixture.mjs <localstack git dir> <snapshot path> <fixture path> <test name>...\n');
  process.exit(2);
}
const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const snapshot = JSON.parse(execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${snapshotPath}`], { encoding: 'utf8', maxBuffer: 64 << 20 }));

const fixture = existsSync(fixturePath)
  ? JSON.parse(readFileSync(fixturePath, 'utf8'))
  : {
      source: {
        repository: 'localstack/localstack',
        commit,
        path: snapshotPath,
        license: 'Apache-2.0',
        note: 'Responses recorded against real AWS by LocalStack snapshot tests (@markers.aws.validated); placeholders are LocalStack transformer output. The calls are in the .py test beside the snapshot.',
      },
      tests: {},
    };
if (fixture.source.path !== snapshotPath) throw new Error(`${fixturePath} comes from ${fixture.source.path}, not ${snapshotPath}`);

for (const name of names) {
  let ids = Object.keys(snapshot).filter((id) => id.endsWith(`.py::${name}`));
  // A snapshot file can keep a stale entry recorded under an older test path: prefer the test beside it.
  if (ids.length > 1) ids = ids.filter((id) => id.startsWith(dirname(snapshotPath)));
  if (ids.length !== 1) throw new Error(`${ids.length} recorded tests named ${name} in ${snapshotPath}`);
  fixture.tests[ids[0]] = snapshot[ids[0]];
}
mkdirSync(dirname(fixturePath), { recursive: true });
writeFileSync(fixturePath, `${JSON.stringify(fixture, null, 2)}\n`);
process.stdout.write(`${fixturePath}: ${Object.keys(fixture.tests).length} recorded tests\n`);
