/**
 * `stp logs` for a person at a real terminal (tmux, CI unset): the full-screen tail view of two
 * resources with a source column, a filter typed with `/` and applied with Enter, `q` to leave with
 * the shell's screen back (the alternate screen is left) and exit 0.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';
import { copyExample } from '../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '600', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  example.remove();
});

it('shows two resources in a full-screen view, filters with / and Enter, and leaves with q', async () => {
  const term = new TmuxTerminal(example.dir, { columns: 100, rows: 20 });
  terminals.push(term);
  term.start(`NO_COLOR=1 node ${stpBin} logs greet farewell --local --region eu-west-1 --since 1h`);
  const shown = await term.waitFor((s) => s.includes('all good'), 'the script lines', 2400);
  const rows = shown.split('\n');
  expect(rows[0]).toBe('logs greet, farewell · ▼ following');
  expect(rows.slice(1, 5).map((row) => row.replace(/^\d{2}:\d{2}:\d{2}\.\d{3} {2}/, ''))).toEqual([
    'greet     hello from stp (stage dev)',
    'greet     function: hello-script-dev-writeNote',
    expect.stringMatching(/^greet {5}bucket: {3}hello-script-dev-notesbucket-\w+$/),
    'greet     all good',
  ]);
  expect(rows[18]).toMatch(/^q quit · \/ filter \(CloudWatch pattern\) · f follow \/ pause/);

  term.sendKeys('/');
  await term.waitFor((s) => s.includes('Enter applies the filter'), 'the filter input', 400);
  term.sendKeys('-l', 'good');
  await term.waitFor((s) => s.split('\n').some((row) => row.startsWith('/good')), 'the typed pattern', 400);
  term.sendKeys('Enter');
  const filtered = await term.waitFor((s) => s.includes('filter good'), 'the filtered view', 400);
  expect(filtered.split('\n').slice(0, 3).map((row) => row.replace(/^\d{2}:\d{2}:\d{2}\.\d{3} {2}/, ''))).toEqual(['logs greet, farewell · ▼ following · filter good', 'greet     all good', '']);

  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 400);
  expect(done).toContain('[exit 0]');
  expect(done).not.toContain('logs greet, farewell');
}, 120_000);
