/**
 * The job summary of a GitHub Actions step (`$GITHUB_STEP_SUMMARY`, Markdown): the outcome, the
 * duration, the plan as a table, the first cause of a failure, the log groups of the stack (with
 * CloudWatch console links when the target is AWS) and the outputs. Built only from events, like
 * every renderer; the caller appends `markdown()` to the summary file when the result is in.
 */
import type { DeployEvent, EventOfType, EventSink, Outcome } from '../../engine/events.js';
import { ACTION_SYMBOL, countsText } from '../plain/deploy-lines.js';
import { expandIndentedLines } from '../plain/lambda-error-line.js';

export interface StepSummaryOptions {
  /** Link log groups and the stack to the AWS console of the region (false for another endpoint, e.g. a local cloud). */
  consoleLinks: boolean;
}

export interface StepSummary extends EventSink {
  /** The Markdown, once the `result` is in (undefined before). */
  markdown(): string | undefined;
}

const OUTCOME_HEADLINE: Record<Outcome, string> = {
  succeeded: '✅ succeeded',
  'no-changes': '✅ no changes',
  'rolled-back': '❌ failed and rolled back',
  failed: '❌ failed',
  refused: '⛔ refused',
  detached: '↷ detached',
  interrupted: '⚠️ interrupted',
  'needs-attention': '❌ needs attention',
};

/** A table cell: pipes escaped, one line, no HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text.length === 0 ? '' : `\`${text.replace(/`/g, "'")}\``;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The CloudWatch console's URL of a log group: its fragment encodes the name twice ("/" → "$252F"). */
export function logGroupConsoleUrl(region: string, logGroup: string): string {
  const encoded = encodeURIComponent(logGroup).replace(/%/g, '$25');
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encoded}`;
}

export function stackConsoleUrl(region: string, stackId: string): string {
  return `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks/stackinfo?stackId=${encodeURIComponent(stackId)}`;
}

interface LogGroupRow {
  owner: string;
  kind: string;
  name: string;
}

export function createStepSummary(options: StepSummaryOptions): StepSummary {
  let session: EventOfType<'session.started'> | undefined;
  let plan: EventOfType<'plan.ready'> | undefined;
  let firstCause: EventOfType<'first-cause'> | undefined;
  let error: EventOfType<'error'> | undefined;
  let result: EventOfType<'result'> | undefined;
  let stackId: string | undefined;
  const logGroups = new Map<string, LogGroupRow>();

  const render = (): string => {
    const r = result!;
    const s = session;
    const region = s?.region ?? '';
    const out: string[] = [];
    out.push(`### stp ${s?.command ?? ''} ${code(s?.stack || 'the stack')}: ${OUTCOME_HEADLINE[r.outcome]}`, '');
    out.push('| | |', '|---|---|');
    out.push(`| outcome | ${r.outcome} (exit ${r.exitCode}) |`);
    if (r.stackStatus) {
      const status = code(r.stackStatus);
      out.push(`| stack status | ${options.consoleLinks && stackId ? `[${status}](${stackConsoleUrl(region, stackId)})` : status} |`);
    }
    if (s) out.push(`| stage · region | ${cell(s.stage)} · ${cell(s.region)} |`, `| target | ${cell(s.target)} |`);
    out.push(`| duration | ${seconds(r.durationMs)} |`);
    if (r.counts && r.counts.total > 0) out.push(`| plan | ${cell(countsText(r.counts))} |`);
    out.push('');

    if (error && r.exitCode !== 0) {
      out.push(`**${cell(error.code)}**: ${cell(error.message)}${error.fix ? `  \n**fix**: ${cell(error.fix)}` : ''}`, '');
    }
    if (firstCause) {
      out.push('#### First cause', '');
      out.push(`**${cell(firstCause.owner ?? firstCause.logicalId)}** (${code(firstCause.logicalId)}, ${code(firstCause.resourceType)}): ${cell(firstCause.reason)}`, '');
      if (firstCause.details.length > 0) out.push('```text', ...expandIndentedLines(firstCause.details).map((d) => d.replace(/```/g, "'''")), '```', '');
    }
    if (plan && plan.changes.length > 0) {
      out.push(`#### Plan (${plan.changeSetType === 'CREATE' ? 'new stack' : plan.changeSetType === 'DELETE' ? 'delete stack' : 'update'}): ${cell(countsText(plan.counts))}`, '');
      out.push('| | resource | logical id | type | change | details |', '|---|---|---|---|---|---|');
      for (const c of plan.changes) {
        const why = c.causes.filter((cause) => c.action === 'modify' || (cause.requiresRecreation && cause.requiresRecreation !== 'Never')).map((cause) => cause.path);
        const flags = [c.dataLoss ? '**DATA LOSS**' : '', c.protectedViolation ? '**PROTECTED**' : '', c.securityBroadening ? 'broadens access' : ''].filter(Boolean);
        const details = [...new Set(why)].slice(0, 3).map(code).concat(flags).join(', ');
        out.push(`| ${ACTION_SYMBOL[c.action]} | ${cell(c.owner ?? '(stp)')} | ${code(c.logicalId)} | ${code(c.resourceType)} | ${c.action.replace('-', ' ')} | ${details} |`);
      }
      out.push('');
    }
    if (logGroups.size > 0) {
      out.push('#### Log groups', '');
      out.push('| resource | | log group |', '|---|---|---|');
      for (const row of [...logGroups.values()].sort((a, b) => a.owner.localeCompare(b.owner) || a.name.localeCompare(b.name))) {
        const name = code(row.name);
        out.push(`| ${cell(row.owner)} | ${row.kind} | ${options.consoleLinks && region ? `[${name}](${logGroupConsoleUrl(region, row.name)})` : name} |`);
      }
      out.push('');
    }
    // As in the plain summary: the outputs of a stack that is what this run wanted it to be.
    const outputs = Object.entries(r.outputs).filter(([key]) => !key.endsWith('ScriptParameters'));
    if (outputs.length > 0 && (r.outcome === 'succeeded' || r.outcome === 'no-changes')) {
      out.push('#### Outputs', '', '| output | value |', '|---|---|');
      for (const [key, value] of outputs.sort(([a], [b]) => a.localeCompare(b))) out.push(`| ${cell(key)} | ${code(value)} |`);
      out.push('');
    }
    return `${out.join('\n')}\n`;
  };

  return {
    emit(event: DeployEvent) {
      switch (event.type) {
        case 'session.started':
          session = event;
          break;
        case 'plan.ready':
          plan = event;
          break;
        case 'first-cause':
          firstCause ??= event;
          break;
        case 'error':
          error = event;
          break;
        case 'script.started':
          logGroups.set(event.logGroup, { owner: event.script, kind: 'deployment script', name: event.logGroup });
          break;
        case 'stack.event': {
          const e = event.event;
          if (e.depth === 0) stackId ??= e.stackId;
          if (e.resourceType === 'AWS::Logs::LogGroup' && e.physicalId && !logGroups.has(e.physicalId) && /_COMPLETE$/.test(e.status) && !e.status.startsWith('DELETE')) {
            logGroups.set(e.physicalId, { owner: e.owner ?? '(stp)', kind: 'log group', name: e.physicalId });
          }
          break;
        }
        case 'result':
          result = event;
          break;
      }
    },
    markdown: () => (result ? render() : undefined),
  };
}
