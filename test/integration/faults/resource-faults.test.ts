import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, expect, it } from 'vitest';
import { ALL_LOCAL_SERVICES } from '../../../src/emulator/start-emulator.js';
import { allEvents, waitForStackToSettle } from '../cloudformation/cfn-local-cloud.js';
import { clientConfig, logGroupNames, logsClient, removeDir, startLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud | undefined;
afterEach(async () => {
  if (!local) return;
  await local.cloud.stop();
  removeDir(local.stateDir);
  local = undefined;
});

const TEMPLATE = JSON.stringify({
  Resources: {
    Healthy: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'healthy-group' } },
    Broken: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'broken-group' } },
  },
});

it('a fail-resource rule fails that resource with the rule reason, and CloudFormation rolls back', async () => {
  local = await startLocalCloud({
    services: ALL_LOCAL_SERVICES,
    timeScale: 1000,
    faults: { rules: [{ type: 'fail-resource', logicalId: 'Broken', action: 'Create', reason: 'Injected: the disk is on fire' }] },
  });
  const cfn = new CloudFormationClient(clientConfig(local.cloud.endpoint));
  await cfn.send(new CreateStackCommand({ StackName: 'faulty', TemplateBody: TEMPLATE }));
  expect(await waitForStackToSettle(cfn, 'faulty')).toBe('ROLLBACK_COMPLETE');
  const events = await allEvents(cfn, 'faulty');
  const failed = events.find((event) => event.LogicalResourceId === 'Broken' && event.ResourceStatus === 'CREATE_FAILED');
  expect(failed?.ResourceStatusReason).toContain('Injected: the disk is on fire');
  // The sibling still in progress is cancelled, as CloudFormation does.
  const cancelled = events.find((event) => event.LogicalResourceId === 'Healthy' && event.ResourceStatus === 'CREATE_FAILED');
  expect(cancelled?.ResourceStatusReason).toBe('Resource creation cancelled');
  const rollback = events.find((event) => event.LogicalResourceId === 'faulty' && event.ResourceStatus === 'ROLLBACK_IN_PROGRESS');
  expect(rollback?.ResourceStatusReason).toContain('The following resource(s) failed to create: [Broken].');
  // Neither log group outlives the rollback (read through CloudWatch Logs, as a user would).
  const logs = logsClient(local.cloud.endpoint);
  expect(await logGroupNames(logs, 'healthy-group')).toEqual([]);
  expect(await logGroupNames(logs, 'broken-group')).toEqual([]);
  logs.destroy();
});
