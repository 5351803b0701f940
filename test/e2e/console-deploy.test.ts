/**
 * The deploy console end to end in a real terminal (tmux, CI unset) against the local cloud:
 * the canary example (with a manual approval and an after:deploy script) is approved, its PAUSE
 * hook continued from the canary pane, the split moves to 10 % and then 100 %, the script's output
 * shows and a rerun streams again, q leaves with exit 0. A deploy whose script fails shows the
 * first cause and rolls back (exit 1). The screens read back are asserted.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, editFile } from '../integration/examples/example-deployer.js';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';

const terminals: TmuxTerminal[] = [];
afterAll(() => {
  for (const t of terminals) t.stop();
});

function consoleIn(dir: string): TmuxTerminal {
  const term = new TmuxTerminal(dir, { columns: 120, rows: 40 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=60 NO_COLOR=1 node ${stpBin} deploy --local --region eu-west-1`);
  return term;
}

/** The number of a pane's tab (`2 Canary`), as the tab bar shows it now. */
function tabKey(screen: string, title: string): string {
  const match = new RegExp(`(\\d) ${title}`).exec(screen);
  if (!match) throw new Error(`no ${title} tab on the screen:\n${screen}`);
  return match[1]!;
}

describe('the canary example', () => {
  const example = copyExample('canary-workload');
  afterAll(() => example.remove());

  beforeAll(async () => {
    writeFileSync(path.join(example.dir, 'src', 'announce.ts'), "export default async () => {\n  console.log('announce: release checked');\n  return { ok: true };\n};\n");
    editFile(example.configFile, (t) =>
      t.replace(
        '\n  checkBeforeTraffic:\n',
        `
  announce:
    type: deployment-script
    properties:
      trigger: after:deploy
      packaging:
        type: stacktape-lambda-buildpack
        properties:
          entryfilePath: ./src/announce.ts
      timeout: 30

  checkBeforeTraffic:
`,
      ),
    );
    const created = await runStp(['deploy', '--local', '--region', 'eu-west-1', '--yes'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '60', CI: 'true' } });
    if (created.code !== 0) throw new Error(created.stdout + created.stderr);
    // The release under test: a new image, and an operator's approval before production traffic.
    editFile(example.configFile, (t) =>
      t
        .replace('public.ecr.aws/nginx/nginx:1.27-alpine', 'public.ecr.aws/nginx/nginx:1.28-alpine')
        .replace('        testListenerPort: 8080\n', '        testListenerPort: 8080\n        manualApproval:\n          gate: before-production\n          timeoutMinutes: 600\n          onTimeout: rollback\n'),
    );
  }, 180_000);

  it('approve → PAUSE continued → the split moves → the script reruns → q', async () => {
    const term = consoleIn(example.dir);
    const plan = await term.waitFor((s) => s.includes('Apply these changes?'), 'the plan', 1500);
    expect(plan).toContain('stp deploy · shop-web-dev · stage dev · eu-west-1 · local cloud');
    expect(plan).toMatch(/± web WebTaskDefinition +ECS::TaskDefinition/);
    term.sendKeys('y');
    const watching = await term.waitFor((s) => /execute ✓ › watch [^✓✗]/.test(s), 'the update to be watched', 1500);
    term.sendKeys(tabKey(watching, 'Canary'));
    const paused = await term.waitFor((s) => s.includes('⏸ paused at post-test: c continue · r roll back'), 'the PAUSE hook', 2400);
    expect(paused).toContain('web  IN_PROGRESS · 100% old / 0% new · paused');
    term.sendKeys('c');
    const asked = await term.waitFor((s) => s.includes('Continue the deployment of web?'), 'the confirmation', 1500);
    expect(asked).toContain('▸ Cancel ◂');
    term.sendKeys('Tab');
    await term.waitFor((s) => s.includes('▸ Continue ◂'), 'Continue focused', 1500);
    term.sendKeys('Enter');
    await term.waitFor((s) => s.includes('web  IN_PROGRESS · 90% old / 10% new'), 'the 10 % canary', 2400);
    const result = await term.waitFor((s) => s.includes('q quit (exit code 0)'), 'the result screen', 2400);
    expect(result).toMatch(/✓ deployed shop-web-dev in \d+:\d\d · UPDATE_COMPLETE · exit code 0/);
    expect(result).toContain('R rerun announce');

    term.sendKeys(tabKey(result, 'Scripts'));
    const scripts = await term.waitFor((s) => s.includes('announce: release checked'), "the script's output", 1500);
    expect(scripts).toMatch(/✓ announce +succeeded/);
    term.sendKeys('0');
    await term.waitFor((s) => s.includes('R rerun announce'), 'the result screen again', 1500);
    term.sendKeys('R');
    await term.waitFor((s) => s.includes('Rerun announce?'), 'the rerun question', 1500);
    term.sendKeys('Tab');
    await term.waitFor((s) => s.includes('▸ Rerun ◂'), 'Rerun focused', 1500);
    term.sendKeys('Enter');
    const rerun = await term.waitFor((s) => s.includes('run 2') && s.split('announce: release checked').length > 2, 'the rerun output', 2400);
    expect(rerun).toContain('Rerunning announce…');
    term.sendKeys('q');
    const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 1500);
    expect(done).toMatch(/✓ deployed shop-web-dev \(UPDATE_COMPLETE\) in /);
    expect(done).toContain('[exit 0]');
  }, 240_000);
});

describe('a failing deploy', () => {
  const example = copyExample('hello-script');
  afterAll(() => example.remove());

  beforeAll(async () => {
    const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '60', CI: 'true' } });
    if (created.code !== 0) throw new Error(created.stdout + created.stderr);
    editFile(path.join(example.dir, 'src', 'greet.ts'), (t) => t.replace("  console.log('all good');", "  console.log('checking the bucket');\n  throw new Error('notes bucket answered 403 AccessDenied');"));
  }, 180_000);

  it('shows the first cause, rolls back, and leaves with exit 1', async () => {
    const term = consoleIn(example.dir);
    await term.waitFor((s) => s.includes('Apply these changes?'), 'the plan', 1500);
    term.sendKeys('y');
    const failed = await term.waitFor((s) => s.includes('q quit (exit code 1)'), 'the failure screen', 2400);
    expect(failed).toMatch(/↺ rolled back hello-script-dev in \d+:\d\d · UPDATE_ROLLBACK_COMPLETE · exit code 1/);
    expect(failed).toMatch(/✗ First cause: greet/);
    expect(failed).toContain('notes bucket answered 403 AccessDenied');
    expect(failed).toContain('watch ✗');
    // Rolled back already: nothing to recover.
    expect(failed).not.toContain('roll it back');
    term.sendKeys('q');
    const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 1500);
    expect(done).toMatch(/First cause: greet/);
    expect(done).toMatch(/✗ failed and rolled back: hello-script-dev \(UPDATE_ROLLBACK_COMPLETE\)/);
    expect(done).toContain('[exit 1]');
  }, 180_000);
});

describe('SIGTERM', () => {
  const example = copyExample('hello-script');
  afterAll(() => example.remove());

  it('at the approval question stops the deploy and restores the terminal (exit 130)', async () => {
    const term = consoleIn(example.dir);
    await term.waitFor((s) => s.includes('Apply these changes?'), 'the plan', 1500);
    // The shell tmux started runs stp as its child (env execs node).
    const shell = execFileSync('tmux', ['display', '-p', '-t', term.session, '#{pane_pid}'], { encoding: 'utf8' }).trim();
    const pid = execFileSync('pgrep', ['-P', shell, '-f', 'stp.mjs'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    execFileSync('kill', ['-TERM', pid]);
    const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 1500);
    // The normal screen again: the summary, no console frame.
    expect(done).toContain('error Interrupted before anything changed in AWS. (in gate)');
    expect(done).toMatch(/✗ interrupted: nothing changed in hello-script-dev/);
    expect(done).not.toContain('Apply these changes?');
    expect(done).toContain('[exit 130]');
  }, 120_000);
});
