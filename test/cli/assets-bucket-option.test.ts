import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/argv/parse-argv.js';
import { assetsBucketOption } from '../../src/cli/assets-bucket-option.js';
import { main } from '../../src/cli/main.js';
import type { TerminalIo } from '../../src/cli/output/terminal-io.js';

async function run(argv: string[]) {
  let err = '';
  let out = '';
  const code = await main({
    argv,
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    makeIo: (c): TerminalIo => ({ out: (t) => void (out += t), err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false }),
  });
  return { code, err, out };
}

describe('--assets-bucket', () => {
  it('takes a valid S3 bucket name and refuses an invalid one before any AWS call', () => {
    expect(assetsBucketOption({ 'assets-bucket': 'my-team.assets-1' })).toBe('my-team.assets-1');
    expect(assetsBucketOption({})).toBeUndefined();
    expect(() => assetsBucketOption({ 'assets-bucket': 'My_Bucket' })).toThrow(UsageError);
    expect(() => assetsBucketOption({ 'assets-bucket': 'ab' })).toThrow('--assets-bucket "ab" is not a valid S3 bucket name');
    expect(() => assetsBucketOption({ 'assets-bucket': '10.0.0.1' })).toThrow(UsageError);
  });

  it('is a compile flag shown in its help, and needs --upload (exit 2, never silently ignored)', async () => {
    const help = await run(['compile', '--help']);
    expect(help.out).toContain('--assets-bucket NAME');
    const result = await run(['compile', '--config', 'config/examples/upload-pipeline', '--assets-bucket', 'my-assets']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--assets-bucket needs --upload');
  });
});
