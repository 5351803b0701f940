/**
 * The scripts pane against the real engine and the local cloud (no mocks): a stack whose
 * after:deploy script runs during the create streams its lines into the pane through the event
 * bus and the session store; then the operator reruns it with R → Rerun and the rerun's own lines
 * stream in under its run mark.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploySessionCommands } from '../../../src/engine/events.js';
import { rerunScript } from '../../../src/engine/scripts/rerun-script.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { createSessionStore } from '../../../src/engine/session/session-store.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { ScriptsPane } from '../../../src/ui/panes/scripts-pane.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { KEY, settle, waitForFrame, waitForText, type InkInstance } from '../../ui/support/ink-wait.js';
import { recordingCommands } from '../../ui/support/recording-commands.js';
import { scriptStackTemplate, uploadRunner } from '../watch/script-stack.js';
import { createAndExecute, fastScheduler, startWatchCloud, type WatchCloud } from '../watch/watch-local-cloud.js';

async function type(instance: InkInstance, keys: string, until: string | ((frame: string) => boolean)): Promise<string> {
  instance.stdin.write(keys);
  const frame = typeof until === 'string' ? await waitForText(instance, until, 20_000) : await waitForFrame(instance, until, 20_000);
  await settle();
  return frame;
}

describe('the scripts pane with a real deployment script on the local cloud', () => {
  let local: WatchCloud;
  beforeAll(async () => {
    // At 100× a 900 s script timeout is 9 s of wall time (see attach-and-rerun.test.ts).
    local = await startWatchCloud({ timeScale: 100 });
    const s3 = new S3Client({ ...clientConfig(local.cloud.endpoint), forcePathStyle: true });
    await uploadRunner(s3);
    s3.destroy();
  }, 60_000);
  afterAll(async () => {
    cleanup();
    await local.stop();
  });

  it("shows the deploy's run live, then R → Rerun streams the rerun's lines under its mark", async () => {
    const since = await createAndExecute(local.clients.cloudFormation, 'pane-rerun', scriptStackTemplate('pane-rerun-migrate', { table: 'invoices' }), 'tok-p1');
    const session = createSessionStore();
    const bus = createEventBus([session.sink]);
    const reruns: Promise<unknown>[] = [];
    const commands: DeploySessionCommands = {
      ...recordingCommands(),
      rerunScript: async (name) => {
        const run = rerunScript({
          clients: local.clients,
          stackName: 'pane-rerun',
          script: { name, functionName: 'pane-rerun-migrate', logGroup: '/aws/lambda/pane-rerun-migrate', parametersOutput: 'MigrateScriptParameters' },
          emit: (event) => bus.emit(event),
          scheduler: fastScheduler(),
          endGraceMs: 3000,
        });
        reruns.push(run);
        await run;
      },
    };
    const notices: string[] = [];
    const instance = render(<ScriptsPane store={session.store} commands={commands} focused width={90} height={30} notify={(message) => notices.push(message)} setCapturing={() => {}} showLogs={() => {}} />);
    const result = await watchOperation(
      {
        clients: local.clients,
        stackName: 'pane-rerun',
        clientRequestToken: 'tok-p1',
        since,
        plannedResources: 5,
        owners: { MigrateScript: 'migrate' },
        scripts: [{ name: 'migrate', logicalId: 'MigrateScript', functionName: 'pane-rerun-migrate' }],
        services: [],
        emit: (event) => bus.emit(event),
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), scriptTail: { startGraceMs: 500, endGraceMs: 3000 } },
    );
    expect(result.stackStatus).toBe('CREATE_COMPLETE');
    session.flush();
    let frame = await waitForFrame(instance, (f) => f.includes('  rows: 42') && f.includes('✓ migrate'));
    expect(frame.split('\n')[0]).toMatch(/^▸ ✓ migrate {2}succeeded in \d+(\.\d)? (ms|s)$/);
    expect(frame).toContain('migrating invoices');
    await settle();

    await type(instance, 'R', 'Rerun script migrate?');
    await type(instance, KEY.tab, '▸ Rerun ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Rerun script migrate?'));
    frame = await waitForFrame(instance, (f) => f.includes('── run 2 (rerun) ──') && f.split('── run 2 (rerun) ──')[1]!.includes('  rows: 42'), 20_000);
    await Promise.all(reruns);
    const rerunLines = frame.split('── run 2 (rerun) ──\n')[1]!.split('\n');
    expect(rerunLines).toEqual(['migrating invoices', 'step 1 of 5', 'step 2 of 5', 'step 3 of 5', 'step 4 of 5', 'step 5 of 5', 'summary:', '  tables: 1', '  rows: 42']);
    await waitForFrame(instance, (f) => /^▸ ✓ migrate {2}succeeded/.test(f));
    for (let i = 0; i < 100 && notices.length === 0; i++) await settle(1);
    expect(notices).toEqual(['migrate: rerun finished']);
  }, 90_000);
});
