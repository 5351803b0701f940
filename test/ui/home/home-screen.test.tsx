/**
 * The home screen (`stp` at a terminal): its stages read from the local cloud through the real
 * SDK after deploying them (dev, prod, and a qa whose create failed and rolled back; another
 * project's `homeapp-extra-dev` is not listed), and the actions by key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listStageStacks, type StageStack } from '../../../src/engine/status/list-stages.js';
import { HomeScreen, type HomeChoice } from '../../../src/ui/home/home-screen.js';
import { startDeployCloud, type DeployCloud } from '../../integration/deploy/deploy-harness.js';
import { KEY, press, settle, waitForFrame, waitForText } from '../support/ink-wait.js';

afterEach(() => cleanup());

const CONFIG = (name: string, broken: boolean) => `serviceName: ${name}
resources: {}
cloudformationResources:
  Topic:
    Type: AWS::SNS::Topic
${broken ? '    Metadata:\n      stp:emulator:\n        fail: no topics in qa\n' : ''}`;

function project(name: string, broken = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stp-home-'));
  writeFileSync(path.join(dir, 'stacktape.yml'), CONFIG(name, broken));
  return dir;
}

let cloud: DeployCloud;
let stages: StageStack[];
const dirs: string[] = [];

beforeAll(async () => {
  cloud = await startDeployCloud(600);
  const good = project('homeapp');
  const broken = project('homeapp', true);
  const other = project('homeapp-extra');
  dirs.push(good, broken, other);
  const deploy = async (dir: string, stage: string) => {
    const { result } = await cloud.deploy(dir, { project: { cwd: dir, configPath: dir, stage, region: 'eu-west-1' } });
    return result.exitCode;
  };
  expect(await deploy(good, 'dev')).toBe(0);
  expect(await deploy(good, 'prod')).toBe(0);
  expect(await deploy(broken, 'qa')).toBe(1);
  expect(await deploy(other, 'dev')).toBe(0);
  stages = await listStageStacks(cloud.clients.cloudFormation, 'homeapp', 'test');
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function mount(options: { logResources?: string[]; initialStage?: string } = {}) {
  const chosen: HomeChoice[] = [];
  let quit = 0;
  const instance = render(
    <HomeScreen
      project="homeapp"
      where="eu-west-1 · local cloud"
      region="eu-west-1"
      stages={stages}
      logResources={options.logResources ?? ['api', 'migrate', 'web']}
      initialStage={options.initialStage ?? 'dev'}
      width={100}
      onChoose={(choice) => chosen.push(choice)}
      onQuit={() => (quit += 1)}
    />,
  );
  return { instance, chosen, quits: () => quit };
}

describe('listStageStacks against the local cloud', () => {
  it("lists this project's stages with status and last change, plus the named stage not deployed", () => {
    expect(stages.map((s) => [s.stage, s.stackName, s.status])).toEqual([
      ['dev', 'homeapp-dev', 'CREATE_COMPLETE'],
      ['prod', 'homeapp-prod', 'CREATE_COMPLETE'],
      ['qa', 'homeapp-qa', 'ROLLBACK_COMPLETE'],
      ['test', 'homeapp-test', undefined],
    ]);
    expect(stages[0]!.lastChangedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(stages[3]!.lastChangedAt).toBeUndefined();
  });
});

describe('HomeScreen', () => {
  it('shows the stages with a symbol per status and the actions from KEYMAP.home', async () => {
    const { instance } = mount();
    const frame = await waitForText(instance, 'not deployed');
    expect(frame).toContain('stp homeapp · eu-west-1 · local cloud');
    expect(frame).toMatch(/› dev {3}✓ CREATE_COMPLETE {4}\d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ s ago\)/);
    expect(frame).toContain('  stage   status             last change');
    expect(frame).toMatch(/ {2}prod +✓ CREATE_COMPLETE/);
    expect(frame).toMatch(/ {2}qa +↺ ROLLBACK_COMPLETE/);
    expect(frame).toMatch(/ {2}test +· not deployed/);
    expect(frame).not.toContain('extra');
    expect(frame).toContain('j/k select a stage  d deploy  p preview  l logs  s status  D delete  q quit');
  });

  it('j/k move the selection; d, p, s and D choose that action for the selected stage', async () => {
    const { instance, chosen } = mount();
    await waitForText(instance, '› dev');
    await press(instance, 'j');
    expect(instance.lastFrame()).toContain('› prod');
    instance.stdin.write('d');
    instance.stdin.write('p');
    instance.stdin.write('s');
    instance.stdin.write('D');
    await press(instance, KEY.down);
    expect(chosen).toEqual([
      { action: 'deploy', stage: 'prod' },
      { action: 'preview', stage: 'prod' },
      { action: 'status', stage: 'prod' },
      { action: 'delete', stage: 'prod' },
    ]);
  });

  it('a stage that is not deployed can be deployed or previewed, and says so for the rest', async () => {
    const { instance, chosen } = mount({ initialStage: 'test' });
    await waitForText(instance, '› test');
    const frame = await press(instance, 's');
    expect(frame).toContain('› homeapp-test is not deployed: deploy it first (d).');
    expect(chosen).toEqual([]);
    await press(instance, 'k');
    instance.stdin.write('d');
    await press(instance, 'j');
    expect(chosen).toEqual([{ action: 'deploy', stage: 'qa' }]);
  });

  it('l picks the resource whose logs to show (j/k, Enter; Esc goes back)', async () => {
    const { instance, chosen } = mount();
    await waitForText(instance, '› dev');
    let frame = await press(instance, 'l');
    expect(frame).toContain('Logs of homeapp-dev: which resource?');
    expect(frame).toContain('j/k select a resource  Enter show its logs  Esc back');
    frame = await press(instance, KEY.escape);
    expect(frame).not.toContain('which resource?');
    await press(instance, 'l');
    await press(instance, 'j');
    instance.stdin.write(KEY.enter);
    await waitForText(instance, 'which resource?');
    await new Promise((resolve) => setImmediate(resolve));
    await press(instance, KEY.escape);
    expect(chosen).toEqual([{ action: 'logs', stage: 'dev', resource: 'migrate' }]);
  });

  it('while the stages are listed: says so, ignores actions, q still quits; then selects the named stage', async () => {
    const chosen: HomeChoice[] = [];
    let quits = 0;
    const props = { project: 'homeapp', region: 'eu-west-1', logResources: [], initialStage: 'prod', width: 100, onChoose: (c: HomeChoice) => chosen.push(c), onQuit: () => (quits += 1) };
    const instance = render(<HomeScreen {...props} />);
    const frame = await waitForText(instance, 'looking for');
    expect(frame).toContain('stp homeapp · eu-west-1');
    expect(frame).toContain("looking for homeapp's stages in eu-west-1…");
    instance.stdin.write('d');
    await settle();
    instance.rerender(<HomeScreen {...props} where="eu-west-1 · local cloud" stages={stages} />);
    await waitForText(instance, '› prod');
    instance.stdin.write('q');
    await waitForFrame(instance, () => quits === 1);
    expect(chosen).toEqual([]);
  });

  it('l with a single resource opens it at once; q quits', async () => {
    const { instance, chosen, quits } = mount({ logResources: ['api'] });
    await waitForText(instance, '› dev');
    instance.stdin.write('l');
    instance.stdin.write('q');
    await press(instance, 'j');
    expect(chosen).toEqual([{ action: 'logs', stage: 'dev', resource: 'api' }]);
    expect(quits()).toBe(1);
  });
});
