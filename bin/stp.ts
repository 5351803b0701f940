/**
 * The `stp` executable: thin on purpose. It fixes up the process (colour env, broken pipes) and
 * hands argv to the CLI. Bundled by scripts/build.mjs into dist/stp.mjs.
 */
import { main } from '../src/cli/main.js';
import { processTerminalIo } from '../src/cli/output/terminal-io.js';

// chalk (used by Ink) ignores NO_COLOR; map it before anything colour-aware loads.
if (process.env.NO_COLOR && !process.env.FORCE_COLOR) process.env.FORCE_COLOR = '0';
// The SDK warns about Node 20 on every client; the warning would land on top of our output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `stp validate | head` closes our stdout early; that is not an error. Never exit on the spot: a
// command holding the local cloud must still save its state and release the lock. Output to the
// closed stream is dropped (terminal-io), and a long-running command (`stp local`) is asked to stop.
const stop = new AbortController();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stop.abort(`${stream === process.stdout ? 'stdout' : 'stderr'} closed`);
  });
}

const exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  makeIo: processTerminalIo,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stopSignal: stop.signal,
});
process.exitCode = exitCode;
