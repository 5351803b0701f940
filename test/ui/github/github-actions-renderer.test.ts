import { describe, expect, it } from 'vitest';
import type { DeployEventBody, PlannedChange } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { createGithubActionsRenderer } from '../../../src/ui/github/github-actions-renderer.js';

const NOW = () => new Date('2026-01-01T12:00:05.000Z');

function render(bodies: DeployEventBody[]): string[] {
  const lines: string[] = [];
  const renderer = createGithubActionsRenderer({
    write: (l) => lines.push(l),
    color: false,
    locate: (owner) => (owner === 'db' ? { file: 'infra/stacktape.yml', line: 14, column: 3 } : undefined),
    relativeFile: (file) => file.replace('/repo/', ''),
  });
  const bus = createEventBus([renderer], NOW);
  for (const body of bodies) bus.emit(body);
  return lines;
}

const change = (logicalId: string, action: PlannedChange['action'], extra: Partial<PlannedChange> = {}): PlannedChange => ({
  logicalId,
  resourceType: 'AWS::S3::Bucket',
  action,
  causes: [],
  dataLoss: false,
  securityBroadening: false,
  protectedViolation: false,
  ...extra,
});

describe('GitHub Actions renderer', () => {
  it('groups the plan, warns for each destructive change at its config line', () => {
    const lines = render([
      {
        type: 'plan.ready',
        changeSetType: 'UPDATE',
        changes: [
          change('DbInstance', 'replace', { owner: 'db', resourceType: 'AWS::RDS::DBInstance', dataLoss: true, policyAction: 'ReplaceAndDelete', causes: [{ path: 'Properties.Engine', requiresRecreation: 'Always', evaluation: 'Static' }] }),
          change('Fn', 'modify', { owner: 'api', resourceType: 'AWS::Lambda::Function', causes: [{ path: 'Properties.MemorySize' }] }),
          change('Old', 'remove'),
        ],
        counts: { add: 0, modify: 1, replace: 1, mayReplace: 0, remove: 1, dataLoss: 1, total: 3 },
      },
    ]);
    expect(lines).toEqual([
      '::group::Plan: 1 to modify, 1 to replace, 1 to remove, 1 with data loss',
      '12:00:05 Plan (update): 0 to add, 1 to modify, 1 to replace, 0 may replace, 1 to remove; 1 with data loss',
      '12:00:05     resource  logical id  type                   change       details',
      '12:00:05   ± db        DbInstance  AWS::RDS::DBInstance   replace      Properties.Engine (Always)  DATA LOSS',
      '12:00:05   ~ api       Fn          AWS::Lambda::Function  modify       Properties.MemorySize',
      '12:00:05   − (stp)     Old         AWS::S3::Bucket        remove',
      '::endgroup::',
      '::warning file=infra/stacktape.yml,line=14,col=3,title=Data loss::db DbInstance (AWS::RDS::DBInstance) is replaced: Properties.Engine forces it; its data is lost (ReplaceAndDelete)',
      '::warning title=Destructive change::(stp) Old (AWS::S3::Bucket) is removed',
    ]);
  });

  it("groups consecutive lines of one script, closes the group before any other line, and annotates the first cause once", () => {
    const lines = render([
      { type: 'session.started', command: 'deploy', stack: 'shop-dev', stage: 'dev', region: 'eu-west-1', target: 'AWS', mode: 'ci' },
      { type: 'script.log', script: 'migrate', line: 'step 1', at: 't', eventId: 'a' },
      { type: 'script.log', script: 'migrate', line: '::add-mask::not a command', at: 't', eventId: 'b' },
      { type: 'stack.event', event: { eventId: '1', stackName: 'shop-dev', stackId: 'id', logicalId: 'MigrateScript', owner: 'migrate', resourceType: 'Custom::StpDeploymentScript', status: 'UPDATE_FAILED', reason: 'boom', at: 't', depth: 0 } },
      { type: 'script.log', script: 'migrate', line: 'step 2', at: 't', eventId: 'c' },
      { type: 'first-cause', logicalId: 'DbInstance', owner: 'db', resourceType: 'AWS::RDS::DBInstance', reason: 'quota: 100% used, try again', details: ['line one'] },
      { type: 'error', code: 'STP_ROLLED_BACK', message: 'The operation failed and CloudFormation rolled shop-dev back.', phase: 'watch' },
      { type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 1000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} },
    ]);
    expect(lines).toEqual([
      '12:00:05 stp deploy shop-dev · stage dev · eu-west-1 · AWS',
      '::group::migrate │ output',
      '12:00:05 migrate │ step 1',
      '12:00:05 migrate │ ::add-mask::not a command',
      '::endgroup::',
      '12:00:05   migrate/MigrateScript UPDATE_FAILED — boom',
      '::group::migrate │ output',
      '12:00:05 migrate │ step 2',
      '::endgroup::',
      '12:00:05 First cause: db (DbInstance, AWS::RDS::DBInstance)',
      '12:00:05   quota: 100% used, try again',
      '12:00:05   line one',
      '::error file=infra/stacktape.yml,line=14,col=3,title=First cause%3A db (DbInstance)::quota: 100%25 used, try again%0Aline one',
      '12:00:05 error The operation failed and CloudFormation rolled shop-dev back. (in watch)',
      '12:00:05 ✗ failed and rolled back: shop-dev (UPDATE_ROLLBACK_COMPLETE) after 1.0 s',
    ]);
  });

  it('annotates each config error at its file, line and column; other errors once, with the fix', () => {
    const config = render([
      {
        type: 'error',
        code: 'STP_CONFIG_UNKNOWN_TYPE',
        message: 'The stack config has 2 errors.',
        phase: 'resolve',
        fix: 'Fix the errors listed.',
        cause: ['/repo/stacktape.yml:9:11 STP_CONFIG_UNKNOWN_TYPE unknown resource type "buckett"', '/repo/stacktape.yml:20:5 STP_CONFIG_UNKNOWN_PROPERTY unknown property "memroy", did you mean "memory"?'],
      },
    ]);
    expect(config.filter((l) => l.startsWith('::'))).toEqual([
      '::error file=stacktape.yml,line=9,col=11,title=STP_CONFIG_UNKNOWN_TYPE::unknown resource type "buckett"',
      '::error file=stacktape.yml,line=20,col=5,title=STP_CONFIG_UNKNOWN_PROPERTY::unknown property "memroy", did you mean "memory"?',
    ]);
    const refused = render([
      { type: 'error', code: 'STP_APPROVAL_REQUIRED', message: 'The plan has changes that destroy data: Archive (remove, data loss).', phase: 'gate', fix: 'Review the plan above, then run again with --yes.' },
    ]);
    expect(refused.at(-1)).toBe(
      '::error title=stp deploy%3A STP_APPROVAL_REQUIRED::The plan has changes that destroy data: Archive (remove, data loss).%0Afix: Review the plan above, then run again with --yes.',
    );
  });
});
