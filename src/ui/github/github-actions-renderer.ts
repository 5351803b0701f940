/**
 * The plain lines as GitHub Actions shows them best (`GITHUB_ACTIONS=true`): the plan and each
 * script's output inside collapsible `::group::`s, a `::warning::` per destructive change and an
 * `::error::` for the first cause, both placed on the config resource's line when it is known, and
 * for an error that has no first cause. Everything else is the plain renderer's lines, unchanged.
 *
 * A script's lines arrive while stack events still come in; a group holds only consecutive lines of
 * one script and is closed before any other line is written (GitHub cannot nest groups or put a
 * line outside an open one), so a script whose output is interleaved gets a second group.
 */
import type { SourcePosition } from '../../engine/diagnostics/diagnostic.js';
import type { DeployEvent, PlannedChange } from '../../engine/events.js';
import { isDestructive } from '../../engine/plan/gate.js';
import { countsText, createPlainRenderer, type PlainRenderer } from '../plain/deploy-lines.js';
import { expandIndentedLines } from '../plain/lambda-error-line.js';
import { workflowCommand } from './workflow-command.js';

export interface GithubActionsRendererOptions {
  /** Writes one line (no newline) to the log. */
  write(line: string): void;
  color: boolean;
  /** Where a config resource is defined, for annotations on its line (the file relative to the workspace). */
  locate?(owner: string): SourcePosition | undefined;
  /** The path an annotation names for a file a config error is in (GitHub wants it relative to the workspace). */
  relativeFile?(file: string): string;
}

/** A config error's cause line, as the engine writes it: `file:line:column CODE message`. */
const PLACED_CAUSE = /^(.+):(\d+):(\d+) ([A-Z][A-Z0-9_]+) (.*)$/;

function placement(position: SourcePosition | undefined): Record<string, string | number | undefined> {
  return position ? { file: position.file, line: position.line, col: position.column } : {};
}

function destructiveWarning(change: PlannedChange): string {
  const forcing = change.causes.filter((c) => c.requiresRecreation && c.requiresRecreation !== 'Never').map((c) => c.path);
  const what = change.action === 'remove' ? 'is removed' : change.action === 'replace' ? 'is replaced' : change.action === 'may-replace' ? 'may be replaced' : `changes (${change.action})`;
  return (
    `${change.owner ?? '(stp)'} ${change.logicalId} (${change.resourceType}) ${what}` +
    (forcing.length > 0 ? `: ${forcing.join(', ')} forces it` : '') +
    (change.dataLoss ? '; its data is lost' : '') +
    (change.policyAction ? ` (${change.policyAction})` : '')
  );
}

export function createGithubActionsRenderer(options: GithubActionsRendererOptions): PlainRenderer {
  const { write } = options;
  let openGroup: string | undefined;
  let writingScriptLine = false;
  let annotatedFirstCause = false;
  let command = 'deploy';
  const closeGroup = () => {
    if (openGroup === undefined) return;
    openGroup = undefined;
    write('::endgroup::');
  };
  const plain = createPlainRenderer({
    color: options.color,
    write(line) {
      if (!writingScriptLine) closeGroup();
      write(line);
    },
  });
  const locate = (owner: string | undefined) => (owner && options.locate ? options.locate(owner) : undefined);

  return {
    heartbeat: (now, quietMs) => plain.heartbeat(now, quietMs),
    emit(event: DeployEvent) {
      switch (event.type) {
        case 'session.started':
          command = event.command;
          plain.emit(event);
          return;
        case 'plan.ready': {
          closeGroup();
          if (event.changes.length === 0) {
            plain.emit(event);
            return;
          }
          write(workflowCommand('group', {}, `Plan: ${countsText(event.counts)}`));
          openGroup = 'plan';
          // The plan's own lines belong inside the group: written as if they were a script's.
          writingScriptLine = true;
          plain.emit(event);
          writingScriptLine = false;
          closeGroup();
          for (const change of event.changes.filter((c) => isDestructive(c) || c.dataLoss || c.protectedViolation)) {
            write(workflowCommand('warning', { ...placement(locate(change.owner)), title: change.dataLoss ? 'Data loss' : 'Destructive change' }, destructiveWarning(change)));
          }
          return;
        }
        case 'script.log': {
          const group = `script:${event.script}`;
          if (openGroup !== group) {
            closeGroup();
            write(workflowCommand('group', {}, `${event.script} │ output`));
            openGroup = group;
          }
          writingScriptLine = true;
          plain.emit(event);
          writingScriptLine = false;
          return;
        }
        case 'first-cause':
          plain.emit(event);
          annotatedFirstCause = true;
          write(
            workflowCommand(
              'error',
              { ...placement(locate(event.owner)), title: `First cause: ${event.owner ?? event.logicalId} (${event.logicalId})` },
              [event.reason, ...expandIndentedLines(event.details)].join('\n'),
            ),
          );
          return;
        case 'error': {
          plain.emit(event);
          // A failure with a first cause is annotated there already.
          if (annotatedFirstCause) return;
          // Config errors: one annotation each, on its line of the file.
          const unplaced: string[] = [];
          let placed = 0;
          for (const cause of event.cause ?? []) {
            const match = PLACED_CAUSE.exec(cause);
            if (!match) {
              unplaced.push(cause);
              continue;
            }
            const [, file, line, column, code, message] = match;
            write(workflowCommand('error', { file: options.relativeFile ? options.relativeFile(file!) : file, line: Number(line), col: Number(column), title: code }, message!));
            placed++;
          }
          if (placed > 0 && unplaced.length === 0) return;
          write(workflowCommand('error', { title: `stp ${command}: ${event.code}` }, [event.message, ...unplaced, ...(event.fix ? [`fix: ${event.fix}`] : [])].join('\n')));
          return;
        }
        case 'result':
          closeGroup();
          plain.emit(event);
          return;
        default:
          plain.emit(event);
      }
    },
  };
}
