/**
 * The renderers' state: a zustand vanilla store (no React here) fed by a sink that coalesces
 * events arriving in one burst (a page of stack events, a batch of log lines) into one update on
 * the next macrotask (setImmediate), so a renderer redraws once per burst, not once per event.
 * Log lines live in bounded ring buffers. `reduceEvents` is pure: a recorded NDJSON stream replays
 * into the same state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeployEvent, DeployPhase, EventOfType, EventSink, PlanCounts, PlannedChange } from '../events.js';
import { recordEcsDeployment, recordStoppedTask, type EcsServiceHistory, type EcsStoppedTask } from './ecs-history.js';
import { emptyRing, pushAll, type RingBuffer } from './ring-buffer.js';

export interface LogLine {
  source: string;
  line: string;
  at: string;
}

/**
 * A resource's latest status. Keyed in `SessionState.resources` by `resourceKey`: the logical id
 * for the root stack's resources, `<stackId>/<logicalId>` inside a nested stack (the same logical
 * id may occur in several stacks).
 */
export interface ResourceRow {
  logicalId: string;
  resourceType: string;
  status: string;
  reason?: string;
  owner?: string;
  /** CloudFormation's time of the latest event. */
  at: string;
  /** The stack the resource is in (a nested stack's id for its resources) and its depth (0 = root). */
  stackId?: string;
  depth?: number;
  /** For a nested stack resource: the nested stack's id, which its resources carry as `stackId`. */
  physicalId?: string;
  /** CloudFormation's time its current operation began (the first event, or the first after a finished status). */
  startedAt?: string;
  /** The seq of the first event about it: a stable order for lists. */
  firstSeq?: number;
  /** Its latest event came while the root stack was rolling back (it is being, or was, reverted). */
  rollback?: boolean;
  /** The last failure it had in this session, kept after a rollback reverts it. */
  failure?: { status: string; reason?: string; at: string };
}

/** Where a stack event's resource lives in `SessionState.resources`. */
export function resourceKey(event: { depth: number; stackId: string; logicalId: string }): string {
  return event.depth === 0 ? event.logicalId : `${event.stackId}/${event.logicalId}`;
}

export interface ScriptState {
  status: 'running' | 'succeeded' | 'failed';
  trigger?: string;
  lines: RingBuffer<LogLine>;
  /** How many runs started (`script.started`) in this session. */
  runs: number;
  /** Absolute index (counting dropped lines) of the current run's first line in `lines`. */
  runStart: number;
  error?: string;
  durationMs?: number;
}

export interface SessionState {
  session?: Omit<EventOfType<'session.started'>, 'type' | 'v' | 'seq' | 'ts'>;
  phase?: DeployPhase;
  /** The phases taken, in order (a renderer draws the path). */
  phases: DeployPhase[];
  plan?: { changeSetType: string; changes: PlannedChange[]; counts: PlanCounts };
  approval?: EventOfType<'approval.requested'> & { answered?: { approved: boolean; by: string; reason?: string } };
  resources: Record<string, ResourceRow>;
  /** The latest CloudFormation event time seen: the clock running durations are measured against (replays too). */
  stackClock?: string;
  /** The root stack's status as of its latest own stack event (`stack.status` may come later). */
  rootEventStatus?: string;
  stackStatus?: { status: string; reason?: string };
  progress?: { done: number; total: number };
  ecs: Record<string, EventOfType<'ecs.deployment'>>;
  /** Per service: the stages and hooks seen in its current deployment (see ecs-history.ts). */
  ecsHistory: Record<string, EcsServiceHistory>;
  /** Per service: tasks that stopped during the operation (the newest 20). */
  ecsStoppedTasks: Record<string, EcsStoppedTask[]>;
  scripts: Record<string, ScriptState>;
  logs: RingBuffer<LogLine>;
  warnings: EventOfType<'warning'>[];
  errors: EventOfType<'error'>[];
  firstCause?: EventOfType<'first-cause'>;
  result?: EventOfType<'result'>;
  /** The last event's seq (0 before any). */
  lastSeq: number;
}

export interface SessionStoreOptions {
  /** Lines kept per script and in the shared log view (default 500 / 2000). */
  scriptLines?: number;
  logLines?: number;
}

export function initialSessionState(options: SessionStoreOptions = {}): SessionState {
  return {
    phases: [],
    resources: {},
    ecs: {},
    ecsHistory: {},
    ecsStoppedTasks: {},
    scripts: {},
    logs: emptyRing(options.logLines ?? 2000),
    warnings: [],
    errors: [],
    lastSeq: 0,
  };
}

/** Applies a batch of events to the state; returns a new state (unchanged parts shared). */
export function reduceEvents(state: SessionState, events: readonly DeployEvent[], options: SessionStoreOptions = {}): SessionState {
  if (events.length === 0) return state;
  const next: SessionState = { ...state };
  let resources: Record<string, ResourceRow> | undefined;
  let scripts: Record<string, ScriptState> | undefined;
  const pendingLogs: LogLine[] = [];
  const pendingScriptLines = new Map<string, LogLine[]>();
  const script = (name: string): ScriptState => {
    scripts ??= { ...next.scripts };
    return (scripts[name] ??= { status: 'running', lines: emptyRing(options.scriptLines ?? 500), runs: 0, runStart: 0 });
  };
  const flushScriptLines = (name: string) => {
    const lines = pendingScriptLines.get(name);
    if (!lines) return;
    pendingScriptLines.delete(name);
    const s = script(name);
    scripts![name] = { ...s, lines: pushAll(s.lines, lines) };
  };
  for (const event of events) {
    next.lastSeq = event.seq;
    switch (event.type) {
      case 'session.started': {
        const { type: _t, v: _v, seq: _s, ts: _ts, ...session } = event;
        next.session = session;
        break;
      }
      case 'phase.changed':
        next.phase = event.phase;
        next.phases = [...next.phases, event.phase];
        break;
      case 'plan.ready':
        next.plan = { changeSetType: event.changeSetType, changes: event.changes, counts: event.counts };
        break;
      case 'approval.requested':
        next.approval = event;
        break;
      case 'approval.answered':
        if (next.approval?.id === event.id) {
          next.approval = { ...next.approval, answered: { approved: event.approved, by: event.by, ...(event.reason ? { reason: event.reason } : {}) } };
        }
        break;
      case 'stack.event': {
        const e = event.event;
        if (e.logicalId === e.stackName && e.resourceType === 'AWS::CloudFormation::Stack') {
          if (e.depth === 0) next.rootEventStatus = e.status;
          break;
        }
        resources ??= { ...next.resources };
        const key = resourceKey(e);
        const previous = resources[key];
        const restarted = !previous || (!previous.status.endsWith('_IN_PROGRESS') && e.status.endsWith('_IN_PROGRESS'));
        const physicalId = e.physicalId ?? previous?.physicalId;
        const failure = e.status.endsWith('_FAILED') ? { status: e.status, at: e.at, ...(e.reason ? { reason: e.reason } : {}) } : previous?.failure;
        const rollback = next.rootEventStatus?.includes('ROLLBACK') === true;
        resources[key] = {
          logicalId: e.logicalId,
          resourceType: e.resourceType,
          status: e.status,
          at: e.at,
          ...(e.reason ? { reason: e.reason } : {}),
          ...(e.owner ? { owner: e.owner } : {}),
          stackId: e.stackId,
          depth: e.depth,
          ...(physicalId !== undefined ? { physicalId } : {}),
          startedAt: restarted ? e.at : (previous.startedAt ?? previous.at),
          firstSeq: previous?.firstSeq ?? event.seq,
          ...(rollback ? { rollback } : {}),
          ...(failure ? { failure } : {}),
        };
        if (next.stackClock === undefined || e.at > next.stackClock) next.stackClock = e.at;
        break;
      }
      case 'stack.status':
        next.stackStatus = { status: event.status, ...(event.reason ? { reason: event.reason } : {}) };
        break;
      case 'progress':
        next.progress = { done: event.done, total: event.total };
        break;
      case 'ecs.deployment':
        next.ecsHistory = { ...next.ecsHistory, [event.service]: recordEcsDeployment(next.ecsHistory[event.service], event, next.ecs[event.service]) };
        next.ecs = { ...next.ecs, [event.service]: event };
        break;
      case 'ecs.task-stopped':
        next.ecsStoppedTasks = { ...next.ecsStoppedTasks, [event.service]: recordStoppedTask(next.ecsStoppedTasks[event.service], event) };
        break;
      case 'script.started': {
        // A new run: the earlier run's lines stay (before runStart), its result goes.
        flushScriptLines(event.script);
        const { error: _e, durationMs: _d, ...s } = script(event.script);
        scripts![event.script] = { ...s, status: 'running', trigger: event.trigger, runs: s.runs + 1, runStart: s.lines.dropped + s.lines.items.length };
        break;
      }
      case 'script.log': {
        script(event.script);
        const list = pendingScriptLines.get(event.script) ?? [];
        list.push({ source: event.script, line: event.line, at: event.at });
        pendingScriptLines.set(event.script, list);
        break;
      }
      case 'script.finished': {
        const s = script(event.script);
        scripts![event.script] = {
          ...s,
          status: event.ok ? 'succeeded' : 'failed',
          ...(event.error ? { error: event.error } : {}),
          ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
        };
        break;
      }
      case 'log.line':
        pendingLogs.push({ source: event.source, line: event.line, at: event.at });
        break;
      case 'first-cause':
        next.firstCause = event;
        break;
      case 'warning':
        next.warnings = [...next.warnings, event];
        break;
      case 'error':
        next.errors = [...next.errors, event];
        break;
      case 'result':
        next.result = event;
        break;
      case 'package.progress':
        break;
    }
  }
  if (resources) next.resources = resources;
  for (const name of [...pendingScriptLines.keys()]) flushScriptLines(name);
  if (scripts) next.scripts = scripts;
  if (pendingLogs.length > 0) next.logs = pushAll(next.logs, pendingLogs);
  return next;
}

export interface SessionStore {
  store: StoreApi<SessionState>;
  /** Feeds the store; coalesces a burst of events into one update. */
  sink: EventSink;
  /** Applies queued events now (tests; before the final frame). */
  flush(): void;
}

export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const store = createStore<SessionState>(() => initialSessionState(options));
  let queue: DeployEvent[] = [];
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    store.setState(reduceEvents(store.getState(), batch, options), true);
  };
  return {
    store,
    sink: {
      emit(event) {
        queue.push(event);
        scheduled ??= setImmediate(flush);
      },
    },
    flush,
  };
}
