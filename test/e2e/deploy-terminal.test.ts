/**
 * `stp deploy` for a person at a real terminal (tmux, CI unset), in the console: a plan that
 * destroys data asks for the stack name; a wrong name approves nothing, `n` refuses (exit 3,
 * nothing changed); Ctrl-C at the question interrupts (exit 130); the right name deploys. Leaving
 * the console leaves the summary on the normal screen.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';
import { copyExample, editFile } from '../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const terminals: TmuxTerminal[] = [];
const ARCHIVE = `
cloudformationResources:
  Archive:
    Type: AWS::S3::Bucket
`;

beforeAll(async () => {
  editFile(example.configFile, (t) => t + ARCHIVE);
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '600', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
  editFile(example.configFile, (t) => t.replace(ARCHIVE, ''));
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  example.remove();
});

async function deployInTerminal(): Promise<TmuxTerminal> {
  const term = new TmuxTerminal(example.dir, { columns: 160, rows: 45 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=600 NO_COLOR=1 node ${stpBin} deploy --local --region eu-west-1`);
  await term.waitFor((s) => s.includes('This plan DESTROYS DATA. Apply it?'), 'the approval question', 1500);
  return term;
}

it('asks for the stack name before destroying data; a wrong name approves nothing, n refuses with exit 3', async () => {
  const term = await deployInTerminal();
  const plan = term.screen();
  expect(plan).toMatch(/stp deploy · hello-script-dev · stage dev · eu-west-1 · local cloud/);
  expect(plan).toMatch(/− +Archive +S3::Bucket/);
  term.sendKeys('y');
  await term.waitFor((s) => s.includes('Type hello-script-dev to confirm, or press Escape to cancel.'), 'the type-to-confirm box', 2400);
  // The Enter separately: typed in one burst with the name, it would arrive as part of the text.
  term.sendKeys('hello');
  await term.waitFor((s) => s.includes('▸ hello'), 'the typed name', 2400);
  term.sendKeys('Enter');
  await term.waitFor((s) => s.includes('"hello" is not hello-script-dev; nothing was approved.'), 'the wrong name refused', 2400);
  term.sendKeys('Escape');
  await term.waitFor((s) => s.includes('Not approved: the confirmation was cancelled.'), 'the box closed', 2400);
  term.sendKeys('n');
  const result = await term.waitFor((s) => s.includes('exit code 3'), 'the result screen', 2400);
  expect(result).toContain('✗ refused');
  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toContain('✗ refused: nothing changed in hello-script-dev');
  expect(done).toContain('[exit 3]');
}, 120_000);

it('Ctrl-C at the question interrupts: nothing changed, exit 130', async () => {
  const term = await deployInTerminal();
  term.sendKeys('C-c');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toContain('error Interrupted before anything changed in AWS. (in gate)');
  expect(done).toMatch(/✗ interrupted: nothing changed in hello-script-dev \(CREATE_COMPLETE\)/);
  expect(done).toContain('[exit 130]');
}, 120_000);

it('deploys once the stack name is typed, and stays on the result screen until q', async () => {
  const term = await deployInTerminal();
  term.sendKeys('y');
  await term.waitFor((s) => s.includes('Type hello-script-dev to confirm'), 'the type-to-confirm box', 2400);
  term.sendKeys('hello-script-dev');
  await term.waitFor((s) => s.includes('▸ hello-script-dev'), 'the typed name', 2400);
  term.sendKeys('Enter');
  const result = await term.waitFor((s) => s.includes('q quit (exit code 0)'), 'the result screen', 2400);
  expect(result).toMatch(/✓ deployed hello-script-dev in \d+:\d\d · UPDATE_COMPLETE · exit code 0/);
  expect(result).toContain('watch ✓');
  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toMatch(/✓ deployed hello-script-dev \(UPDATE_COMPLETE\) in /);
  expect(done).toContain('[exit 0]');
}, 120_000);
