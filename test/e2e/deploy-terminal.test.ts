/**
 * `stp deploy` for a person at a real terminal (tmux, CI unset): a plan that destroys data asks for
 * the stack name; a wrong answer refuses (exit 3, nothing changed), the right one deploys.
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

function deployInTerminal(): TmuxTerminal {
  const term = new TmuxTerminal(example.dir, { columns: 200, rows: 60 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=600 NO_COLOR=1 node ${stpBin} deploy --local --region eu-west-1`);
  return term;
}

it('asks for the stack name before destroying data; a wrong answer refuses with exit 3', async () => {
  const term = deployInTerminal();
  const asked = await term.waitFor((s) => s.includes('Type the stack name (hello-script-dev)'), 'the confirmation prompt', 2400);
  expect(asked).toMatch(/− \(stp\) +Archive +AWS::S3::Bucket +remove +DATA LOSS/);
  expect(asked).toContain('? approval needed (data-loss): Archive');
  term.sendKeys('hello', 'Enter');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toContain('✗ not approved (key)');
  expect(done).toContain('the typed confirmation "hello" is not the stack name');
  expect(done).toContain('[exit 3]');
}, 120_000);

it('Ctrl-C at the prompt interrupts: nothing changed, exit 130', async () => {
  const term = deployInTerminal();
  await term.waitFor((s) => s.includes('Type the stack name (hello-script-dev)'), 'the confirmation prompt', 2400);
  term.sendKeys('C-c');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toContain('error Interrupted before anything changed in AWS. (in gate)');
  expect(done).toMatch(/✗ interrupted: nothing changed in hello-script-dev \(CREATE_COMPLETE\)/);
  expect(done).toContain('[exit 130]');
}, 120_000);

it('deploys once the stack name is typed', async () => {
  const term = deployInTerminal();
  await term.waitFor((s) => s.includes('Type the stack name (hello-script-dev)'), 'the confirmation prompt', 2400);
  term.sendKeys('hello-script-dev', 'Enter');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done).toContain('✓ approved (key)');
  expect(done).toMatch(/✓ deployed hello-script-dev \(UPDATE_COMPLETE\) in /);
  expect(done).toContain('[exit 0]');
}, 120_000);
