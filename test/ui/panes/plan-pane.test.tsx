import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody, PlannedChange } from '../../../src/engine/events.js';
import { countChanges } from '../../../src/engine/plan/classify.js';
import type { NoticeTone, PaneProps } from '../../../src/ui/console/pane-props.js';
import { PlanPane } from '../../../src/ui/panes/plan-pane.js';
import { KEY, plain, press, settle, waitForFrame, waitForText } from '../support/ink-wait.js';
import { recordedStore } from '../support/recorded-stream.js';
import { recordingCommands } from '../support/recording-commands.js';
import { sessionFixture } from '../support/session-fixture.js';

afterEach(() => cleanup());

function mount(store: PaneProps['store'], size: { width?: number; height?: number } = {}, refuse: Parameters<typeof recordingCommands>[0] = {}) {
  const commands = recordingCommands(refuse);
  const notices: [string, NoticeTone | undefined][] = [];
  const capturing: boolean[] = [];
  const instance = render(
    <PlanPane
      store={store}
      commands={commands}
      focused
      width={size.width ?? 100}
      height={size.height ?? 24}
      notify={(message, tone) => notices.push([message, tone])}
      setCapturing={(on) => capturing.push(on)}
      showLogs={() => undefined}
    />,
  );
  return { instance, commands, notices, capturing };
}

const change = (logicalId: string, action: PlannedChange['action'], extra: Partial<PlannedChange> = {}): PlannedChange => ({
  logicalId,
  resourceType: 'AWS::SNS::Topic',
  action,
  causes: [],
  dataLoss: false,
  securityBroadening: false,
  protectedViolation: false,
  ...extra,
});

function planOf(changes: PlannedChange[], changeSetType: 'CREATE' | 'UPDATE' | 'DELETE' = 'UPDATE'): DeployEventBody {
  return { type: 'plan.ready', changeSetType, changes, counts: countChanges(changes) };
}

const DB_REPLACE = change('StpDbInstance', 'replace', {
  owner: 'db',
  resourceType: 'AWS::RDS::DBInstance',
  replacement: 'True',
  policyAction: 'ReplaceAndDelete',
  dataLoss: true,
  protectedViolation: true,
  causes: [
    { path: 'Properties.DBInstanceIdentifier', requiresRecreation: 'Always', evaluation: 'Static', changeSource: 'DirectModification' },
    { path: 'Properties.AllocatedStorage', requiresRecreation: 'Never', evaluation: 'Static', changeSource: 'DirectModification', before: '20', after: '40' },
  ],
});
const QUEUE_MAY = change('JobsQueue', 'may-replace', {
  owner: 'jobs',
  resourceType: 'AWS::SQS::Queue',
  replacement: 'Conditional',
  causes: [{ path: 'Properties.QueueName', requiresRecreation: 'Conditionally', evaluation: 'Dynamic', changeSource: 'ResourceReference', causingEntity: 'StpNamePrefix' }],
});
const ROLE_ADD = change('WebRole', 'add', { owner: 'web', resourceType: 'AWS::IAM::Role', securityBroadening: true });
const FN_MODIFY = change('WebFunction', 'modify', { owner: 'web', resourceType: 'AWS::Lambda::Function', causes: [{ path: 'Properties.MemorySize', requiresRecreation: 'Never', changeSource: 'DirectModification' }] });
const TOPIC_REMOVE = change('OldTopic', 'remove', { policyAction: 'Delete' });

describe('PlanPane on a recorded plan (hello-script: bucket replaced, memory raised, topic removed)', () => {
  const recorded = () => recordedStore('hello-script-replace-data-loss.ndjson', (e) => e.type === 'approval.answered').store;

  it('groups by action, destructive first, with symbols, names, the forcing property and PolicyAction', async () => {
    const { instance } = mount(recorded());
    const frame = await waitForText(instance, 'Update · ');
    const lines = frame.split('\n');
    expect(lines[0]).toBe('Update · 4 changes:  ~ 2 modify  ± 1 replace  − 1 remove  · 1 data loss');
    expect(lines[1]).toBe('⚠ DATA LOSS: Archive (replace, ReplaceAndDelete) — its data will be destroyed');
    const groups = lines.filter((line) => /^[±−~+?] [a-z ]+ \(\d+\)$/.test(line));
    expect(groups).toEqual(['± replace (1)', '− remove (1)', '~ modify (2)']);
    // 100 columns: the why comes before the flags (the banner above repeats the data loss).
    expect(lines).toContain('▸ ± Archive                       S3::Bucket              forced by BucketName (Always; edited)  DA…');
    expect(lines).toContain('  − Topic                         SNS::Topic              Delete');
    expect(lines).toContain('  ~ greet GreetScriptCustomReso…  Custom::StpDeployment…  DeploymentId, ParametersJson');
    expect(lines).toContain('  ~ writeNote WriteNoteFunction   Lambda::Function        MemorySize');
    // The recorded run used --yes: its approval was answered by the flag.
    expect(frame).toContain('✓ approved by flag (--yes)');
  });

  it('reads under NO_COLOR: the frame has no colour codes and the symbols and words carry the meaning', async () => {
    const { instance } = mount(recorded());
    await waitForText(instance, 'Update · ');
    const raw = instance.lastFrame() ?? '';
    // vitest's stdout is not a TTY, so Ink's chalk draws without colour here, as under NO_COLOR.
    expect(raw).toBe(plain(raw));
    for (const text of ['± replace (1)', '− remove (1)', '~ modify (2)', '⚠ DATA LOSS', '▸ ± Archive']) expect(raw).toContain(text);
  });

  it('d shows the selected change property by property; d again hides it', async () => {
    const { instance } = mount(recorded());
    await waitForText(instance, 'Update · ');
    await settle();
    const open = await press(instance, 'd');
    expect(open).toContain('± Archive  AWS::S3::Bucket · hello-archive-one');
    expect(open).toContain('  action replace · Replacement True · PolicyAction ReplaceAndDelete · DATA LOSS');
    expect(open).toContain('  Properties.BucketName  recreation Always · Static · DirectModification (edited in the template)');
    const closed = await press(instance, 'd');
    expect(closed).not.toContain('PolicyAction ReplaceAndDelete');
  });

  it('j moves the selection and Enter shows that change (ResourceAttribute causes name their entity)', async () => {
    const { instance } = mount(recorded());
    await waitForText(instance, 'Update · ');
    await settle();
    await press(instance, 'j');
    await settle();
    await press(instance, 'j');
    await settle();
    const frame = await press(instance, KEY.enter);
    expect(frame).toMatch(/▸ ~ greet/);
    expect(frame).toContain('~ greet  GreetScriptCustomResource · Custom::StpDeploymentScript · stp-script-GreetScriptCustomReso…');
    expect(frame).toContain('  Properties.DeploymentId  recreation Never · Static · ParameterReference StpDeploymentId (paramete…');
    expect(frame).toContain('  Properties.ParametersJson  recreation Never · Dynamic · ResourceAttribute WriteNoteFunction.Arn (…');
  });
});

describe('PlanPane on a recorded first deploy (hello-script)', () => {
  it('a new stack: one add group with the config names first, the roles called out, windowed to the height', async () => {
    const { store } = recordedStore('hello-script-create.ndjson', (e) => e.type === 'plan.ready');
    const { instance } = mount(store, { height: 12 });
    const frame = await waitForText(instance, 'New stack');
    const lines = frame.split('\n');
    expect(lines[0]).toBe('New stack · 15 changes:  + 15 add');
    // New IAM roles grant access: called out (the engine flags every added role).
    expect(lines[1]).toMatch(/^⚠ Broadens access \(IAM \/ security groups\): farewell FarewellRole \(AWS::IAM::Role\), greet GreetRole/);
    expect(lines[2]).toBe('+ add (15)');
    expect(lines[3]).toMatch(/^▸ \+ farewell FarewellFunction +Lambda::Function$/);
    expect(lines).toHaveLength(12);
    expect(lines[11]).toBe('  rows 1–9 of 16 · 1/15 selected · j/k move');
  });
});

describe('PlanPane', () => {
  it('shows every kind of change, the may-replace cause and entity, protected and broadening call-outs', async () => {
    const { store } = sessionFixture([planOf([ROLE_ADD, FN_MODIFY, DB_REPLACE, QUEUE_MAY, TOPIC_REMOVE])]);
    const { instance } = mount(store);
    const frame = await waitForText(instance, 'Update · ');
    expect(frame).toContain('⚠ DATA LOSS: db StpDbInstance (replace, ReplaceAndDelete) — its data will be destroyed');
    expect(frame).toContain('⛔ PROTECTED resources would be replaced or removed: db StpDbInstance (replace)');
    expect(frame).toContain('⚠ Broadens access (IAM / security groups): web WebRole (AWS::IAM::Role)');
    const groups = frame.split('\n').filter((line) => /^[±−~+?] [a-z ]+ \(\d+\)$/.test(line));
    expect(groups).toEqual(['± replace (1)', '− remove (1)', '? may replace (1)', '~ modify (1)', '+ add (1)']);
    const lines = frame.split('\n');
    expect(lines[0]).toBe('Update · 5 changes:  + 1 add  ~ 1 modify  ± 1 replace  ? 1 may replace  − 1 remove  · 1 data loss');
    expect(lines).toContain('▸ ± db StpDbInstance  RDS::DBInstance   forced by DBInstanceIdentifier (Always; edited)  DATA LOSS …');
    expect(lines).toContain('  ? jobs JobsQueue    SQS::Queue        forced by QueueName (Conditionally, at execution; via StpNa…');
    expect(lines).toContain('  − OldTopic          SNS::Topic        Delete');
    expect(lines).toContain('  ~ web WebFunction   Lambda::Function  MemorySize');
    expect(lines).toContain('  + web WebRole       IAM::Role         broadens access');
    expect(frame).not.toContain('?  Apply');
  });

  it('the selected change survives the pane being unmounted (a tab switch) and mounted again', async () => {
    const { store } = sessionFixture([planOf([ROLE_ADD, FN_MODIFY, DB_REPLACE])]);
    const first = mount(store);
    await waitForText(first.instance, '▸ ± db');
    expect(await press(first.instance, 'j')).toContain('▸ ~ web WebFunction');
    first.instance.unmount();
    const again = mount(store);
    expect(await waitForText(again.instance, 'WebFunction')).toContain('▸ ~ web WebFunction');
  });

  it('details show before → after when the change set had values', async () => {
    const { store } = sessionFixture([planOf([DB_REPLACE])]);
    const { instance } = mount(store);
    await waitForText(instance, 'Update · ');
    await settle();
    const frame = await press(instance, 'd');
    expect(frame).toContain('± db  StpDbInstance · AWS::RDS::DBInstance');
    expect(frame).toContain('  action replace · Replacement True · PolicyAction ReplaceAndDelete · DATA LOSS · PROTECTED');
    expect(frame).toContain('  Properties.AllocatedStorage  recreation Never · Static · DirectModification (edited in the templa');
    expect(frame).toContain('      20 → 40');
  });

  it('waits for a plan, and says when there are no changes', async () => {
    const { store, push } = sessionFixture([{ type: 'phase.changed', phase: 'change-set' }]);
    const { instance } = mount(store);
    await waitForText(instance, 'Waiting for the plan… (change-set)');
    push(planOf([]));
    expect(await waitForText(instance, 'No changes.')).toContain('Update · 0 changes');
  });

  it('says so when a session ended without a plan', async () => {
    const { store } = sessionFixture([{ type: 'phase.changed', phase: 'check' }, { type: 'result', outcome: 'failed', exitCode: 1, durationMs: 10, outputs: {} }]);
    const { instance } = mount(store);
    await waitForText(instance, 'No plan in this session (failed).');
  });

  describe('approval', () => {
    const pending = (level: 'changes' | 'destructive' | 'data-loss', confirmText?: string): DeployEventBody => ({
      type: 'approval.requested',
      id: 'ap-1',
      level,
      resources: ['StpDbInstance'],
      ...(confirmText ? { confirmText } : {}),
    });

    it('y approves: the exact command, then "sent", then who approved', async () => {
      const { store, push } = sessionFixture([{ type: 'session.started', command: 'deploy', stack: 'shop-dev', stage: 'dev', region: 'eu-west-1', target: 'local', mode: 'interactive' }, planOf([FN_MODIFY]), pending('changes')]);
      const { instance, commands } = mount(store);
      const frame = await waitForText(instance, '? Apply these changes?');
      expect(frame).toContain('y approve   n reject   d/Enter details   j/k select');
      expect(await press(instance, 'y')).toContain('… approval sent; waiting for the engine');
      expect(commands.calls).toEqual([['approve', 'ap-1']]);
      instance.stdin.write('y');
      instance.stdin.write('n');
      await settle();
      expect(commands.calls).toEqual([['approve', 'ap-1']]);
      push({ type: 'approval.answered', id: 'ap-1', approved: true, by: 'key' });
      await waitForText(instance, '✓ approved by you');
    });

    it('n rejects: the exact command, then who rejected and why', async () => {
      const { store, push } = sessionFixture([planOf([DB_REPLACE]), pending('destructive')]);
      const { instance, commands } = mount(store);
      await waitForText(instance, '? This plan replaces or removes resources. Apply it?');
      await settle();
      await press(instance, 'n');
      expect(commands.calls).toEqual([['reject', 'ap-1']]);
      push({ type: 'approval.answered', id: 'ap-1', approved: false, by: 'key', reason: 'rejected by the operator' });
      await waitForText(instance, '✗ rejected by you (rejected by the operator)');
    });

    it('a command the session cannot run is reported, not swallowed', async () => {
      const { store } = sessionFixture([planOf([FN_MODIFY]), pending('changes')]);
      const { instance, commands, notices } = mount(store, {}, { approve: 'This is a replay: approvals cannot be answered.' });
      await waitForText(instance, '? Apply these changes?');
      await settle();
      instance.stdin.write('y');
      await settle();
      expect(commands.calls).toEqual([['approve', 'ap-1']]);
      expect(notices).toEqual([['This is a replay: approvals cannot be answered.', 'error']]);
      expect(plain(instance.lastFrame())).toContain('? Apply these changes?');
    });

    describe('data loss: type the stack name', () => {
      const setup = () => {
        const fixture = sessionFixture([planOf([DB_REPLACE, FN_MODIFY]), pending('data-loss', 'shop-dev')]);
        return { ...fixture, ...mount(fixture.store) };
      };

      it('y opens the type-to-confirm with Cancel focused and captures the keyboard; Enter there cancels', async () => {
        const { instance, commands, capturing, notices } = setup();
        await waitForText(instance, '? This plan DESTROYS DATA. Apply it? (you will type shop-dev to confirm)');
        await settle();
        const frame = await press(instance, 'y');
        await settle(); // the prompt's key handler attaches after its first frame
        expect(frame).toContain('Type shop-dev to confirm, or press Escape to cancel.');
        expect(frame).toContain('Destroys the data of db StpDbInstance (replace).');
        expect(frame).toContain('▸ Cancel ◂');
        expect(capturing).toEqual([true]);
        await press(instance, KEY.enter);
        expect(commands.calls).toEqual([]);
        expect(capturing).toEqual([true, false]);
        expect(notices).toEqual([['Not approved: the confirmation was cancelled.', undefined]]);
        expect(plain(instance.lastFrame())).toContain('? This plan DESTROYS DATA');
      });

      it('a wrong name approves nothing; the right name approves with it', async () => {
        const { instance, commands, capturing } = setup();
        await waitForText(instance, '? This plan DESTROYS DATA');
        await settle();
        await press(instance, 'y');
        await settle();
        await press(instance, 'shop-prod');
        await settle();
        expect(await press(instance, KEY.enter)).toContain('"shop-prod" is not shop-dev; nothing was approved.');
        expect(commands.calls).toEqual([]);
        for (let i = 0; i < 4; i++) await press(instance, KEY.backspace);
        await settle();
        await press(instance, 'dev');
        await settle();
        const after = await press(instance, KEY.enter);
        expect(commands.calls).toEqual([['approveWithConfirmation', 'ap-1', 'shop-dev']]);
        expect(capturing).toEqual([true, false]);
        expect(after).toContain('… approval sent; waiting for the engine');
      });

      it('Escape cancels; while the prompt is open y, n and d type into it instead of answering', async () => {
        const { instance, commands, capturing } = setup();
        await waitForText(instance, '? This plan DESTROYS DATA');
        await settle();
        await press(instance, 'y');
        await settle();
        const typed = await press(instance, 'ynd');
        expect(typed).toContain('▸ ynd');
        expect(commands.calls).toEqual([]);
        await waitForFrame(instance, (f) => f.includes('▸ ynd'));
        await settle();
        instance.stdin.write(KEY.escape);
        await waitForText(instance, '? This plan DESTROYS DATA');
        expect(commands.calls).toEqual([]);
        expect(capturing).toEqual([true, false]);
      });

      it('a delete confirmed by name without data loss says what it affects', async () => {
        const fixture = sessionFixture([planOf([TOPIC_REMOVE], 'DELETE'), { type: 'approval.requested', id: 'ap-9', level: 'destructive', resources: ['OldTopic'], confirmText: 'shop-dev' }]);
        const { instance, commands } = mount(fixture.store);
        await waitForText(instance, '? This plan replaces or removes resources. Apply it? (you will type shop-dev to confirm)');
        await settle();
        const frame = await press(instance, 'y');
        await settle(); // the prompt's key handler attaches after its first frame
        expect(frame).toContain('This deletes the stack');
        expect(frame).toContain('Affects OldTopic (remove).');
        await press(instance, 'shop-dev');
        await settle();
        await press(instance, KEY.enter);
        expect(commands.calls).toEqual([['approveWithConfirmation', 'ap-9', 'shop-dev']]);
      });

      it('an approval answered elsewhere closes the prompt and gives the keyboard back', async () => {
        const { instance, push, capturing } = setup();
        await waitForText(instance, '? This plan DESTROYS DATA');
        await settle();
        await press(instance, 'y');
        await settle(); // the prompt's key handler attaches after its first frame
        push({ type: 'approval.answered', id: 'ap-1', approved: false, by: 'policy', reason: 'timed out' });
        const frame = await waitForText(instance, '✗ rejected by policy (timed out)');
        expect(frame).not.toContain('Type shop-dev');
        expect(capturing).toEqual([true, false]);
      });
    });
  });

  it('a short pane with every banner, the approval and details open stays within its height', async () => {
    const { store } = sessionFixture([planOf([ROLE_ADD, FN_MODIFY, DB_REPLACE, QUEUE_MAY, TOPIC_REMOVE]), { type: 'approval.requested', id: 'ap-3', level: 'data-loss', resources: ['StpDbInstance'], confirmText: 'shop-dev' }]);
    for (const height of [8, 10, 13]) {
      const { instance } = mount(store, { height });
      const frame = await waitForText(instance, '? This plan DESTROYS DATA');
      expect(frame.split('\n').length).toBeLessThanOrEqual(height);
      const details = await press(instance, 'd');
      expect(details.split('\n').length).toBeLessThanOrEqual(height);
      expect(details).toContain('▸ ± db');
      expect(details).toContain(height < 13 ? 'no room for the details at this height' : '± db  StpDbInstance · AWS::RDS::DBInstance');
      instance.unmount();
    }
    const { instance } = mount(store, { height: 13 });
    await waitForText(instance, '? This plan DESTROYS DATA');
    const prompt = await press(instance, 'y');
    expect(prompt.split('\n').length).toBeLessThanOrEqual(13);
    expect(prompt).toContain('▸ Cancel ◂');
  });

  describe('windowing', () => {
    const many = Array.from({ length: 30 }, (_, i) => change(`Topic${String(i).padStart(2, '0')}`, i % 3 === 0 ? 'add' : 'modify', { owner: `t${i}`, causes: [{ path: 'Properties.DisplayName', requiresRecreation: 'Never', changeSource: 'DirectModification' }] }));

    it('keeps the frame within height and follows the selection', async () => {
      const { store } = sessionFixture([planOf(many), { type: 'approval.requested', id: 'ap-2', level: 'changes', resources: [] }]);
      const { instance } = mount(store, { height: 12 });
      let frame = await waitForText(instance, 'rows 1–');
      expect(frame.split('\n').length).toBeLessThanOrEqual(12);
      expect(frame).toContain('▸ ~ t1 ');
      expect(frame).toContain('1/30 selected');
      for (let i = 0; i < 12; i++) frame = await press(instance, 'j');
      expect(frame.split('\n').length).toBeLessThanOrEqual(12);
      expect(frame).toContain('13/30 selected');
      expect(frame).toMatch(/▸ ~ t\d+ /);
      expect(frame).toContain('? Apply these changes?');
      frame = await press(instance, 'd');
      expect(frame.split('\n').length).toBeLessThanOrEqual(12);
      expect(frame).toContain('Properties.DisplayName');
      expect(frame).toMatch(/▸ ~ t\d+ /);
    });
  });
});
