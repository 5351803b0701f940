import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

it('--local-state without --local is refused, never ignored', async () => {
  let err = '';
  // compile takes --local-state, but only with --local (validate refuses it outright: command-usage.test.ts).
  const code = await main({
    argv: ['compile', '--local-state', '/tmp/x'],
    env: {},
    cwd: process.cwd(),
    stdoutIsTTY: false,
    makeIo: (color) => ({ out: () => {}, err: (t) => void (err += t), color, stdoutIsTTY: false, stdinIsTTY: false }),
  });
  expect(code).toBe(2);
  expect(err).toBe('error --local-state only applies with --local or to stp local\nhint  add --local, or leave --local-state out\n');
});
