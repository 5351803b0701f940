import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../../src/engine/events.js';
import { decideGate, planLevel } from '../../../src/engine/plan/gate.js';

function change(logicalId: string, action: PlannedChange['action'], extra: Partial<PlannedChange> = {}): PlannedChange {
  return { logicalId, resourceType: 'AWS::Lambda::Function', action, causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false, ...extra };
}

const modifyOnly = [change('Fn', 'modify', { owner: 'api' })];
const replacing = [change('Fn', 'modify'), change('Table', 'replace', { owner: 'orders', resourceType: 'AWS::DynamoDB::Table' })];
const losing = [change('Db', 'remove', { owner: 'db', resourceType: 'AWS::RDS::DBInstance', dataLoss: true })];
const broadening = [change('Role', 'modify', { resourceType: 'AWS::IAM::Role', securityBroadening: true })];

describe('planLevel', () => {
  it('grades changes < destructive (replace, remove) < data-loss; broadening alone is a change', () => {
    expect(planLevel([])).toBe('changes');
    expect(planLevel(modifyOnly)).toBe('changes');
    expect(planLevel(replacing)).toBe('destructive');
    expect(planLevel(broadening)).toBe('changes');
    expect(planLevel(losing)).toBe('data-loss');
  });
});

describe('decideGate headless', () => {
  const base = { stackName: 'app-dev', interactive: false, yes: false } as const;

  it('lets non-destructive changes through under the default policy', () => {
    expect(decideGate({ ...base, changes: modifyOnly, policy: 'destructive' })).toEqual({ kind: 'proceed', by: 'policy', level: 'changes', reason: '--require-approval destructive' });
  });

  it('refuses destructive changes without --yes, naming them', () => {
    expect(decideGate({ ...base, changes: replacing, policy: 'destructive' })).toEqual({
      kind: 'refuse',
      code: 'STP_APPROVAL_REQUIRED',
      level: 'destructive',
      resources: ['Table'],
      reason: 'The plan has destructive changes: orders/Table (replace), and --require-approval destructive needs an approval that nobody can give here (headless).',
      fix: 'Review the plan above, then run again with --yes to approve it (or with --require-approval never).',
    });
  });

  it('approves with --yes, by flag', () => {
    expect(decideGate({ ...base, yes: true, changes: losing, policy: 'destructive' })).toEqual({ kind: 'proceed', by: 'flag', level: 'data-loss', reason: '--yes' });
  });

  it('any-change refuses even a modify without --yes; never lets data loss through', () => {
    expect(decideGate({ ...base, changes: modifyOnly, policy: 'any-change' })).toMatchObject({ kind: 'refuse', level: 'changes', resources: ['Fn'] });
    expect(decideGate({ ...base, changes: losing, policy: 'never' })).toMatchObject({ kind: 'proceed', by: 'policy', level: 'data-loss' });
  });

  it('refuses a protected resource whatever the flags', () => {
    const plan = [change('Db', 'replace', { owner: 'db', protectedViolation: true })];
    expect(decideGate({ ...base, yes: true, changes: plan, policy: 'never' })).toEqual({
      kind: 'refuse',
      code: 'STP_PROTECTED_RESOURCE',
      level: 'destructive',
      resources: ['Db'],
      reason: 'The plan would replace protected db (Db).',
      fix: 'Change the config so the protected resource keeps its identity, or drop it from --protect for this deploy.',
    });
  });
});

describe('decideGate interactive', () => {
  it('asks; data loss asks for the stack name as confirmation', () => {
    expect(decideGate({ stackName: 'app-dev', interactive: true, yes: false, changes: replacing, policy: 'destructive' })).toEqual({ kind: 'ask', level: 'destructive', resources: ['Table'] });
    expect(decideGate({ stackName: 'app-dev', interactive: true, yes: false, changes: losing, policy: 'destructive' })).toEqual({
      kind: 'ask',
      level: 'data-loss',
      resources: ['Db'],
      confirmText: 'app-dev',
    });
  });
});

describe('routine replacements', () => {
  it('a task definition revision or a may-replace decided only at execution is a change, not destructive', () => {
    const ecsDeploy = [
      change('WebTaskDefinition', 'replace', { resourceType: 'AWS::ECS::TaskDefinition' }),
      change('WebScalableTarget', 'may-replace', {
        resourceType: 'AWS::ApplicationAutoScaling::ScalableTarget',
        causes: [{ path: 'Properties.ResourceId', requiresRecreation: 'Always', evaluation: 'Dynamic', changeSource: 'ResourceReference', causingEntity: 'WebService' }],
      }),
    ];
    expect(planLevel(ecsDeploy)).toBe('changes');
    expect(decideGate({ stackName: 's', interactive: false, yes: false, changes: ecsDeploy, policy: 'destructive' })).toMatchObject({ kind: 'proceed', by: 'policy' });
    const forced = [change('Topic', 'may-replace', { resourceType: 'AWS::SNS::Topic', causes: [{ path: 'Properties.TopicName', requiresRecreation: 'Conditionally', evaluation: 'Static' }] })];
    expect(planLevel(forced)).toBe('destructive');
  });
});
