/**
 * The plain-line renderer (`--ci`, and `stp deploy` until the interactive console lands): one
 * timestamped line per thing that happened — the plan as a fixed-width table with a symbol per
 * action (+ add, ~ modify, ± replace, ? may replace, − remove), one line per resource status
 * change, script output prefixed with the script's name, the first cause as a block, and a final
 * summary with the outputs whose last line says the stack's state. Colour only repeats what the
 * symbols and words already say.
 */
import type { DeployEvent, EventOfType, EventSink, PlanCounts, PlannedChange } from '../../engine/events.js';
import { expandIndentedLines, expandLambdaErrorLine } from './lambda-error-line.js';

export interface PlainRendererOptions {
  write(line: string): void;
  color: boolean;
}

type Paint = (text: string) => string;
const ansi = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;

interface Palette {
  red: Paint;
  yellow: Paint;
  green: Paint;
  magenta: Paint;
  cyan: Paint;
  bold: Paint;
  dim: Paint;
}

function palette(color: boolean): Palette {
  const id: Paint = (text) => text;
  if (!color) return { red: id, yellow: id, green: id, magenta: id, cyan: id, bold: id, dim: id };
  return { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), magenta: ansi(35, 39), cyan: ansi(36, 39), bold: ansi(1, 22), dim: ansi(2, 22) };
}

export const ACTION_SYMBOL: Record<PlannedChange['action'], string> = {
  add: '+',
  modify: '~',
  replace: '±',
  'may-replace': '?',
  remove: '−',
  import: '+',
  dynamic: '~',
};

const ACTION_WORD: Record<PlannedChange['action'], string> = {
  add: 'add',
  modify: 'modify',
  replace: 'replace',
  'may-replace': 'may replace',
  remove: 'remove',
  import: 'import',
  dynamic: 'dynamic',
};

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/**
 * One event, one line: a line break inside a message (a script's error, a stack event's reason) is
 * shown as `\n`, so a log reader or a CI runner never takes its rest for a line of its own — under
 * GitHub Actions a line starting with `::` would be read as a workflow command.
 */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, (c) => (c === '\n' ? '\\n' : c === '\r\n' ? '\\r\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function time(ts: string): string {
  return ts.slice(11, 19);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The plan as lines (also used by `stp preview` and refusals). */
export function planLines(event: Pick<EventOfType<'plan.ready'>, 'changes' | 'counts' | 'changeSetType'>, p: Palette = palette(false)): string[] {
  const { counts } = event;
  if (event.changes.length === 0) return ['Plan: no changes.'];
  const head =
    `Plan (${event.changeSetType === 'CREATE' ? 'new stack' : event.changeSetType === 'DELETE' ? 'delete stack' : 'update'}): ` +
    [
      `${counts.add} to add`,
      `${counts.modify} to modify`,
      `${counts.replace} to replace`,
      `${counts.mayReplace} may replace`,
      `${counts.remove} to remove`,
    ].join(', ') +
    (counts.dataLoss > 0 ? `; ${counts.dataLoss} with data loss` : '');
  const ownerWidth = Math.min(24, Math.max(8, ...event.changes.map((c) => (c.owner ?? '(stp)').length)));
  const idWidth = Math.min(40, Math.max(10, ...event.changes.map((c) => c.logicalId.length)));
  const typeWidth = Math.min(40, Math.max(10, ...event.changes.map((c) => c.resourceType.length)));
  // Column names, so a log reader (no colour, maybe no Unicode font) knows what each column is.
  const columns = `    ${pad('resource', ownerWidth)}  ${pad('logical id', idWidth)}  ${pad('type', typeWidth)}  ${pad('change', 11)}  details`;
  const rows = event.changes.map((c) => {
    const colour = c.dataLoss || c.action === 'remove' || c.action === 'replace' ? p.red : c.action === 'may-replace' ? p.magenta : c.action === 'add' ? p.green : p.yellow;
    const why = c.action === 'replace' || c.action === 'may-replace'
      ? c.causes.filter((cause) => cause.requiresRecreation && cause.requiresRecreation !== 'Never').map((cause) => `${cause.path} (${cause.requiresRecreation}${cause.evaluation === 'Dynamic' ? ', dynamic' : ''})`)
      : c.action === 'modify'
        ? [...new Set(c.causes.map((cause) => cause.path))].slice(0, 3)
        : [];
    const flags = [
      c.dataLoss ? 'DATA LOSS' : '',
      c.protectedViolation ? 'PROTECTED' : '',
      c.securityBroadening ? 'broadens access' : '',
      c.policyAction && /Retain|Snapshot/.test(c.policyAction) ? c.policyAction : '',
    ].filter(Boolean);
    const line = `  ${ACTION_SYMBOL[c.action]} ${pad(c.owner ?? '(stp)', ownerWidth)}  ${pad(c.logicalId, idWidth)}  ${pad(c.resourceType, typeWidth)}  ${pad(ACTION_WORD[c.action], 11)}` +
      (why.length > 0 ? `  ${why.join(', ')}` : '') +
      (flags.length > 0 ? `  ${flags.join(', ')}` : '');
    return colour(line.trimEnd());
  });
  return [p.bold(head), p.dim(columns), ...rows];
}

/** `15 to add, 2 to modify` — the plan's non-zero counts (the summary repeats them). */
export function countsText(counts: PlanCounts): string {
  const parts = [
    [counts.add, 'to add'],
    [counts.modify, 'to modify'],
    [counts.replace, 'to replace'],
    [counts.mayReplace, 'may replace'],
    [counts.remove, 'to remove'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  if (counts.dataLoss > 0) parts.push(`${counts.dataLoss} with data loss`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

export interface PlainRenderer extends EventSink {
  /**
   * Called on a timer by the CLI: when nothing was written for `quietMs` while an operation is
   * watched, writes one line saying what it still waits for — a pipeline log that stays silent for
   * minutes (a database being created) reads like a hung tool, and some CI systems kill it.
   */
  heartbeat(now: Date, quietMs: number): void;
}

function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function createPlainRenderer(options: PlainRendererOptions): PlainRenderer {
  const p = palette(options.color);
  let stackName = '';
  let command = 'deploy';
  // One line per status change: CloudFormation repeats a status ("Resource creation Initiated").
  const lastStatus = new Map<string, string>();
  // Whether the session got to execute: only known for commands with phases (attach has none).
  let phased = false;
  let executed = false;
  // For the heartbeat: when the last line was written, what is in progress since when, the progress.
  let watching = false;
  let lastWrite = 0;
  let progress: { done: number; total: number } | undefined;
  const inProgress = new Map<string, { label: string; status: string; since: number }>();
  const line = (event: DeployEvent, text: string) => {
    lastWrite = Date.parse(event.ts);
    options.write(`${p.dim(time(event.ts))} ${oneLine(text)}`);
  };
  return {
    heartbeat(now, quietMs) {
      if (!watching || now.getTime() - lastWrite < quietMs) return;
      lastWrite = now.getTime();
      const oldest = [...inProgress.values()].sort((a, b) => a.since - b.since).slice(0, 3);
      const waiting = oldest.map((r) => `${r.label} (${r.status} for ${elapsed(now.getTime() - r.since)})`);
      const more = inProgress.size - oldest.length;
      options.write(
        `${p.dim(time(now.toISOString()))} ${p.dim(
          `… still working${progress ? `: ${progress.done}/${progress.total} resources done` : ''}` +
            (waiting.length > 0 ? `; waiting on ${waiting.join(', ')}${more > 0 ? ` and ${more} more` : ''}` : ''),
        )}`,
      );
    },
    emit(event) {
      switch (event.type) {
        case 'session.started':
          stackName = event.stack;
          command = event.command;
          // A watcher (`stp status --watch`) has no phases: it watches from the start.
          watching = event.command === 'attach';
          line(event, `${p.bold(`stp ${event.command}`)} ${event.stack || '(stack unknown)'} · stage ${event.stage} · ${event.region} · ${event.target}`);
          break;
        case 'phase.changed':
          phased = true;
          if (event.phase === 'execute') executed = true;
          watching = event.phase === 'watch';
          if (event.phase !== 'done') line(event, p.cyan(`▸ ${event.phase}${event.reason ? ` (${event.reason})` : ''}`));
          else if (event.reason) line(event, p.cyan(`▸ done: ${event.reason}`));
          break;
        case 'package.progress':
          if (event.state === 'built' || event.state === 'uploaded') line(event, `  code ${event.asset}: ${event.state}`);
          break;
        case 'plan.ready':
          for (const text of planLines(event, p)) line(event, text);
          break;
        case 'approval.requested':
          if (event.id !== 'flag' && event.id !== 'policy') {
            line(event, p.yellow(`? approval needed (${event.level}): ${event.resources.join(', ')}${event.confirmText ? ` — type "${event.confirmText}" to confirm` : ''}`));
          }
          break;
        case 'approval.answered':
          line(event, event.approved ? p.green(`✓ approved (${event.by}${event.reason ? `: ${event.reason}` : ''})`) : p.red(`✗ not approved (${event.by})`));
          break;
        case 'stack.event': {
          const e = event.event;
          const isStack = e.logicalId === e.stackName && e.resourceType === 'AWS::CloudFormation::Stack';
          if (isStack) break;
          const key = `${e.stackId}/${e.logicalId}`;
          if (e.status.endsWith('_IN_PROGRESS')) {
            if (inProgress.get(key)?.status !== e.status) inProgress.set(key, { label: `${e.owner ? `${e.owner}/` : ''}${e.logicalId}`, status: e.status, since: Date.parse(event.ts) });
          } else inProgress.delete(key);
          if (lastStatus.get(key) === e.status && !e.reason?.length) break;
          if (lastStatus.get(key) === e.status && /Initiated$/.test(e.reason ?? '')) break;
          lastStatus.set(key, e.status);
          const status = e.status.endsWith('_FAILED') ? p.red(e.status) : e.status.endsWith('_COMPLETE') ? p.green(e.status) : e.status;
          line(event, `  ${e.owner ? `${e.owner}/` : ''}${e.logicalId} ${status}${e.reason?.trim() ? p.dim(` — ${e.reason.trim()}`) : ''}`);
          break;
        }
        case 'stack.status':
          line(event, `${p.bold(event.stackName)} ${event.status.endsWith('_FAILED') ? p.red(event.status) : event.status}${event.reason?.trim() ? p.dim(` — ${event.reason.trim()}`) : ''}`);
          break;
        case 'progress':
          progress = { done: event.done, total: event.total };
          break;
        case 'ecs.deployment': {
          // Lifecycle hooks by kind, function name and status (a hook's id says nothing to a reader); a paused
          // deployment says until when and what happens then, since nobody can answer it headless.
          const hooks = event.hooks.map((h) => `${h.kind} hook${h.target ? ` ${h.target.split(':').at(-1)}` : ''} ${h.status}${h.kind === 'pause' && h.expiresAt ? ` until ${time(h.expiresAt)}` : ''}${h.kind === 'pause' && h.reason ? ` (${h.reason})` : ''}`);
          line(
            event,
            `  ${event.service} ecs ${event.status}${event.stage ? ` ${event.stage}` : ''} · traffic ${event.weights.source}% old / ${event.weights.target}% new` +
              (event.bakeRemainingS !== undefined ? ` · bake ${event.bakeRemainingS}s` : '') +
              hooks.map((h) => ` · ${h}`).join('') +
              (event.rollback ? ` · rolling back${event.rollback.reason ? `: ${event.rollback.reason}` : ''}` : ''),
          );
          break;
        }
        case 'ecs.task-stopped': {
          // Old tasks scaled in by the deployment are routine; anything else is a failure to show.
          const routine = /^Scaling activity initiated by/.test(event.reason);
          const text = `  ${event.service} task stopped: ${event.reason}${event.exitCode !== undefined ? ` (exit ${event.exitCode})` : ''}`;
          line(event, routine ? p.dim(text) : p.red(text));
          break;
        }
        case 'script.started':
          line(event, `${p.bold(event.script)} ▶ started (${event.trigger})`);
          break;
        case 'script.log':
          for (const text of expandLambdaErrorLine(event.line)) line(event, `${p.cyan(event.script)} │ ${text}`);
          break;
        case 'script.finished':
          line(event, event.ok ? p.green(`${event.script} ✓ finished${event.durationMs !== undefined ? ` in ${seconds(event.durationMs)}` : ''}`) : p.red(`${event.script} ✗ failed: ${event.error ?? 'no message'}`));
          break;
        case 'log.line':
          for (const text of expandLambdaErrorLine(event.line)) line(event, `${p.cyan(event.source)} │ ${text}`);
          break;
        case 'first-cause':
          line(event, p.red(p.bold(`First cause: ${event.owner ? `${event.owner} (${event.logicalId}, ${event.resourceType})` : `${event.logicalId} (${event.resourceType})`}`)));
          line(event, p.red(`  ${event.reason}`));
          for (const detail of expandIndentedLines(event.details)) line(event, `  ${detail}`);
          break;
        case 'warning':
          line(event, p.yellow(`warning ${event.message}`));
          break;
        case 'error':
          line(event, p.red(`error ${event.message}${event.phase ? p.dim(` (in ${event.phase})`) : ''}`));
          for (const cause of event.cause ?? []) line(event, `  ${cause}`);
          if (event.fix) line(event, p.yellow(`  fix: ${event.fix}`));
          break;
        case 'result':
          watching = false;
          for (const text of summaryLines(event, stackName, command, p, executed || !phased)) line(event, text);
          break;
      }
    },
  };
}

/**
 * The summary; its last line always says what state the stack is in. `executed`: the session
 * reached its execute phase (before it, nothing in the stack changed, whatever the outcome).
 */
export function summaryLines(event: EventOfType<'result'>, stackName: string, command: string, p: Palette = palette(false), executed = true): string[] {
  const lines: string[] = [];
  const took = seconds(event.durationMs);
  const state = event.stackStatus ? ` (${event.stackStatus})` : '';
  const what = command === 'preview' ? 'previewed' : command === 'delete' ? 'deleted' : command === 'rollback' ? 'rolled back' : 'deployed';
  switch (event.outcome) {
    case 'succeeded':
      // A watcher (`stp status --watch`) did not deploy anything: it saw the stack settle.
      lines.push(
        p.green(
          command === 'attach'
            ? `✓ ${stackName} is settled${state}`
            : // A preview's detailed exit code (5 changes, 6 destructive) is its answer: say it.
              `✓ ${what} ${stackName}${state} in ${took}${event.exitCode !== 0 ? ` (exit ${event.exitCode})` : ''}`,
        ),
      );
      break;
    case 'no-changes':
      lines.push(p.green(`✓ no changes: ${stackName}${state} is up to date`));
      break;
    case 'refused':
      lines.push(p.red(`✗ refused: nothing changed in ${stackName}${state} (exit ${event.exitCode})`));
      break;
    case 'rolled-back':
      lines.push(p.red(`✗ failed and rolled back: ${stackName}${state} after ${took}`));
      break;
    case 'needs-attention':
      lines.push(p.red(`✗ needs attention: ${stackName}${state}`));
      break;
    case 'detached':
      lines.push(p.yellow(`↷ detached: ${stackName}${state} continues in AWS; attach with \`stp status --watch\``));
      break;
    case 'interrupted':
      lines.push(
        p.yellow(
          !executed
            ? `✗ interrupted: nothing changed in ${stackName}${state}`
            : command === 'attach' && !event.stackStatus
              ? `✗ stopped watching: ${stackName} goes on in AWS; \`stp status\` shows where it is`
            : `✗ interrupted: ${stackName}${state}${event.stackStatus?.endsWith('_IN_PROGRESS') ? ' continues in AWS; attach with `stp status --watch`' : ''}`,
        ),
      );
      break;
    case 'failed':
      lines.push(p.red(`✗ ${command} failed${executed ? '' : ' before anything changed'}: ${stackName || 'the stack'}${state} (exit ${event.exitCode})`));
      break;
  }
  // What the plan was (the counts of the deploy that ran or was refused), before the outcome.
  if (event.counts && event.counts.total > 0 && event.outcome !== 'no-changes') lines.unshift(`Plan: ${countsText(event.counts)} (${event.counts.total} change${event.counts.total === 1 ? '' : 's'})`);
  // The scripts' parameter outputs are stp's own (for `stp script:run`); NDJSON keeps them.
  const outputs = Object.entries(event.outputs).filter(([key]) => !key.endsWith('ScriptParameters'));
  if (outputs.length > 0 && (event.outcome === 'succeeded' || event.outcome === 'no-changes')) {
    const width = Math.max(...outputs.map(([key]) => key.length));
    lines.splice(0, 0, 'Outputs:', ...outputs.sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => `  ${pad(key, width)}  ${value}`));
  }
  return lines;
}

/** NDJSON: one event per line, exactly the contract's objects. */
export function createNdjsonSink(write: (text: string) => void): EventSink {
  return { emit: (event) => write(`${JSON.stringify(event)}\n`) };
}
