import { describe, expect, it } from 'vitest';
import { computeChanges, type ChangeInput } from '../../../../../src/emulator/services/cloudformation/change-set/compute-changes.js';
import type { ResourceRecord } from '../../../../../src/emulator/services/cloudformation/stack/stack-model.js';
import type { Template } from '../../../../../src/emulator/services/cloudformation/template/template-types.js';

function record(logicalId: string, type: string, physicalId: string, properties: Record<string, unknown>, extra: Partial<ResourceRecord> = {}): ResourceRecord {
  return { logicalId, type, physicalId, status: 'CREATE_COMPLETE', lastUpdated: '2026-01-01T00:00:00.000Z', properties, attributes: {}, dependsOn: [], ...extra };
}

const oldTemplate: Template = {
  Parameters: { Name: { Type: 'String' } },
  Resources: {
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Name' }, DisplayName: 'Orders' } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q', Tags: [{ Key: 'topic', Value: { Ref: 'Topic' } }] } },
    Old: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', Properties: { LogGroupName: '/old' } },
  },
};

const oldResources = {
  Topic: record('Topic', 'AWS::SNS::Topic', 'arn:aws:sns:us-east-1:000000000000:a', { TopicName: 'a', DisplayName: 'Orders' }, { attributes: { TopicName: 'a' } }),
  Queue: record('Queue', 'AWS::SQS::Queue', 'https://sqs/q', { QueueName: 'q', Tags: [{ Key: 'topic', Value: 'arn:aws:sns:us-east-1:000000000000:a' }] }),
  Old: record('Old', 'AWS::Logs::LogGroup', '/old', { LogGroupName: '/old' }, { deletionPolicy: 'Retain' }),
};

function input(newTemplate: Template, name: string): ChangeInput {
  return {
    stackName: 's',
    stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1',
    region: 'us-east-1',
    accountId: '000000000000',
    oldTemplate,
    oldParameterValues: { Name: 'a' },
    oldResources,
    oldOutputs: [],
    newTemplate,
    newParameters: new Map([['Name', name]]),
    newParameterValues: { Name: name },
    importValue: () => undefined,
  };
}

describe('computeChanges', () => {
  it('reports nothing for an identical template and parameters', () => {
    const result = computeChanges(input(oldTemplate, 'a'));
    expect(result.changes).toEqual([]);
    expect(result.outputsChanged).toBe(false);
  });

  it('traces a parameter change to a replacement, and the replacement to the resources referencing it', () => {
    const { changes } = computeChanges(input(oldTemplate, 'b'));
    const topic = changes.find((c) => c.ResourceChange.LogicalResourceId === 'Topic')!.ResourceChange;
    expect(topic).toMatchObject({ Action: 'Modify', Replacement: 'True', PolicyAction: 'ReplaceAndDelete', Scope: ['Properties'] });
    expect(topic.Details.map((d) => [d.ChangeSource, d.CausingEntity, d.Evaluation, d.Target.RequiresRecreation])).toEqual([
      ['ParameterReference', 'Name', 'Static', 'Always'],
      ['DirectModification', undefined, 'Dynamic', 'Always'],
    ]);
    const queue = changes.find((c) => c.ResourceChange.LogicalResourceId === 'Queue')!.ResourceChange;
    expect(queue.Replacement).toBe('False');
    // As recorded from AWS (LocalStack test_change_set_ref.py): the default view names only the
    // reference; with property values, DirectModification/Dynamic leads.
    expect(queue.Details.map((d) => [d.Target.Name, d.ChangeSource, d.CausingEntity, d.Evaluation])).toEqual([['Tags', 'ResourceReference', 'Topic', 'Static']]);
    expect(queue.ValueDetails!.map((d) => [d.Target.Name, d.ChangeSource, d.CausingEntity, d.Evaluation])).toEqual([
      ['Tags', 'DirectModification', undefined, 'Dynamic'],
      ['Tags', 'ResourceReference', 'Topic', 'Static'],
    ]);
    expect(JSON.parse(queue.AfterContext!)).toEqual({ Properties: { QueueName: 'q', Tags: [{ Key: 'topic', Value: '{{changeSet:KNOWN_AFTER_APPLY}}' }] } });
    expect(queue.Details[0]!.Target.AfterValue).toBe('[{"Key":"topic","Value":"{{changeSet:KNOWN_AFTER_APPLY}}"}]');
  });

  it('marks direct edits Static, adds new resources and removes dropped ones with their DeletionPolicy', () => {
    const newTemplate: Template = {
      Parameters: oldTemplate.Parameters,
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Name' }, DisplayName: 'Orders v2' } },
        Queue: oldTemplate.Resources.Queue!,
        Fresh: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'fresh' } },
      },
    };
    const { changes } = computeChanges(input(newTemplate, 'a'));
    expect(changes.map((c) => [c.ResourceChange.Action, c.ResourceChange.LogicalResourceId, c.ResourceChange.Replacement, c.ResourceChange.PolicyAction])).toEqual([
      ['Add', 'Fresh', undefined, undefined],
      ['Modify', 'Topic', 'False', undefined],
      ['Remove', 'Old', undefined, 'Retain'],
    ]);
    const topic = changes.find((c) => c.ResourceChange.LogicalResourceId === 'Topic')!.ResourceChange;
    expect(topic.Details).toEqual([
      {
        Target: { Attribute: 'Properties', Name: 'DisplayName', RequiresRecreation: 'Never', Path: '/Properties/DisplayName', BeforeValue: 'Orders', AfterValue: 'Orders v2', AttributeChangeType: 'Modify' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ]);
    const remove = changes.find((c) => c.ResourceChange.Action === 'Remove')!.ResourceChange;
    expect(remove).toMatchObject({ PhysicalResourceId: '/old', Details: [], Scope: [] });
  });

  it('keeps dynamic references opaque in the diff', () => {
    const newTemplate: Template = {
      ...oldTemplate,
      Resources: { ...oldTemplate.Resources, Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Name' }, DisplayName: '{{resolve:ssm:/display}}' } } },
    };
    const topic = computeChanges(input(newTemplate, 'a')).changes.find((c) => c.ResourceChange.LogicalResourceId === 'Topic')!.ResourceChange;
    expect(topic.Details[0]?.Target.AfterValue).toBe('{{resolve:ssm:/display}}');
  });

  it('reports a may-replace property (spec "maybe") as Conditional', () => {
    const dbTemplate: Template = { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } } } };
    const changes = computeChanges({
      ...input(dbTemplate, 'a'),
      oldTemplate: dbTemplate,
      oldResources: { Db: record('Db', 'AWS::RDS::DBInstance', 'db1', { Engine: 'postgres' }) },
      newTemplate: { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql' } } } },
    }).changes;
    expect(changes[0]?.ResourceChange).toMatchObject({ Action: 'Modify', Replacement: 'Conditional' });
    expect(changes[0]?.ResourceChange.Details[0]?.Target.RequiresRecreation).toBe('Conditionally');
  });

  it('reports an outputs-only change as executable with no resource changes', () => {
    const result = computeChanges({
      ...input({ ...oldTemplate, Outputs: { Name: { Value: { Ref: 'Name' } } } }, 'a'),
      oldOutputs: [],
    });
    expect(result.changes).toEqual([]);
    expect(result.outputsChanged).toBe(true);
  });

  it('lists a Metadata-only change with Scope Metadata', () => {
    const newTemplate: Template = {
      ...oldTemplate,
      Resources: { ...oldTemplate.Resources, Topic: { ...oldTemplate.Resources.Topic!, Metadata: { note: 'x' } } },
    };
    const topic = computeChanges(input(newTemplate, 'a')).changes[0]!.ResourceChange;
    expect(topic).toMatchObject({ Action: 'Modify', Replacement: 'False', Scope: ['Metadata'] });
  });
});
