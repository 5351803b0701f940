import { CreateChangeSetCommand, DescribeChangeSetCommand, DescribeStacksCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempStateDir } from '../../emulator/support/local-cloud.js';
import { allEvents, sequence, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

const topic = (name: string) => JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: name } } } });
const database = JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro', Engine: 'postgres' } } } });

describe('CloudFormation state across emulator restarts', () => {
  const started: CfnLocalCloud[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const local of started.splice(0)) await local.stop({ keepState: true }).catch(() => undefined);
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  it('keeps stacks, events and change sets, so a second deploy is an update', async () => {
    const stateDir = tempStateDir();
    dirs.push(stateDir);
    const first = await startCfnLocalCloud({ stateDir });
    started.push(first);
    const cs = await first.cfn.send(new CreateChangeSetCommand({ StackName: 'kept', ChangeSetName: 'one', ChangeSetType: 'CREATE', TemplateBody: topic('a') }));
    await first.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect(await waitForStackToSettle(first.cfn, 'kept')).toBe('CREATE_COMPLETE');
    const before = sequence(await allEvents(first.cfn, 'kept'));
    await first.stop({ keepState: true });
    started.pop();

    const second = await startCfnLocalCloud({ stateDir });
    started.push(second);
    const { Stacks } = await second.cfn.send(new DescribeStacksCommand({ StackName: 'kept' }));
    expect(Stacks?.[0]).toMatchObject({ StackStatus: 'CREATE_COMPLETE', StackId: cs.StackId, ChangeSetId: cs.Id });
    expect(sequence(await allEvents(second.cfn, 'kept'))).toEqual(before);
    expect((await second.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))).ExecutionStatus).toBe('EXECUTE_COMPLETE');
    const update = await second.cfn.send(new CreateChangeSetCommand({ StackName: 'kept', ChangeSetName: 'two', TemplateBody: topic('b') }));
    const described = await second.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: update.Id }));
    expect(described.Changes?.map((c) => c.ResourceChange?.Action)).toEqual(['Modify']);
  });

  it('marks an operation cut short by a shutdown as failed on the next start', async () => {
    const stateDir = tempStateDir();
    dirs.push(stateDir);
    // At time scale 10 an RDS create takes 30 s: far longer than the shutdown grace period.
    const first = await startCfnLocalCloud({ stateDir, timeScale: 10 });
    started.push(first);
    const cs = await first.cfn.send(new CreateChangeSetCommand({ StackName: 'cut', ChangeSetName: 'one', ChangeSetType: 'CREATE', TemplateBody: database }));
    await first.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, ClientRequestToken: 'interrupted' }));
    await first.stop({ keepState: true });
    started.pop();
    expect(first.lines.some((line) => line.includes('stack operations still running'))).toBe(true);

    const second = await startCfnLocalCloud({ stateDir });
    started.push(second);
    const { Stacks } = await second.cfn.send(new DescribeStacksCommand({ StackName: 'cut' }));
    expect(Stacks?.[0]).toMatchObject({ StackStatus: 'CREATE_FAILED', StackStatusReason: 'The local cloud stopped while this operation was in progress.' });
    const events = await allEvents(second.cfn, 'cut');
    expect(sequence(events).slice(-2)).toEqual(['Db CREATE_FAILED', 'cut CREATE_FAILED']);
    expect(events.at(-1)?.ClientRequestToken).toBe('interrupted');
  }, 20_000);
});
