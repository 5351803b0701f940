/**
 * The event contract: everything the engine reports, as one discriminated union. Every renderer
 * (the Ink console, plain lines, NDJSON) consumes only this; commands go the other way as method
 * calls on a session (`DeploySessionCommands`). `docs/events.md` documents each event with examples.
 *
 * Stability: NDJSON output is this union, one object per line, with `v` in every line. Adding an
 * optional field or a new event type keeps `v`; renaming, removing or changing the meaning of a
 * field bumps it.
 */

export const EVENT_SCHEMA_VERSION = 1;

/** The deploy state machine's named phases, in order. A failure names the phase it happened in. */
export const DEPLOY_PHASES = [
  'resolve', // config → template, target (account, region), deploy parameters
  'package', // bundle + upload assets
  'check', // does the stack exist, is it busy, is it in a state we can update
  'change-set', // CreateChangeSet (CREATE or UPDATE) and wait for CREATE_COMPLETE
  'classify', // the change set's changes classified into the plan
  'gate', // approval (interactive) or policy (headless)
  'execute', // ExecuteChangeSet / CancelUpdateStack / RollbackStack / ContinueUpdateRollback / DeleteStack
  'watch', // stack events, ECS deployments, script logs until a terminal stack status
  'done',
] as const;
export type DeployPhase = (typeof DEPLOY_PHASES)[number];

export type Outcome =
  | 'succeeded'
  | 'no-changes'
  | 'rolled-back'
  | 'failed'
  | 'refused'
  | 'detached'
  | 'interrupted'
  | 'needs-attention';

export type ChangeAction = 'add' | 'modify' | 'replace' | 'may-replace' | 'remove' | 'import' | 'dynamic';

export interface ChangeCause {
  /** Property path, e.g. `Properties.BucketName` (from the change set's Target). */
  path: string;
  /** CloudFormation's RequiresRecreation: Never | Conditionally | Always. */
  requiresRecreation?: string;
  /** Static (known now) or Dynamic (known only at execution). */
  evaluation?: string;
  /** DirectModification | ResourceReference | ParameterReference | ResourceAttribute | Automatic. */
  changeSource?: string;
  /** The resource or parameter that caused it, for references. */
  causingEntity?: string;
  /** Before/after values when the change set was created with IncludePropertyValues. */
  before?: string;
  after?: string;
}

export interface PlannedChange {
  logicalId: string;
  /** The config resource it belongs to (compile's owners map), e.g. `db`; undefined for stp's own. */
  owner?: string;
  resourceType: string;
  physicalId?: string;
  action: ChangeAction;
  /** CloudFormation's Replacement: True | False | Conditional. */
  replacement?: string;
  causes: ChangeCause[];
  /** Delete | Retain | Snapshot | ReplaceAndDelete | ReplaceAndRetain | ReplaceAndSnapshot. */
  policyAction?: string;
  /** The change destroys or replaces a data-bearing resource without Retain/Snapshot. */
  dataLoss: boolean;
  /** IAM or security-group changes that broaden access. */
  securityBroadening: boolean;
  /** A protected resource (`--protect` or config) would be replaced or removed. */
  protectedViolation: boolean;
}

export interface PlanCounts {
  add: number;
  modify: number;
  replace: number;
  mayReplace: number;
  remove: number;
  dataLoss: number;
  total: number;
}

export interface EcsHookState {
  /** The hook id (`ecs-pause-…` for PAUSE hooks) or the Lambda hook's target ARN. */
  id: string;
  kind: 'lambda' | 'pause';
  /** A Lambda hook's function ARN (ECS's `targetArn`), so a renderer can name the function. */
  target?: string;
  stage: string;
  status: string;
  /** ISO time a PAUSE hook's timeout fires. */
  expiresAt?: string;
  reason?: string;
}

export interface StackEventRecord {
  eventId: string;
  stackName: string;
  /** The stack this event belongs to, for nested stacks the nested stack's name. */
  stackId: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
  reason?: string;
  /** ISO timestamp from CloudFormation. */
  at: string;
  /** The owning config resource, when known. */
  owner?: string;
  /** Depth in the nested-stack tree (0 = the root stack). */
  depth: number;
}

/** The payload of every event; the envelope (`v`, `seq`, `ts`) is added by the session. */
export type DeployEventBody =
  | {
      type: 'session.started';
      command: 'deploy' | 'preview' | 'delete' | 'status' | 'rollback' | 'script:run' | 'logs' | 'attach';
      stack: string;
      stage: string;
      region: string;
      /** The account id, or the target's description (e.g. "local cloud http://127.0.0.1:4566"). */
      target: string;
      mode: 'interactive' | 'ci' | 'json';
    }
  | { type: 'phase.changed'; phase: DeployPhase; previous?: DeployPhase; reason?: string }
  | { type: 'package.progress'; asset: string; state: 'cached' | 'built' | 'uploaded' | 'skipped'; bytes?: number }
  | {
      type: 'plan.ready';
      changeSetId?: string;
      changeSetName?: string;
      /** CREATE (new stack) or UPDATE. */
      changeSetType: 'CREATE' | 'UPDATE' | 'DELETE';
      changes: PlannedChange[];
      counts: PlanCounts;
    }
  | {
      type: 'approval.requested';
      id: string;
      level: 'changes' | 'destructive' | 'data-loss';
      /** For data loss: the text the operator must type (the stack name). */
      confirmText?: string;
      /** The resources that make this level (logical ids). */
      resources: string[];
    }
  | { type: 'approval.answered'; id: string; approved: boolean; by: 'key' | 'flag' | 'policy'; reason?: string }
  | { type: 'stack.event'; event: StackEventRecord }
  | { type: 'stack.status'; stackName: string; status: string; reason?: string }
  | { type: 'progress'; done: number; total: number }
  | {
      type: 'ecs.deployment';
      /** The config resource (e.g. `web`) and the ECS service ARN. */
      service: string;
      serviceArn: string;
      deploymentArn: string;
      status: string;
      stage?: string;
      /** Percent of production traffic per target revision ("source" | "target" → percent). */
      weights: { source: number; target: number };
      /** Where the weights came from: the listener rule (ground truth) or the strategy's schedule. */
      weightsFrom: 'listener-rule' | 'schedule';
      bakeRemainingS?: number;
      hooks: EcsHookState[];
      rollback?: { reason?: string; startedAt?: string };
    }
  | { type: 'ecs.task-stopped'; service: string; taskArn: string; reason: string; exitCode?: number; container?: string }
  | { type: 'script.started'; script: string; functionName: string; logGroup: string; trigger: 'deploy' | 'rerun' | 'delete' }
  | { type: 'script.log'; script: string; line: string; at: string; eventId: string }
  | { type: 'script.finished'; script: string; ok: boolean; error?: string; durationMs?: number }
  | { type: 'log.line'; source: string; line: string; at: string; eventId: string }
  | { type: 'first-cause'; logicalId: string; owner?: string; resourceType: string; reason: string; details: string[] }
  | { type: 'warning'; code: string; message: string; resource?: string }
  | { type: 'error'; code: string; message: string; phase?: DeployPhase; resource?: string; fix?: string; cause?: string[] }
  | {
      type: 'result';
      outcome: Outcome;
      exitCode: number;
      durationMs: number;
      /** The stack's final status, e.g. UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE. */
      stackStatus?: string;
      outputs: Record<string, string>;
      counts?: PlanCounts;
    };

export type DeployEventType = DeployEventBody['type'];

export type DeployEvent = DeployEventBody & {
  /** Schema version, in every event. */
  v: typeof EVENT_SCHEMA_VERSION;
  /** Monotonic per session, from 1. */
  seq: number;
  /** ISO-8601 time the engine emitted it. */
  ts: string;
};

export type EventOfType<T extends DeployEventType> = Extract<DeployEvent, { type: T }>;

/** Operator commands: what a renderer may ask of a running session. The engine never reads keys. */
export interface DeploySessionCommands {
  approve(id: string): void;
  /** For data-loss approvals the typed confirmation text must equal `confirmText`. */
  approveWithConfirmation(id: string, typed: string): void;
  reject(id: string): void;
  continueCanary(service: string, hookId: string): Promise<void>;
  rollbackCanary(service: string): Promise<void>;
  /** Cancel a running update (CancelUpdateStack) and watch the rollback. */
  cancel(): Promise<void>;
  /** Roll back a failed stack (RollbackStack). */
  rollback(): Promise<void>;
  /** Recover UPDATE_ROLLBACK_FAILED (ContinueUpdateRollback, skipping these logical ids). */
  recover(skip: string[]): Promise<void>;
  rerunScript(name: string): Promise<void>;
  /**
   * Tail a config resource's logs (function, container, deployment script) as `log.line` events
   * whose `source` is the resource, replacing the previous tail; `filterPattern` is CloudWatch's.
   */
  tailLogs(resource: string, options?: { filterPattern?: string }): Promise<void>;
  /** Stop watching; leave the operation running in AWS. */
  detach(): void;
}

/** Whoever renders or records events. */
export interface EventSink {
  emit(event: DeployEvent): void;
}
