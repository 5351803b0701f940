/**
 * A deploy session's tailLogs (what the console's logs pane asks for) against the local cloud:
 * a resource's lines as `log.line` events with the resource as source, a new call replacing the
 * previous tail (with CloudWatch's filter pattern), no line reported twice, and no polling once
 * the session ends.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeployEvent } from '../../../src/engine/events.js';
import type { RecordingSink } from '../../../src/engine/session/recording-sink.js';
import { copyExample } from '../examples/example-deployer.js';
import { startDeployCloud, type DeployCloud } from './deploy-harness.js';

const example = copyExample('hello-script');
let local: DeployCloud;

beforeAll(async () => {
  local = await startDeployCloud(600);
});

afterAll(async () => {
  await local?.stop();
  example.remove();
});

const logLines = (rec: RecordingSink) => rec.ofType('log.line').map((e) => `${e.source}: ${e.line}`);

async function until(rec: RecordingSink, count: number): Promise<string[]> {
  for (let i = 0; i < 500 && rec.ofType('log.line').length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return logLines(rec);
}

const invokeGreet = (greeting: string) =>
  local.clients.lambda.send(
    new InvokeCommand({
      FunctionName: 'hello-script-dev-greet',
      Payload: new TextEncoder().encode(JSON.stringify({ greeting, functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:x', bucketName: 'b' })),
    }),
  );

it("tailLogs streams a resource's lines, replaces the tail with a filtered one, never repeats a line, and stops with the session", async () => {
  const { result, rec, session } = await local.deploy(example.dir);
  expect(result).toMatchObject({ outcome: 'succeeded' });
  expect(rec.ofType('log.line')).toEqual([]);

  // The script's output of the deploy, up to now, before tailLogs resolves.
  await session.tailLogs('greet');
  expect(logLines(rec)).toEqual(['greet: hello from stp (stage dev)', 'greet: function: hello-script-dev-writeNote', `greet: bucket:   ${result.outputs.notesBucket}`, 'greet: all good']);
  const first = rec.ofType('log.line')[0]!;
  expect(first).toMatchObject({ type: 'log.line', source: 'greet', eventId: expect.any(String) });
  expect(Date.parse(first.at)).not.toBeNaN();

  // Following: a new invocation's lines arrive as they are written.
  await invokeGreet('second run');
  expect((await until(rec, 8)).slice(4)).toEqual(['greet: second run (stage dev)', 'greet: function: x', 'greet: bucket:   b', 'greet: all good']);

  // A filter replaces the tail: it re-reads the window, but lines already reported stay unreported.
  await session.tailLogs('greet', { filterPattern: 'third' });
  expect(logLines(rec)).toHaveLength(8);
  await invokeGreet('third run');
  await invokeGreet('fourth run');
  await invokeGreet('third again');
  expect((await until(rec, 10)).slice(8)).toEqual(['greet: third run (stage dev)', 'greet: third again (stage dev)']);

  // Clearing the filter re-tails without it: the lines the filter held back arrive once, nothing twice.
  await session.tailLogs('greet');
  expect((await until(rec, 20)).slice(10)).toEqual([
    'greet: function: x',
    'greet: bucket:   b',
    'greet: all good',
    'greet: fourth run (stage dev)',
    'greet: function: x',
    'greet: bucket:   b',
    'greet: all good',
    'greet: function: x',
    'greet: bucket:   b',
    'greet: all good',
  ]);
  const ids = rec.ofType('log.line').map((e) => e.eventId);
  expect(new Set(ids).size).toBe(ids.length);

  // Errors a pane shows as a notice.
  await expect(session.tailLogs('nope')).rejects.toThrow('no resource "nope" with logs in this stack');
  await expect(session.tailLogs('greet', { filterPattern: 'a-b' })).rejects.toThrow(/Invalid filter pattern/);

  // The session ends: the tail stops (a following tail would report this invocation within its 100 ms idle poll).
  await session.tailLogs('greet');
  const before = rec.events.length;
  session.end();
  await invokeGreet('after the end');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(rec.events.slice(before).filter((e: DeployEvent) => e.type === 'log.line')).toEqual([]);
}, 120_000);
