import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody, StackEventRecord } from '../../../src/engine/events.js';
import type { PaneProps } from '../../../src/ui/console/pane-props.js';
import { EventsPane } from '../../../src/ui/panes/events-pane.js';
import { KEY, plain, press, settle, waitForFrame, waitForText } from '../support/ink-wait.js';
import { recordedStore } from '../support/recorded-stream.js';
import { recordingCommands } from '../support/recording-commands.js';
import { sessionFixture } from '../support/session-fixture.js';

afterEach(() => cleanup());

function mount(store: PaneProps['store'], size: { width?: number; height?: number } = {}) {
  const logs: string[] = [];
  const commands = recordingCommands();
  const instance = render(
    <EventsPane
      store={store}
      commands={commands}
      focused
      width={size.width ?? 100}
      height={size.height ?? 30}
      notify={() => undefined}
      setCapturing={() => undefined}
      showLogs={(resource) => logs.push(resource)}
    />,
  );
  return { instance, logs, commands };
}

const ROOT = 'arn:aws:cloudformation:eu-west-1:1:stack/shop-dev/1';
const NESTED = 'arn:aws:cloudformation:eu-west-1:1:stack/shop-dev-Data-ABC/2';
const DEEPER = 'arn:aws:cloudformation:eu-west-1:1:stack/shop-dev-Data-ABC-Cache-DEF/3';

function se(logicalId: string, status: string, second: number, extra: Partial<StackEventRecord> = {}): DeployEventBody {
  const at = `2026-12-06T10:00:${String(second).padStart(2, '0')}.000Z`;
  return { type: 'stack.event', event: { eventId: `${logicalId}-${status}-${at}`, stackName: 'shop-dev', stackId: ROOT, logicalId, resourceType: 'AWS::SNS::Topic', status, at, depth: 0, ...extra } };
}

const rowOf = (frame: string, name: string) => frame.split('\n').find((line) => line.slice(4).startsWith(name) || line.includes(` ${name} `)) ?? '';

describe('EventsPane on recorded deploys', () => {
  it('a finished create: one row per resource, ✓ and the status, durations, a full progress bar', async () => {
    const { store } = recordedStore('hello-script-create.ndjson');
    const { instance } = mount(store);
    const frame = await waitForText(instance, '15/15 finished');
    const lines = frame.split('\n');
    expect(lines[0]).toBe('█████████████████████████ 15/15 finished  ✓ CREATE_COMPLETE');
    expect(lines).toHaveLength(16);
    expect(lines[1]).toBe('▸ ✓ farewell FarewellLogGroup         Logs::LogGroup          CREATE_COMPLETE  0.0s');
    expect(lines).toContain('  ✓ notes NotesBucket                 S3::Bucket              CREATE_COMPLETE  0.1s');
    expect(lines).toContain('  ✓ greet GreetScriptCustomResource   Custom::StpDeployment…  CREATE_COMPLETE  0.4s');
    expect(lines.slice(1).every((line) => /^[▸ ] ✓ /.test(line))).toBe(true);
    // No colour codes in this (non-TTY) test: the symbols and words alone say it, as under NO_COLOR.
    expect(instance.lastFrame()).toBe(plain(instance.lastFrame()));
  });

  it('mid-deploy: rows update as events arrive; in progress spins, planned resources are pending', async () => {
    let count = 0;
    const { store } = recordedStore('hello-script-create.ndjson', () => ++count === 40);
    const { instance } = mount(store);
    const frame = await waitForText(instance, '3/15 finished');
    expect(frame.split('\n')[0]).toMatch(/^█{5}░{20} 3\/15 finished {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] CREATE_IN_PROGRESS$/);
    expect(rowOf(frame, 'notes NotesBucket')).toMatch(/^ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] notes NotesBucket +S3::Bucket +CREATE_IN_PROGRESS +0\.0s…$/);
    expect(rowOf(frame, 'greet GreetFunction')).toBe('  · greet GreetFunction               Lambda::Function        pending');
  });

  it('a failed update: the first cause pinned on top (reason, script error, last lines), the failure kept after the rollback', async () => {
    const { store } = recordedStore('hello-script-script-fails.ndjson');
    const { instance } = mount(store);
    const frame = await waitForText(instance, 'First cause');
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^╭─+╮$/);
    expect(lines[1]).toBe(`│ ✗ First cause: greet  GreetScriptCustomResource · Custom::StpDeploymentScript${' '.repeat(20)}│`);
    expect(lines[2]).toContain('│ Received response status [FAILED] from custom resource. Message returned: notes bucket answered  │');
    expect(lines[3]).toContain('│ 403 AccessDenied (RequestId: b708e477-fe40-4166-a08b-e05fed978c9f)');
    expect(lines[4]).toContain('│ script error: notes bucket answered 403 AccessDenied');
    expect(frame).toContain('last lines of the script:');
    expect(frame).toContain('↺ UPDATE_ROLLBACK_COMPLETE');
    // The row drops CloudFormation's custom-resource wrapper; the panel above keeps the whole reason.
    expect(frame).toContain('▸ ✗ greet GreetScriptCustomResource   Custom::StpDeployment…  UPDATE_FAILED ↺  0.5s     notes bucke…');
    expect(frame).toContain('  ↺ writeNote WriteNoteFunction       Lambda::Function        UPDATE_COMPLETE  0.1s');
    // Planned but never touched before the rollback ended it.
    expect(frame).toContain('  · StpDeploymentScriptRunnerRole     IAM::Role               not reached');
  });

  it('a canary whose PAUSE hook timed out: the first cause names the service and lists its stopped tasks', async () => {
    const { store } = recordedStore('canary-pause-rollback.ndjson');
    const { instance } = mount(store);
    const frame = await waitForText(instance, 'First cause');
    const lines = frame.split('\n');
    expect(lines[1]).toBe(`│ ✗ First cause: web  WebService · AWS::ECS::Service${' '.repeat(47)}│`);
    expect(lines[2]).toBe(`│ Resource handler returned message: "Error occurred during operation 'deployment failed: pause    │`);
    expect(lines[3]).toMatch(/^│ hook ecs-pause-\S+ timed out'\." \(RequestToken: [0-9a-f-]+… │$/);
    expect(lines.slice(4, 8).every((line) => /^│ task [0-9a-f]{32} stopped: Scaling activity initiated by \(deployment ecs-sv… │$/.test(line))).toBe(true);
  });

  it('a replacement: the old bucket deleted in the cleanup reads as the old one; the removed topic as deleted', async () => {
    const { store } = recordedStore('hello-script-replace-data-loss.ndjson');
    const { instance } = mount(store);
    const frame = await waitForText(instance, 'UPDATE_COMPLETE');
    expect(rowOf(frame, 'Archive')).toMatch(/^▸ ✓ Archive +S3::Bucket +DELETE_COMPLETE \(old\) +0\.0s$/);
    expect(rowOf(frame, 'Topic')).toMatch(/^ {2}✓ Topic +SNS::Topic +DELETE_COMPLETE +\d/);
  });

  it('the first cause stays pinned while the list scrolls, and the frame stays within height', async () => {
    const { store } = recordedStore('hello-script-script-fails.ndjson');
    const { instance } = mount(store, { height: 14 });
    let frame = await waitForText(instance, 'First cause');
    expect(frame.split('\n').length).toBeLessThanOrEqual(14);
    // The failed resource is selected first (row 3 of 6); five more j stop at the last row.
    expect(frame).toMatch(/▸ ✗ greet GreetScriptCustomResource/);
    for (let i = 0; i < 5; i++) instance.stdin.write('j');
    frame = await waitForFrame(instance, (f) => /▸ · StpDeploymentScriptRunnerRole/.test(f));
    expect(frame.split('\n').length).toBeLessThanOrEqual(14);
    expect(frame.split('\n')[1]).toContain('✗ First cause: greet');
  });
});

describe('EventsPane on a short pane', () => {
  it('the first cause shrinks to one line rather than push the frame past its height', async () => {
    const { store } = recordedStore('hello-script-script-fails.ndjson');
    for (const height of [4, 6, 8]) {
      const { instance } = mount(store, { height });
      const frame = await waitForText(instance, 'First cause');
      expect(frame.split('\n').length).toBeLessThanOrEqual(height);
      if (height < 8) expect(frame.split('\n')[0]).toBe('✗ First cause: greet — notes bucket answered 403 AccessDenied (RequestId: b708e477-fe40-4166-a08b-e…');
      instance.unmount();
    }
  });
});

describe('EventsPane', () => {
  it('nested stacks as a tree under the nested stack row', async () => {
    const { store } = sessionFixture([
      se('Api', 'CREATE_COMPLETE', 1, { owner: 'api', resourceType: 'AWS::Lambda::Function' }),
      se('Data', 'CREATE_IN_PROGRESS', 2, { resourceType: 'AWS::CloudFormation::Stack', physicalId: NESTED }),
      se('Table', 'CREATE_COMPLETE', 3, { stackId: NESTED, stackName: 'shop-dev-Data-ABC', depth: 1, resourceType: 'AWS::DynamoDB::Table' }),
      se('Cache', 'CREATE_IN_PROGRESS', 4, { stackId: NESTED, stackName: 'shop-dev-Data-ABC', depth: 1, resourceType: 'AWS::CloudFormation::Stack', physicalId: DEEPER }),
      se('Queue', 'CREATE_FAILED', 5, { stackId: DEEPER, stackName: 'shop-dev-Data-ABC-Cache-DEF', depth: 2, resourceType: 'AWS::SQS::Queue', reason: 'Queue name taken' }),
      se('Topic', 'CREATE_COMPLETE', 6, { stackId: NESTED, stackName: 'shop-dev-Data-ABC', depth: 1 }),
      se('Web', 'CREATE_COMPLETE', 7, { owner: 'web', resourceType: 'AWS::ECS::Service' }),
    ]);
    const { instance } = mount(store);
    const frame = await waitForText(instance, 'Queue');
    const rows = frame.split('\n').map((line) => line.replace(/ +$/, ''));
    const names = rows.map((line) => line.slice(2, 13).trimEnd()); // symbol + the 9-column name column
    expect(names).toEqual(['✓ api Api', expect.stringMatching(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Data$/), '✓ ├ Table', expect.stringMatching(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ├ Cache$/), '✗   └ Queue', '✓ └ Topic', '✓ web Web']);
    expect(rows[4]).toMatch(/✗ {3}└ Queue +SQS::Queue +CREATE_FAILED +0\.0s +Queue name taken$/);
  });

  it('j/k select; l and Enter open the logs of the selected resource by its config name (logical id without one)', async () => {
    const { store } = sessionFixture([se('Api', 'CREATE_COMPLETE', 1, { owner: 'api' }), se('Topic', 'CREATE_COMPLETE', 2), se('Web', 'CREATE_COMPLETE', 3, { owner: 'web' })]);
    const { instance, logs } = mount(store);
    await waitForText(instance, '▸ ✓ api');
    await settle();
    instance.stdin.write('l');
    await settle();
    expect(await press(instance, 'j')).toContain('▸ ✓ Topic');
    await settle();
    instance.stdin.write(KEY.enter);
    await settle();
    await press(instance, KEY.down);
    await settle();
    expect(await press(instance, 'k')).toContain('▸ ✓ Topic');
    await settle();
    await press(instance, 'j');
    await settle();
    instance.stdin.write('l');
    await settle();
    expect(logs).toEqual(['api', 'Topic', 'web']);
  });

  it('the selection survives the pane being unmounted (a tab switch) and mounted again', async () => {
    const { store } = sessionFixture([se('Api', 'CREATE_COMPLETE', 1, { owner: 'api' }), se('Topic', 'CREATE_COMPLETE', 2), se('Web', 'CREATE_COMPLETE', 3, { owner: 'web' })]);
    const first = mount(store);
    await waitForText(first.instance, '▸ ✓ api');
    await press(first.instance, 'j');
    expect(await press(first.instance, 'j')).toContain('▸ ✓ web');
    first.instance.unmount();
    const again = mount(store);
    expect(await waitForText(again.instance, 'Web')).toContain('▸ ✓ web');
  });

  it('a first cause without details still gets its boxed panel when there is room (4 lines)', async () => {
    const { store } = sessionFixture([
      se('Broken', 'CREATE_FAILED', 1, { reason: 'refused for the test' }),
      { type: 'first-cause', logicalId: 'Broken', resourceType: 'AWS::SNS::Topic', reason: 'refused for the test', details: [] },
    ]);
    const { instance } = mount(store, { height: 20 });
    const frame = await waitForText(instance, 'First cause');
    expect(frame).toContain('✗ First cause: Broken  AWS::SNS::Topic');
    expect(frame).toContain('╭');
  });

  it('until the operator picks a row, the window follows the newest resource in progress below the fold', async () => {
    const done = Array.from({ length: 20 }, (_, i) => se(`Done${String(i).padStart(2, '0')}`, 'CREATE_COMPLETE', i + 1));
    const { store, push } = sessionFixture([...done, se('Service', 'CREATE_IN_PROGRESS', 30, { owner: 'web' })]);
    const { instance } = mount(store, { height: 10 });
    let frame = await waitForText(instance, 'web Service');
    expect(frame).toMatch(/▸ \S+ web Service/);
    expect(frame).not.toContain('Done00');
    expect(frame.split('\n').length).toBeLessThanOrEqual(10);
    // Once the operator moves, the selection is theirs: a new resource in progress does not take it.
    frame = await press(instance, 'k');
    expect(frame).toContain('▸ ✓ Done19');
    push(se('Alarm', 'CREATE_IN_PROGRESS', 40));
    await waitForFrame(instance, (f) => f.includes('rows') || f.includes('Alarm') || f.includes('Done19'));
    await settle();
    expect(plain(instance.lastFrame())).toContain('▸ ✓ Done19');
  });

  it('rows update in place and durations run on CloudFormation time', async () => {
    const { store, push } = sessionFixture([se('Db', 'UPDATE_IN_PROGRESS', 1, { owner: 'db' }), se('Fn', 'UPDATE_IN_PROGRESS', 3, { owner: 'fn' })]);
    const { instance } = mount(store);
    let frame = await waitForText(instance, 'Db');
    expect(rowOf(frame, 'db Db')).toMatch(/UPDATE_IN_PROGRESS +2\.0s…$/);
    push(se('Db', 'UPDATE_COMPLETE', 9, { owner: 'db' }));
    frame = await waitForFrame(instance, (f) => f.includes('✓ db Db'));
    expect(rowOf(frame, 'db Db')).toMatch(/✓ db Db +SNS::Topic +UPDATE_COMPLETE +8\.0s$/);
    expect(rowOf(frame, 'fn Fn')).toMatch(/UPDATE_IN_PROGRESS +6\.0s…$/);
    expect(frame.split('\n').filter((line) => line.includes('db Db'))).toHaveLength(1);
  });

  it('a session that ended before CloudFormation touched anything lists no planned rows', async () => {
    const plan: DeployEventBody = {
      type: 'plan.ready',
      changeSetType: 'UPDATE',
      changes: [{ logicalId: 'Fn', owner: 'fn', resourceType: 'AWS::Lambda::Function', action: 'modify', causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false }],
      counts: { add: 0, modify: 1, replace: 0, mayReplace: 0, remove: 0, dataLoss: 0, total: 1 },
    };
    const { store, push } = sessionFixture([plan]);
    const { instance } = mount(store);
    expect(await waitForText(instance, '· fn Fn')).toContain('pending');
    push({ type: 'result', outcome: 'refused', exitCode: 3, durationMs: 5, outputs: {} });
    const frame = await waitForText(instance, 'No resource changed in this session.');
    expect(frame).toBe('No resource changed in this session.');
  });

  it('the progress bar follows progress events', async () => {
    const { store, push } = sessionFixture([{ type: 'progress', done: 0, total: 4 }, { type: 'stack.status', stackName: 'shop-dev', status: 'UPDATE_IN_PROGRESS' }]);
    const { instance } = mount(store);
    expect((await waitForText(instance, '0/4 finished')).split('\n')[0]).toMatch(/^░{25} 0\/4 finished {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] UPDATE_IN_PROGRESS$/);
    push({ type: 'progress', done: 3, total: 4 });
    expect((await waitForText(instance, '3/4 finished')).split('\n')[0]).toMatch(/^█{19}░{6} 3\/4 finished/);
  });

  it('windowing keeps a long list within height and follows the selection', async () => {
    const { store } = sessionFixture(Array.from({ length: 40 }, (_, i) => se(`Topic${String(i).padStart(2, '0')}`, 'CREATE_COMPLETE', i % 60)));
    const { instance } = mount(store, { height: 10 });
    let frame = await waitForText(instance, 'rows 1–9 of 40');
    expect(frame.split('\n')).toHaveLength(10);
    for (let i = 0; i < 15; i++) instance.stdin.write('j');
    frame = await waitForText(instance, '▸ ✓ Topic15');
    expect(frame.split('\n')).toHaveLength(10);
    expect(frame).toContain('rows 8–16 of 40');
    expect(frame).not.toContain('Topic00');
  });
});
