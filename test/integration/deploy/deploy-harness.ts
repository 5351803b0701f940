/**
 * The deploy engine against the embedded local cloud, through the real SDK clients the CLI uses
 * (createAwsClients), with a recording sink: tests assert the ordered events of a session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import { runDeploy, type DeployOptions } from '../../../src/engine/deploy/deploy-machine.js';
import type { EngineContext } from '../../../src/engine/deploy/engine-context.js';
import type { EventSink } from '../../../src/engine/events.js';
import { DeploySession } from '../../../src/engine/session/deploy-session.js';
import { createRecordingSink, type RecordingSink } from '../../../src/engine/session/recording-sink.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import type { FaultRules } from '../../../src/emulator/faults/fault-rules.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/start-emulator.js';
import { fastScheduler } from '../watch/watch-local-cloud.js';

export const REGION = 'eu-west-1';

export interface DeployCloud {
  cloud: RunningEmulator;
  clients: AwsClients;
  lines: string[];
  /** A fresh session + engine context; extra sinks (e.g. a test that cancels on an event). */
  context(extraSinks?: EventSink[]): { ctx: EngineContext; session: DeploySession; rec: RecordingSink };
  deploy(projectDir: string, options?: Partial<DeployOptions>, extraSinks?: EventSink[]): ReturnType<typeof runDeployRecorded>;
  stop(): Promise<void>;
}

async function runDeployRecorded(ctx: EngineContext, rec: RecordingSink, session: DeploySession, options: DeployOptions) {
  const result = await runDeploy(ctx, options);
  return { result, rec, session };
}

export async function startDeployCloud(timeScale: number, faults?: FaultRules): Promise<DeployCloud> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'stp-deploy-state-'));
  const lines: string[] = [];
  const cloud = await startEmulator({ port: 0, stateDir, timeScale, env: {}, log: (line) => lines.push(line), ...(faults ? { faults } : {}) });
  const clients = createAwsClients({ region: REGION, endpoint: cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, env: {} });
  const context = (extraSinks: EventSink[] = []) => {
    const rec = createRecordingSink();
    const session = new DeploySession([rec, ...extraSinks]);
    const ctx: EngineContext = {
      clients,
      session,
      watch: watchOperation,
      watchOptions: { scheduler: fastScheduler(), scriptTail: { startGraceMs: 300, endGraceMs: 500 } },
      targetDescription: `the local cloud (${cloud.endpoint})`,
      mode: 'ci',
      waiter: { minDelay: 1, maxDelay: 2 },
    };
    return { ctx, session, rec };
  };
  return {
    cloud,
    clients,
    lines,
    context,
    deploy(projectDir, options = {}, extraSinks = []) {
      const { ctx, session, rec } = context(extraSinks);
      return runDeployRecorded(ctx, rec, session, {
        project: { cwd: projectDir, configPath: projectDir, stage: 'dev', region: REGION },
        command: 'deploy',
        requireApproval: 'destructive',
        yes: false,
        protect: [],
        rerunScripts: false,
        interactive: false,
        ...options,
      });
    },
    async stop() {
      clients.destroy();
      await cloud.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** The phases a session went through, in order. */
export function phasesOf(rec: RecordingSink): string[] {
  return rec.ofType('phase.changed').map((e) => e.phase);
}

/** The event types without the repetitive ones (stack events, progress, package and script lines). */
export function shapeOf(rec: RecordingSink): string[] {
  const skip = new Set(['stack.event', 'progress', 'package.progress', 'script.log', 'stack.status', 'warning']);
  return rec.events.filter((e) => !skip.has(e.type)).map((e) => (e.type === 'phase.changed' ? `phase:${e.phase}` : e.type));
}

/** Appended to hello-script: two topics, the second depending on the first. */
export const STUCK_V1 = `
cloudformationResources:
  First:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: one
  Second:
    Type: AWS::SNS::Topic
    DependsOn: First
    Properties:
      DisplayName: one
`;

/** Their update: Second fails to update and First refuses to revert, so the stack ends UPDATE_ROLLBACK_FAILED. */
export const STUCK_V2 = `
cloudformationResources:
  First:
    Type: AWS::SNS::Topic
    Metadata:
      stp:emulator:
        fail: revert refused
        failOn: rollback
    Properties:
      DisplayName: two
  Second:
    Type: AWS::SNS::Topic
    DependsOn: First
    Metadata:
      stp:emulator:
        fail: update refused
        failOn: update
    Properties:
      DisplayName: two
`;
