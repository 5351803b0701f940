import { CreateChangeSetCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

describe("the emulator's fail-resource fault rule", () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud({
      faults: { rules: [{ type: 'fail-resource', logicalId: 'Doomed', action: 'Create', reason: 'Injected: capacity exceeded' }] },
    });
  });
  afterAll(async () => {
    await local.stop();
  });

  it('fails the named resource on create with the rule reason, and the stack rolls back', async () => {
    const { cfn } = local;
    const body = JSON.stringify({ Resources: { Fine: { Type: 'AWS::SNS::Topic' }, Doomed: { Type: 'AWS::SNS::Topic', DependsOn: 'Fine' } } });
    const cs = await cfn.send(new CreateChangeSetCommand({ StackName: 'faulty', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: body }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect(await waitForStackToSettle(cfn, 'faulty')).toBe('ROLLBACK_COMPLETE');
    const failed = (await allEvents(cfn, 'faulty')).find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed).toMatchObject({ LogicalResourceId: 'Doomed', ResourceStatusReason: 'Injected: capacity exceeded' });
  });
});
