/**
 * Ctrl-C during an update at a real terminal: stp asks whether to cancel or detach; "c" cancels,
 * the rollback is watched to its end, exit 130.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';
import { copyExample, editFile } from '../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const terminals: TmuxTerminal[] = [];
const SLOW = (size: string) => `
cloudformationResources:
  SlowDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: ${size}
      AllocatedStorage: '20'
      MasterUsername: slow
      MasterUserPassword: not-a-secret-just-a-test
`;

beforeAll(async () => {
  editFile(example.configFile, (t) => t + SLOW('db.t4g.micro'));
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '60', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
  editFile(example.configFile, (t) => t.replace(SLOW('db.t4g.micro'), SLOW('db.t4g.small')));
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  example.remove();
});

it('asks cancel or detach; "c" cancels and watches the rollback (exit 130)', async () => {
  const term = new TmuxTerminal(example.dir, { columns: 200, rows: 80 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=60 NO_COLOR=1 node ${stpBin} deploy --local --region eu-west-1`);
  // At a terminal every plan waits for a keystroke.
  await term.waitFor((s) => s.includes('Apply these changes? [y/N]'), 'the approval question', 2400);
  term.sendKeys('y', 'Enter');
  await term.waitFor((s) => s.includes('SlowDb UPDATE_IN_PROGRESS'), 'the slow update to start', 2400);
  term.sendKeys('C-c');
  await term.waitFor((s) => s.includes('Cancel the update and roll it back (c), or detach and leave it running (d)?'), 'the question', 2400);
  term.sendKeys('c', 'Enter');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 4000);
  expect(done).toContain('cancelling the update and waiting for the rollback');
  expect(done).toMatch(/✗ interrupted: hello-script-dev \(UPDATE_ROLLBACK_COMPLETE\)/);
  expect(done).toContain('[exit 130]');
}, 120_000);
