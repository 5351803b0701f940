/**
 * The NDJSON contract (`--json`, schema version 1) pinned as it was released: every event type and
 * every field, with its type and whether it is optional. The check is done by the compiler
 * (`npm run typecheck`, part of `npm test`): renaming or removing a field, changing its type,
 * making an optional field required or a required one optional, dropping a value of a string union
 * or an event type makes the line `const contract …` below fail to compile, naming the event.
 * Adding an optional field, a new value or a new event type keeps `v` and passes (docs/events.md:
 * "Adding an optional field or a new event type keeps `v`"). A deliberate breaking change bumps
 * EVENT_SCHEMA_VERSION, and this pin moves with it.
 *
 * The emitted JSON of real runs is checked against test/golden/ndjson-contract.json by
 * test/e2e/headless/ndjson-contract.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMA_VERSION, type DeployEvent, type DeployEventType, type EventOfType } from '../../src/engine/events.js';
import { repoRoot } from '../support/run-stp.js';

type Phase = 'resolve' | 'package' | 'check' | 'change-set' | 'classify' | 'gate' | 'execute' | 'watch' | 'done';
type Outcome = 'succeeded' | 'no-changes' | 'rolled-back' | 'failed' | 'refused' | 'detached' | 'interrupted' | 'needs-attention';
type Counts = { add: number; modify: number; replace: number; mayReplace: number; remove: number; dataLoss: number; total: number };

/** Version 1, field by field. */
interface PinnedV1 {
  'session.started': {
    command: 'deploy' | 'preview' | 'delete' | 'status' | 'rollback' | 'script:run' | 'logs' | 'attach';
    stack: string;
    stage: string;
    region: string;
    target: string;
    mode: 'interactive' | 'ci' | 'json';
  };
  'phase.changed': { phase: Phase; previous?: Phase; reason?: string };
  'package.progress': { asset: string; state: 'cached' | 'built' | 'uploaded' | 'skipped'; bytes?: number };
  'plan.ready': {
    changeSetId?: string;
    changeSetName?: string;
    changeSetType: 'CREATE' | 'UPDATE' | 'DELETE';
    changes: {
      logicalId: string;
      owner?: string;
      resourceType: string;
      physicalId?: string;
      action: 'add' | 'modify' | 'replace' | 'may-replace' | 'remove' | 'import' | 'dynamic';
      replacement?: string;
      causes: { path: string; requiresRecreation?: string; evaluation?: string; changeSource?: string; causingEntity?: string; before?: string; after?: string }[];
      policyAction?: string;
      dataLoss: boolean;
      securityBroadening: boolean;
      protectedViolation: boolean;
    }[];
    counts: Counts;
  };
  'approval.requested': { id: string; level: 'changes' | 'destructive' | 'data-loss'; confirmText?: string; resources: string[] };
  'approval.answered': { id: string; approved: boolean; by: 'key' | 'flag' | 'policy'; reason?: string };
  'stack.event': {
    event: {
      eventId: string;
      stackName: string;
      stackId: string;
      logicalId: string;
      physicalId?: string;
      resourceType: string;
      status: string;
      reason?: string;
      at: string;
      owner?: string;
      depth: number;
    };
  };
  'stack.status': { stackName: string; status: string; reason?: string };
  progress: { done: number; total: number };
  'ecs.deployment': {
    service: string;
    serviceArn: string;
    deploymentArn: string;
    status: string;
    stage?: string;
    weights: { source: number; target: number };
    weightsFrom: 'listener-rule' | 'schedule';
    bakeRemainingS?: number;
    hooks: { id: string; kind: 'lambda' | 'pause'; target?: string; stage: string; status: string; expiresAt?: string; reason?: string }[];
    rollback?: { reason?: string; startedAt?: string };
  };
  'ecs.task-stopped': { service: string; taskArn: string; reason: string; exitCode?: number; container?: string };
  'script.started': { script: string; functionName: string; logGroup: string; trigger: 'deploy' | 'rerun' | 'delete' };
  'script.log': { script: string; line: string; at: string; eventId: string };
  'script.finished': { script: string; ok: boolean; error?: string; durationMs?: number };
  'log.line': { source: string; line: string; at: string; eventId: string };
  'first-cause': { logicalId: string; owner?: string; resourceType: string; reason: string; details: string[] };
  warning: { code: string; message: string; resource?: string };
  error: { code: string; message: string; phase?: Phase; resource?: string; fix?: string; cause?: string[] };
  result: { outcome: Outcome; exitCode: number; durationMs: number; stackStatus?: string; outputs: Record<string, string>; counts?: Counts };
}

interface PinnedEnvelopeV1 {
  v: 1;
  seq: number;
  ts: string;
}

// --- the compile-time check ---------------------------------------------------------------------
type IsOptional<T, K extends keyof T> = object extends Pick<T, K> ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T> = [T] extends [true] ? true : false;

/** P (pinned) is still what A (actual) is: every pinned key there, same optionality, same types. */
type Covers<P, A> = [P] extends [readonly (infer PE)[]]
  ? [A] extends [readonly (infer AE)[]]
    ? Covers<PE, AE>
    : false
  : [P] extends [Record<string, string>]
    ? string extends keyof P
      ? Same<P, A>
      : CoversObject<P, A>
    : [P] extends [object]
      ? CoversObject<P, A>
      : // A primitive or a union of literals: every pinned value is still accepted, nothing else changed kind.
        [Exclude<P, undefined>] extends [Exclude<A, undefined>]
        ? true
        : false;

type CoversObject<P, A> = [A] extends [object]
  ? [Exclude<keyof P, keyof A>] extends [never]
    ? AllTrue<{ [K in keyof P]-?: K extends keyof A ? (Same<IsOptional<P, K>, IsOptional<A, K>> extends true ? Covers<Exclude<P[K], undefined>, Exclude<A[K], undefined>> : false) : false }[keyof P]>
    : false
  : false;

type Payload<T extends DeployEventType> = Omit<EventOfType<T>, 'type' | 'v' | 'seq' | 'ts'>;

// Fails to compile, at the event whose contract changed, when a field is renamed, removed or retyped.
const contract: { [T in keyof PinnedV1]: T extends DeployEventType ? Covers<PinnedV1[T], Payload<T>> : false } = {
  'session.started': true,
  'phase.changed': true,
  'package.progress': true,
  'plan.ready': true,
  'approval.requested': true,
  'approval.answered': true,
  'stack.event': true,
  'stack.status': true,
  progress: true,
  'ecs.deployment': true,
  'ecs.task-stopped': true,
  'script.started': true,
  'script.log': true,
  'script.finished': true,
  'log.line': true,
  'first-cause': true,
  warning: true,
  error: true,
  result: true,
};
const envelope: Covers<PinnedEnvelopeV1, Pick<DeployEvent, 'v' | 'seq' | 'ts'>> = true;

describe('the NDJSON event contract, version 1', () => {
  it('is still version 1 (the pin above is for it)', () => {
    expect(EVENT_SCHEMA_VERSION).toBe(1);
    expect(envelope).toBe(true);
  });

  it('documents every pinned event type in docs/events.md', () => {
    const docs = readFileSync(path.join(repoRoot, 'docs', 'events.md'), 'utf8');
    const documented = new Set([...docs.matchAll(/`([a-z-]+(?:\.[a-z-]+)?)`/g)].map((m) => m[1]));
    expect(Object.keys(contract).filter((type) => !documented.has(type))).toEqual([]);
  });
});
