/**
 * Done-when of issue 11: a recorded failing deploy replays to the same final screen as the live
 * session showed. A deploy against the local cloud fails (a topic the cloud refuses) and rolls
 * back, with the console (the production panes) rendering it live and `--record`'s writer saving
 * its events to a file; the file is then read back and replayed in the replay console, and the
 * final screens are compared line for line (the replay's own bar below the footer aside).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { openRecordFile } from '../../../src/cli/output/record-file.js';
import { runDeploy } from '../../../src/engine/deploy/deploy-machine.js';
import { parseRecording } from '../../../src/engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../../src/engine/replay/replay-player.js';
import { createSessionStore } from '../../../src/engine/session/session-store.js';
import { CONSOLE_PANES } from '../../../src/ui/console/console-panes.js';
import { DeployConsole } from '../../../src/ui/console/deploy-console.js';
import { createNdjsonSink } from '../../../src/ui/plain/deploy-lines.js';
import { REPLAY_BAR_ROWS, ReplayConsole } from '../../../src/ui/replay/replay-console.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';
import { REGION, startDeployCloud, type DeployCloud } from '../../integration/deploy/deploy-harness.js';
import { waitForFrame } from '../support/ink-wait.js';

const example = copyExample('hello-script');
const recordings = mkdtempSync(path.join(tmpdir(), 'stp-replay-live-'));
let cloud: DeployCloud;

beforeAll(async () => {
  cloud = await startDeployCloud(600);
  editFile(example.configFile, (t) => `${t}\ncloudformationResources:\n  Broken:\n    Type: AWS::SNS::Topic\n    Metadata:\n      stp:emulator:\n        fail: topic refused by the test\n`);
}, 60_000);
afterAll(async () => {
  await cloud?.stop();
  example.remove();
  rmSync(recordings, { recursive: true, force: true });
});
afterEach(() => cleanup());

const SIZE = { columns: 100, rows: 30 };

/**
 * The frame of each pane, switched to by its number. The logs pane is left out: it tails
 * CloudWatch on its own (tailLogs), which a live session does and a replay, read-only, cannot.
 */
async function eachPane(instance: ReturnType<typeof render>): Promise<string[]> {
  const frames: string[] = [];
  for (const [index, pane] of CONSOLE_PANES.entries()) {
    if (pane.scope === 'logs') continue;
    instance.stdin.write(String(index + 1));
    frames.push(await waitForFrame(instance, (frame) => frame.includes(`[${index + 1} ${pane.title}]`)));
  }
  return frames;
}

it('a recorded failing deploy replays to the same final screen the live console showed', async () => {
  // Live: the console renders the session's store while the deploy runs; the recording is written alongside.
  const file = path.join(recordings, 'failing.ndjson');
  const recording = openRecordFile(file);
  const live = createSessionStore();
  const { ctx, session } = cloud.context([live.sink, createNdjsonSink((text) => recording.write(text))]);
  const liveExits: number[] = [];
  const liveConsole = render(
    <DeployConsole store={live.store} commands={session} panes={CONSOLE_PANES} onExit={(code) => liveExits.push(code)} control={{ stop: () => undefined, markInterrupted: () => undefined }} animations={false} size={SIZE} />,
  );
  const result = await runDeploy(ctx, {
    project: { cwd: example.dir, configPath: example.dir, stage: 'dev', region: REGION },
    command: 'deploy',
    requireApproval: 'destructive',
    yes: false,
    protect: [],
    rerunScripts: false,
    interactive: false,
  });
  expect(result.exitCode).toBe(1);
  expect(recording.close()).toBeUndefined();
  live.flush();
  // The console moves to its result screen once the result is in (an effect after that frame).
  const liveScreen = await waitForFrame(liveConsole, (frame) => frame.includes('rolled back') && frame.includes('[0 Result]'));
  expect(liveScreen).toContain('topic refused by the test');
  const livePanes = await eachPane(liveConsole);
  liveConsole.unmount();

  // Replay: the file read back, played to its end in the replay console (two rows taller for its bar).
  const parsed = parseRecording(readFileSync(file, 'utf8'), 'failing.ndjson');
  expect(parsed.events.at(-1)).toMatchObject({ type: 'result', outcome: 'rolled-back' });
  const player = new ReplayPlayer(parsed, { speed: Infinity });
  const replayConsole = render(<ReplayConsole player={player} file="failing.ndjson" panes={CONSOLE_PANES} onExit={() => undefined} animations={false} size={{ ...SIZE, rows: SIZE.rows + REPLAY_BAR_ROWS }} />);
  player.play();
  await player.whenEnded();
  const replayScreen = await waitForFrame(replayConsole, (frame) => frame.includes('■ ended') && frame.includes('rolled back') && frame.includes('[0 Result]'));
  const lines = replayScreen.split('\n');
  expect(lines.slice(-REPLAY_BAR_ROWS)[0]).toContain(`event ${parsed.events.length}/${parsed.events.length}`);
  expect(lines.slice(0, -REPLAY_BAR_ROWS).join('\n')).toBe(liveScreen);
  // And every pane the operator can switch to afterwards shows what it showed live.
  const replayPanes = await eachPane(replayConsole);
  expect(replayPanes.map((frame) => frame.split('\n').slice(0, -REPLAY_BAR_ROWS).join('\n'))).toEqual(livePanes);
}, 120_000);
