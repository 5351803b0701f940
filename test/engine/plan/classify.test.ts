import { describe, expect, it } from 'vitest';
import type { ChangeSetChange } from '../../../src/aws/cloudformation/change-set-changes.js';
import { changeSetChangeOf } from '../../../src/aws/cloudformation/change-set-changes.js';
import { classifyChanges, policiesOf } from '../../../src/engine/plan/classify.js';

const owners = { CatalogDbInstance: 'catalogDb', UploadsBucket: 'uploads', IngestFunction: 'ingest', IngestRole: 'ingest', WebSg: 'web' };

const changes: ChangeSetChange[] = [
  { logicalId: 'IngestFunction', resourceType: 'AWS::Lambda::Function', action: 'Add', details: [] },
  {
    logicalId: 'CatalogDbInstance',
    physicalId: 'db-1',
    resourceType: 'AWS::RDS::DBInstance',
    action: 'Modify',
    replacement: 'True',
    details: [{ path: 'Properties.Engine', requiresRecreation: 'Always', evaluation: 'Static', changeSource: 'DirectModification' }],
  },
  {
    logicalId: 'UploadsBucket',
    physicalId: 'uploads-b',
    resourceType: 'AWS::S3::Bucket',
    action: 'Modify',
    replacement: 'Conditional',
    details: [{ path: 'Properties.BucketName', requiresRecreation: 'Conditionally', evaluation: 'Dynamic', changeSource: 'ResourceReference', causingEntity: 'NameParam' }],
  },
  { logicalId: 'OldQueue', physicalId: 'q', resourceType: 'AWS::SQS::Queue', action: 'Remove', policyAction: 'Retain', details: [] },
  { logicalId: 'OldLogGroup', physicalId: 'lg', resourceType: 'AWS::Logs::LogGroup', action: 'Remove', details: [] },
  {
    logicalId: 'IngestRole',
    resourceType: 'AWS::IAM::Role',
    action: 'Modify',
    replacement: 'False',
    details: [{ path: 'Properties.Policies', requiresRecreation: 'Never', evaluation: 'Static', changeSource: 'DirectModification' }],
  },
  {
    logicalId: 'WebSg',
    resourceType: 'AWS::EC2::SecurityGroup',
    action: 'Modify',
    replacement: 'False',
    details: [{ path: 'Properties.GroupDescription', requiresRecreation: 'Always', evaluation: 'Static', changeSource: 'DirectModification' }],
  },
];

describe('classifyChanges', () => {
  it('classifies every kind of change with its causes, policy, data loss, broadening and owner', () => {
    const plan = classifyChanges(changes, { owners, protect: ['uploads'], policies: { OldLogGroup: { deletionPolicy: 'Delete' } } });
    expect(plan.changes.map((c) => [c.owner ?? '-', c.logicalId, c.action, c.policyAction ?? '-', c.dataLoss, c.securityBroadening, c.protectedViolation])).toEqual([
      ['catalogDb', 'CatalogDbInstance', 'replace', 'ReplaceAndDelete', true, false, false],
      ['ingest', 'IngestFunction', 'add', '-', false, false, false],
      ['ingest', 'IngestRole', 'modify', '-', false, true, false],
      ['uploads', 'UploadsBucket', 'may-replace', 'ReplaceAndDelete', true, false, true],
      ['web', 'WebSg', 'modify', '-', false, false, false],
      ['-', 'OldLogGroup', 'remove', 'Delete', true, false, false],
      ['-', 'OldQueue', 'remove', 'Retain', false, false, false],
    ]);
    expect(plan.counts).toEqual({ add: 1, modify: 2, replace: 1, mayReplace: 1, remove: 2, dataLoss: 3, total: 7 });
    expect(plan.changes.find((c) => c.logicalId === 'UploadsBucket')).toEqual({
      logicalId: 'UploadsBucket',
      owner: 'uploads',
      resourceType: 'AWS::S3::Bucket',
      physicalId: 'uploads-b',
      action: 'may-replace',
      replacement: 'Conditional',
      causes: [{ path: 'Properties.BucketName', requiresRecreation: 'Conditionally', evaluation: 'Dynamic', changeSource: 'ResourceReference', causingEntity: 'NameParam' }],
      policyAction: 'ReplaceAndDelete',
      dataLoss: true,
      securityBroadening: false,
      protectedViolation: true,
    });
  });

  it('a Retain or Snapshot policy from the template keeps data (no data loss)', () => {
    const template = { Resources: { CatalogDbInstance: { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' }, OldLogGroup: { DeletionPolicy: 'Retain' } } };
    const plan = classifyChanges(changes, { owners, policies: policiesOf(template) });
    const byId = Object.fromEntries(plan.changes.map((c) => [c.logicalId, [c.policyAction, c.dataLoss]]));
    expect(byId.CatalogDbInstance).toEqual(['ReplaceAndSnapshot', false]);
    expect(byId.OldLogGroup).toEqual(['Retain', false]);
    expect(plan.counts.dataLoss).toBe(1);
  });

  it('adding an IAM policy or a security group broadens access; removing one does not', () => {
    const plan = classifyChanges(
      [
        { logicalId: 'P', resourceType: 'AWS::IAM::Policy', action: 'Add', details: [] },
        { logicalId: 'I', resourceType: 'AWS::EC2::SecurityGroupIngress', action: 'Remove', details: [] },
        { logicalId: 'S', resourceType: 'AWS::EC2::SecurityGroup', action: 'Modify', replacement: 'False', details: [{ path: 'Properties.SecurityGroupIngress' }] },
      ],
      { owners: {} },
    );
    expect(plan.changes.map((c) => [c.logicalId, c.securityBroadening])).toEqual([
      ['I', false],
      ['P', true],
      ['S', true],
    ]);
  });
});

describe('changeSetChangeOf', () => {
  it('turns an SDK Change into a record with the property path of each detail', () => {
    expect(
      changeSetChangeOf({
        Type: 'Resource',
        ResourceChange: {
          Action: 'Modify',
          LogicalResourceId: 'Fn',
          PhysicalResourceId: 'fn-1',
          ResourceType: 'AWS::Lambda::Function',
          Replacement: 'False',
          Scope: ['Properties'],
          Details: [
            { Target: { Attribute: 'Properties', Name: 'MemorySize', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' },
            { Target: { Attribute: 'Tags', RequiresRecreation: 'Never' }, Evaluation: 'Static', ChangeSource: 'DirectModification' },
          ],
        },
      }),
    ).toEqual({
      logicalId: 'Fn',
      physicalId: 'fn-1',
      resourceType: 'AWS::Lambda::Function',
      action: 'Modify',
      replacement: 'False',
      details: [
        { path: 'Properties.MemorySize', requiresRecreation: 'Never', evaluation: 'Static', changeSource: 'DirectModification' },
        { path: 'Tags', requiresRecreation: 'Never', evaluation: 'Static', changeSource: 'DirectModification' },
      ],
    });
  });
});
