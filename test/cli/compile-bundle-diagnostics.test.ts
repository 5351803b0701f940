/**
 * esbuild's errors are placed diagnostics of `stp compile`: the user's file:line:column, the
 * function and where its entry file is configured; exit 2. A missing entry file is placed at the
 * config's entryfilePath.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { TerminalIo } from '../../src/cli/output/terminal-io.js';
import { repoRoot } from '../support/run-stp.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stp-bundle-diagnostics-'));
  mkdirSync(join(dir, 'src'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fn = (name: string, entry: string) =>
  [`  ${name}:`, '    type: function', '    properties:', '      packaging:', '        type: stacktape-lambda-buildpack', '        properties:', `          entryfilePath: ${entry}`];

async function compile(): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main({
    argv: ['compile', '--out', join(dir, 'template.json')],
    env: {},
    cwd: dir,
    stdoutIsTTY: false,
    makeIo: (c): TerminalIo => ({ out: () => undefined, err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false }),
  });
  return { code, err };
}

describe('stp compile: bundling errors as placed diagnostics', () => {
  it('places a syntax error at the handler line and column and names the function and its config line', async () => {
    writeFileSync(join(dir, 'stacktape.yml'), ['serviceName: syn', 'resources:', ...fn('api', 'src/handler.ts'), ''].join('\n'));
    writeFileSync(
      join(dir, 'src/handler.ts'),
      "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => {\n  const x = 1 +;\n  return x;\n};\n",
    );
    const { code, err } = await compile();
    expect(code).toBe(2);
    expect(err).toContain(
      'src/handler.ts:3:16  error STP_PACKAGE_BUNDLE_FAILED  Unexpected ";" (bundling the code of "api", whose entryfilePath is at stacktape.yml:9:26)\n' +
        '  1 | import { S3Client } from \'@aws-sdk/client-s3\';\n' +
        '  2 | export const handler = async () => {\n' +
        '> 3 |   const x = 1 +;\n' +
        '    |                ^\n',
    );
    expect(err).not.toContain('Packaging failed');
    expect(err).not.toContain('please report it');
  });

  it('places an unresolvable import at the import with an install hint, and a missing entry file at entryfilePath, all at once', async () => {
    writeFileSync(
      join(dir, 'stacktape.yml'),
      ['serviceName: syn', 'resources:', ...fn('worker', 'src/worker.ts'), ...fn('gone', 'src/missing.ts'), ...fn('uni', 'src/unicode.ts'), ''].join('\n'),
    );
    writeFileSync(join(dir, 'src/worker.ts'), "import pad from 'left-pad';\nexport const handler = async () => pad('a', 3);\n");
    // esbuild counts bytes: the column after "é" and "→" (2 and 3 bytes) must still be the character's.
    writeFileSync(join(dir, 'src/unicode.ts'), "const s = 'é→'; import x from 'nope-pkg';\nexport const handler = async () => s + x;\n");
    const { code, err } = await compile();
    expect(code).toBe(2);
    expect(err).toContain(
      'src/worker.ts:1:17  error STP_PACKAGE_BUNDLE_FAILED  Could not resolve "left-pad" (bundling the code of "worker", whose entryfilePath is at stacktape.yml:9:26)',
    );
    expect(err).toContain('  hint: install "left-pad" in the project (npm install left-pad), or fix the import path');
    expect(err).toContain(
      'stacktape.yml:16:26  error STP_PACKAGE_BUNDLE_FAILED  Packaging the code of "gone" failed: The entry file "src/missing.ts" does not exist',
    );
    expect(err).toContain('src/unicode.ts:1:31  error STP_PACKAGE_BUNDLE_FAILED  Could not resolve "nope-pkg"');
    expect(err).toContain("> 1 | const s = 'é→'; import x from 'nope-pkg';\n    |                               ^^^^^^^^^^\n");
  });

  it('compiles an example copied out of the repo (no node_modules): the AWS SDK it imports is not bundled', async () => {
    cpSync(join(repoRoot, 'config/examples/upload-pipeline'), dir, { recursive: true });
    const { code, err } = await compile();
    expect(err).not.toContain('Could not resolve');
    expect(code).toBe(0);
    expect(err).toContain('code: 4 function bundles, 4 rebuilt (not uploaded; add --upload)');
    const template = JSON.parse(readFileSync(join(dir, 'template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(4);
  });

  it('places a missing custom-artifact packagePath at the config', async () => {
    writeFileSync(
      join(dir, 'stacktape.yml'),
      ['serviceName: art', 'resources:', '  tool:', '    type: function', '    properties:', '      packaging:', '        type: custom-artifact', '        properties:', '          packagePath: dist/tool.zip', ''].join('\n'),
    );
    const { code, err } = await compile();
    expect(code).toBe(2);
    expect(err).toMatch(/^stacktape\.yml:9:24 {2}error STP_PACKAGE_FAILED {2}Packaging the artifact of "tool" failed: .*does not exist/m);
  });
});
