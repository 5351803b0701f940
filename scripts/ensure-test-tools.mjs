// The end-to-end tests drive a real terminal through tmux. Our machines ship it; where it is
// missing and we may install system packages (root with apt-get, as in CI), install it.
import { spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!has('tmux')) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    console.error('tmux is missing; installing it with apt-get (the e2e tests need a real terminal)…');
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'tmux']]) {
      const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (run.status !== 0) process.exit(run.status ?? 1);
    }
  } else {
    console.error('The end-to-end tests need tmux. Install it (e.g. `sudo apt-get install tmux`) and run the tests again.');
    process.exit(1);
  }
}
