/**
 * Ctrl-C during an update at a real terminal, in the console: it asks whether to detach or cancel
 * (Cancel of the question focused); "Cancel the update" rolls it back, the rollback is watched to
 * its end, the result screen says so, and q leaves with exit 130.
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

it('asks detach or cancel; cancelling rolls back and watches the rollback (exit 130)', async () => {
  const term = new TmuxTerminal(example.dir, { columns: 160, rows: 45 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=60 NO_COLOR=1 node ${stpBin} deploy --local --region eu-west-1`);
  // At a terminal every plan waits for a keystroke.
  await term.waitFor((s) => s.includes('Apply it?') || s.includes('Apply these changes?'), 'the approval question', 1500);
  term.sendKeys('y');
  await term.waitFor((s) => /execute ✓ › watch [^✓✗]/.test(s), 'the update to be watched', 1500);
  term.sendKeys('C-c');
  const asked = await term.waitFor((s) => s.includes('An update is running in AWS. Leave it running, or cancel it?'), 'the question', 1500);
  expect(asked).toContain('▸ Cancel ◂');
  term.sendKeys('Right');
  await term.waitFor((s) => s.includes('▸ Detach (leave it running) ◂'), 'Detach focused', 1500);
  term.sendKeys('Right');
  await term.waitFor((s) => s.includes('▸ Cancel the update (roll back) ◂'), 'Cancel the update focused', 1500);
  term.sendKeys('Enter');
  const result = await term.waitFor((s) => s.includes('q quit (exit code 130)'), 'the result screen', 2400);
  expect(result).toMatch(/interrupted hello-script-dev in \d+:\d\d · UPDATE_ROLLBACK_COMPLETE · exit code 130/);
  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 1500);
  expect(done).toMatch(/✗ interrupted: hello-script-dev \(UPDATE_ROLLBACK_COMPLETE\)/);
  expect(done).toContain('[exit 130]');
}, 180_000);
