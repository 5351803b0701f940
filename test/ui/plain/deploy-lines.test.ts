import { describe, expect, it } from 'vitest';
import type { DeployEventBody, PlannedChange } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { createNdjsonSink, createPlainRenderer, planLines, summaryLines } from '../../../src/ui/plain/deploy-lines.js';

function change(logicalId: string, action: PlannedChange['action'], extra: Partial<PlannedChange> = {}): PlannedChange {
  return { logicalId, resourceType: 'AWS::S3::Bucket', action, causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false, ...extra };
}

describe('planLines', () => {
  it('prints a fixed-width table with a symbol per action, the cause of a replacement and the flags', () => {
    const changes = [
      change('Uploads', 'replace', { owner: 'uploads', dataLoss: true, causes: [{ path: 'Properties.BucketName', requiresRecreation: 'Always', evaluation: 'Static' }] }),
      change('Fn', 'modify', { owner: 'api', resourceType: 'AWS::Lambda::Function', causes: [{ path: 'Properties.MemorySize' }] }),
      change('Role', 'add', { owner: 'api', resourceType: 'AWS::IAM::Role', securityBroadening: true }),
      change('Maybe', 'may-replace', { owner: 'api', causes: [{ path: 'Properties.Name', requiresRecreation: 'Conditionally', evaluation: 'Dynamic' }] }),
      change('Old', 'remove', { policyAction: 'Retain' }),
    ];
    const counts = { add: 1, modify: 1, replace: 1, mayReplace: 1, remove: 1, dataLoss: 1, total: 5 };
    expect(planLines({ changeSetType: 'UPDATE', changes, counts })).toEqual([
      'Plan (update): 1 to add, 1 to modify, 1 to replace, 1 may replace, 1 to remove; 1 with data loss',
      '    resource  logical id  type                   change       details',
      '  ± uploads   Uploads     AWS::S3::Bucket        replace      Properties.BucketName (Always)  DATA LOSS',
      '  ~ api       Fn          AWS::Lambda::Function  modify       Properties.MemorySize',
      '  + api       Role        AWS::IAM::Role         add          broadens access',
      '  ? api       Maybe       AWS::S3::Bucket        may replace  Properties.Name (Conditionally, dynamic)',
      '  − (stp)     Old         AWS::S3::Bucket        remove       Retain',
    ]);
  });
});

describe('plain renderer', () => {
  it('timestamps lines, prefixes script output, prints the first cause and a summary whose last line says the stack state', () => {
    const lines: string[] = [];
    const bus = createEventBus([createPlainRenderer({ write: (l) => lines.push(l), color: false })], () => new Date('2026-01-01T12:00:05.000Z'));
    const bodies: DeployEventBody[] = [
      { type: 'session.started', command: 'deploy', stack: 'shop-dev', stage: 'dev', region: 'eu-west-1', target: 'AWS (eu-west-1)', mode: 'ci' },
      { type: 'stack.event', event: { eventId: '1', stackName: 'shop-dev', stackId: 'id', logicalId: 'Fn', owner: 'api', resourceType: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS', at: 't', depth: 0 } },
      { type: 'stack.event', event: { eventId: '2', stackName: 'shop-dev', stackId: 'id', logicalId: 'Fn', owner: 'api', resourceType: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS', reason: 'Resource update Initiated', at: 't', depth: 0 } },
      { type: 'script.log', script: 'migrate', line: 'step 1', at: 't', eventId: 'a' },
      { type: 'first-cause', logicalId: 'MigrateScript', owner: 'migrate', resourceType: 'Custom::StpDeploymentScript', reason: 'migration failed', details: ['last lines of the script:', '  step 1'] },
      { type: 'error', code: 'STP_ROLLED_BACK', message: 'The operation failed and CloudFormation rolled shop-dev back.', phase: 'watch', fix: 'Fix the first cause above and deploy again.' },
      { type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 65_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} },
    ];
    for (const body of bodies) bus.emit(body);
    expect(lines).toEqual([
      '12:00:05 stp deploy shop-dev · stage dev · eu-west-1 · AWS (eu-west-1)',
      '12:00:05   api/Fn UPDATE_IN_PROGRESS',
      '12:00:05 migrate │ step 1',
      '12:00:05 First cause: migrate (MigrateScript, Custom::StpDeploymentScript)',
      '12:00:05   migration failed',
      '12:00:05   last lines of the script:',
      '12:00:05     step 1',
      '12:00:05 error The operation failed and CloudFormation rolled shop-dev back. (in watch)',
      '12:00:05   fix: Fix the first cause above and deploy again.',
      '12:00:05 ✗ failed and rolled back: shop-dev (UPDATE_ROLLBACK_COMPLETE) after 65.0 s',
    ]);
  });

  it('lists outputs (without stp\'s script parameters) before the success line', () => {
    const lines: string[] = [];
    const bus = createEventBus([createPlainRenderer({ write: (l) => lines.push(l), color: false })], () => new Date('2026-01-01T12:00:05.000Z'));
    bus.emit({ type: 'session.started', command: 'deploy', stack: 'a-dev', stage: 'dev', region: 'r', target: 't', mode: 'ci' });
    bus.emit({ type: 'result', outcome: 'no-changes', exitCode: 0, durationMs: 10, stackStatus: 'UPDATE_COMPLETE', outputs: { url: 'https://x', GreetScriptParameters: '{}' } });
    expect(lines.slice(1)).toEqual(['12:00:05 Outputs:', '12:00:05   url  https://x', '12:00:05 ✓ no changes: a-dev (UPDATE_COMPLETE) is up to date']);
  });
});

describe('summaryLines: the last line says what state the stack is in', () => {
  const result = (extra: Partial<Parameters<typeof summaryLines>[0]>) =>
    ({ type: 'result', outcome: 'interrupted', exitCode: 130, durationMs: 1500, outputs: {}, v: 1, seq: 9, ts: 't', ...extra }) as Parameters<typeof summaryLines>[0];
  const counts = { add: 2, modify: 1, replace: 0, mayReplace: 0, remove: 0, dataLoss: 0, total: 3 };

  it('interrupted before execute: nothing changed, with the status it was checked in', () => {
    expect(summaryLines(result({ stackStatus: 'UPDATE_COMPLETE' }), 'a-dev', 'deploy', undefined, false)).toEqual(['✗ interrupted: nothing changed in a-dev (UPDATE_COMPLETE)']);
  });

  it('interrupted while an update runs: cancelled and rolled back, or left running', () => {
    expect(summaryLines(result({ stackStatus: 'UPDATE_ROLLBACK_COMPLETE', counts }), 'a-dev', 'deploy')).toEqual([
      'Plan: 2 to add, 1 to modify (3 changes)',
      '✗ interrupted: a-dev (UPDATE_ROLLBACK_COMPLETE)',
    ]);
    expect(summaryLines(result({ stackStatus: 'UPDATE_IN_PROGRESS' }), 'a-dev', 'deploy')).toEqual(['✗ interrupted: a-dev (UPDATE_IN_PROGRESS) continues in AWS; attach with `stp status --watch`']);
  });

  it('a watcher that stops watching says the operation goes on; one that saw it end, where the stack settled', () => {
    expect(summaryLines(result({}), 'a-dev', 'attach')).toEqual(['✗ stopped watching: a-dev goes on in AWS; `stp status` shows where it is']);
    expect(summaryLines(result({ outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_COMPLETE' }), 'a-dev', 'attach')).toEqual(['✓ a-dev is settled (UPDATE_COMPLETE)']);
  });

  it('a failure before execute says nothing changed; after, the status it ended in', () => {
    expect(summaryLines(result({ outcome: 'failed', exitCode: 4, stackStatus: 'UPDATE_FAILED' }), 'a-dev', 'deploy', undefined, false)).toEqual([
      '✗ deploy failed before anything changed: a-dev (UPDATE_FAILED) (exit 4)',
    ]);
    expect(summaryLines(result({ outcome: 'needs-attention', exitCode: 4, stackStatus: 'UPDATE_ROLLBACK_FAILED', counts }), 'a-dev', 'deploy')).toEqual([
      'Plan: 2 to add, 1 to modify (3 changes)',
      '✗ needs attention: a-dev (UPDATE_ROLLBACK_FAILED)',
    ]);
  });
});

describe('NDJSON sink', () => {
  it('writes each event as one JSON line with its envelope', () => {
    let text = '';
    const bus = createEventBus([createNdjsonSink((t) => (text += t))], () => new Date('2026-01-01T00:00:00.000Z'));
    bus.emit({ type: 'progress', done: 1, total: 2 });
    expect(text).toBe('{"type":"progress","done":1,"total":2,"v":1,"seq":1,"ts":"2026-01-01T00:00:00.000Z"}\n');
  });
});

describe('ECS deployment lines', () => {
  it('show the stage, the traffic split, the bake, the hooks and a rollback', () => {
    const lines: string[] = [];
    const bus = createEventBus([createPlainRenderer({ write: (l) => lines.push(l), color: false })], () => new Date('2026-01-01T12:00:05.000Z'));
    const base = { service: 'web', serviceArn: 'svc', deploymentArn: 'dep', weightsFrom: 'listener-rule' as const };
    bus.emit({ type: 'ecs.deployment', ...base, status: 'IN_PROGRESS', stage: 'PRODUCTION_TRAFFIC_SHIFT', weights: { source: 90, target: 10 }, bakeRemainingS: 300, hooks: [] });
    bus.emit({
      type: 'ecs.deployment',
      ...base,
      status: 'IN_PROGRESS',
      stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
      weights: { source: 100, target: 0 },
      hooks: [{ id: 'ecs-pause-1', kind: 'pause', stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', status: 'AWAITING_ACTION', expiresAt: '2026-01-01T12:30:00.000Z', reason: 'on timeout: ROLLBACK' }],
    });
    bus.emit({ type: 'ecs.deployment', ...base, status: 'ROLLBACK_IN_PROGRESS', stage: 'PRODUCTION_TRAFFIC_SHIFT', weights: { source: 100, target: 0 }, hooks: [{ id: 'x', kind: 'lambda', target: 'arn:aws:lambda:eu-west-1:123456789012:function:shop-dev-checkTraffic', stage: 'PRODUCTION_TRAFFIC_SHIFT', status: 'FAILED' }], rollback: { reason: 'hook failed' } });
    expect(lines).toEqual([
      '12:00:05   web ecs IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT · traffic 90% old / 10% new · bake 300s',
      '12:00:05   web ecs IN_PROGRESS PRE_PRODUCTION_TRAFFIC_SHIFT · traffic 100% old / 0% new · pause hook AWAITING_ACTION until 12:30:00 (on timeout: ROLLBACK)',
      '12:00:05   web ecs ROLLBACK_IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT · traffic 100% old / 0% new · lambda hook shop-dev-checkTraffic FAILED · rolling back: hook failed',
    ]);
  });
});

describe('heartbeat', () => {
  it('after a quiet spell while watching, says what is still in progress and for how long; never outside the watch', () => {
    const lines: string[] = [];
    let now = new Date('2026-01-01T12:00:00.000Z');
    const renderer = createPlainRenderer({ write: (l) => lines.push(l), color: false });
    const bus = createEventBus([renderer], () => now);
    const at = (iso: string) => (now = new Date(iso));
    const event = (logicalId: string, status: string, owner?: string) =>
      ({ type: 'stack.event', event: { eventId: `${logicalId}-${status}`, stackName: 's', stackId: 'id', logicalId, resourceType: 'AWS::RDS::DBInstance', status, at: 't', depth: 0, ...(owner ? { owner } : {}) } }) as const;
    bus.emit({ type: 'phase.changed', phase: 'execute' });
    renderer.heartbeat(new Date('2026-01-01T12:05:00.000Z'), 60_000);
    expect(lines).toEqual(['12:00:00 ▸ execute']);
    bus.emit({ type: 'phase.changed', phase: 'watch' });
    at('2026-01-01T12:00:10.000Z');
    bus.emit(event('Db', 'UPDATE_IN_PROGRESS', 'db'));
    bus.emit(event('Topic', 'UPDATE_IN_PROGRESS'));
    bus.emit({ type: 'progress', done: 3, total: 5 });
    at('2026-01-01T12:00:20.000Z');
    bus.emit(event('Topic', 'UPDATE_COMPLETE'));
    renderer.heartbeat(new Date('2026-01-01T12:01:00.000Z'), 60_000);
    expect(lines.length).toBe(5);
    renderer.heartbeat(new Date('2026-01-01T12:01:20.000Z'), 60_000);
    renderer.heartbeat(new Date('2026-01-01T12:01:50.000Z'), 60_000);
    renderer.heartbeat(new Date('2026-01-01T12:02:20.000Z'), 60_000);
    expect(lines.slice(5)).toEqual([
      '12:01:20 … still working: 3/5 resources done; waiting on db/Db (UPDATE_IN_PROGRESS for 1m 10s)',
      '12:02:20 … still working: 3/5 resources done; waiting on db/Db (UPDATE_IN_PROGRESS for 2m 10s)',
    ]);
    bus.emit({ type: 'phase.changed', phase: 'done' });
    renderer.heartbeat(new Date('2026-01-01T12:10:00.000Z'), 60_000);
    expect(lines).toHaveLength(7);
  });
});

describe('one event, one line', () => {
  it('shows a line break inside a message as \\n, so nothing can start a line of its own (a fake ::error:: command)', () => {
    const lines: string[] = [];
    const bus = createEventBus([createPlainRenderer({ write: (l) => lines.push(l), color: false })], () => new Date('2026-01-01T12:00:05.000Z'));
    bus.emit({ type: 'stack.event', event: { eventId: '1', stackName: 's', stackId: 'id', logicalId: 'Smoke', owner: 'smoke', resourceType: 'Custom::StpDeploymentScript', status: 'UPDATE_FAILED', reason: 'Message returned: bad\n::error::fake\r\nend\u2028x', at: 't', depth: 0 } });
    expect(lines).toEqual(['12:00:05   smoke/Smoke UPDATE_FAILED — Message returned: bad\\n::error::fake\\r\\nend\\u2028x']);
  });
});
