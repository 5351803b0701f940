/**
 * The deploy engine where it is hardest: a template over 51,200 bytes (sent by TemplateURL), and a
 * full deploy with 30 % throttling and 5 % 5xx injected — the same outcome, and exactly the local
 * cloud's own stack events, none lost, none duplicated.
 */
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, editFile } from '../examples/example-deployer.js';
import { startDeployCloud, type DeployCloud } from './deploy-harness.js';

const clouds: DeployCloud[] = [];
const copies: { remove(): void }[] = [];
afterAll(async () => {
  for (const cloud of clouds) await cloud.stop();
  for (const copy of copies) copy.remove();
});

async function allEvents(cloud: DeployCloud, stack: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cloud.clients.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stack, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return events.reverse();
}

describe('deploy engine robustness', () => {
  it('sends a template over 51,200 bytes by TemplateURL (uploaded to the assets bucket)', async () => {
    const cloud = await startDeployCloud(600);
    clouds.push(cloud);
    const example = copyExample('hello-script');
    copies.push(example);
    const big = 'x'.repeat(60_000);
    editFile(example.configFile, (t) => `${t}\ncloudformationResources:\n  Big:\n    Type: AWS::SNS::Topic\n    Metadata:\n      padding: ${big}\n`);
    const { result, rec } = await cloud.deploy(example.dir);
    expect(result, JSON.stringify(rec.ofType('error'))).toMatchObject({ outcome: 'succeeded', stackStatus: 'CREATE_COMPLETE' });
    const objects = await cloud.clients.s3.send(new ListObjectsV2Command({ Bucket: 'stp-assets-000000000000-eu-west-1', Prefix: 'templates/' }));
    expect((objects.Contents ?? []).map((o) => o.Key)).toEqual([expect.stringMatching(/^templates\/[0-9a-f]{64}\.json$/)]);
    expect(objects.Contents![0]!.Size).toBeGreaterThan(51_200);
  }, 120_000);

  it('with 30 % throttling and 5 % 5xx injected: the same outcome, exactly the cloud\'s events', async () => {
    const cloud = await startDeployCloud(600, {
      seed: 11,
      rules: [
        { type: 'throttle', service: 'cloudformation', rate: 0.3 },
        { type: 'throttle', service: 'logs', rate: 0.3 },
        { type: 'error', service: 'cloudformation', status: 503, rate: 0.05 },
        { type: 'error', service: 'logs', status: 503, rate: 0.05 },
      ],
    });
    clouds.push(cloud);
    const example = copyExample('hello-script');
    copies.push(example);
    const { result, rec } = await cloud.deploy(example.dir);
    expect(result, JSON.stringify(rec.ofType('error'))).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    const truth = (await allEvents(cloud, 'hello-script-dev')).filter((e) => (e.ResourceStatus as string) !== 'REVIEW_IN_PROGRESS');
    const streamed = rec.ofType('stack.event').map((e) => e.event.eventId);
    expect(streamed).toEqual(truth.map((e) => e.EventId));
    expect(rec.ofType('script.log').map((e) => e.line)).toContain('all good');
    expect(cloud.lines.filter((l) => l.includes('fault injected')).length).toBeGreaterThan(0);
  }, 180_000);
});
