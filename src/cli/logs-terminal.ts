/**
 * `stp logs` at a terminal: the resources followed inside a session (a store fed by its events),
 * the first read done before the screen switches (so a refused filter is an ordinary error), then
 * the full-screen logs view until the operator leaves or SIGTERM. A filter typed in the view
 * re-tails every shown resource with it. Loaded by a dynamic import only at a terminal.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogSource } from '../engine/logs/log-source.js';
import { createLogTailer } from '../engine/logs/session-log-tail.js';
import { DeploySession } from '../engine/session/deploy-session.js';
import { createSessionStore } from '../engine/session/session-store.js';
import { StpError } from '../errors/stp-error.js';
import { mountLogsView } from '../ui/logs/mount-logs-view.js';

export interface LogsTerminalInput {
  logs: CloudWatchLogsClient;
  sources: readonly LogSource[];
  startTime: number;
  filterPattern?: string;
}

/** Returns the exit code (0 when left with q, 130 with Ctrl-C or a signal). */
export async function runLogsTerminal(input: LogsTerminalInput): Promise<number> {
  const sessionStore = createSessionStore({ logLines: 5000 });
  const session = new DeploySession([sessionStore.sink]);
  const tailer = createLogTailer({ session, logs: input.logs, startTime: input.startTime });
  const names = input.sources.map((s) => s.source);
  // The view asks once per shown resource with the same pattern: one re-tail of them all.
  let pending: Promise<void> | undefined;
  session.bind({
    tailLogs: (resource, options) => {
      if (!names.includes(resource)) {
        return Promise.reject(new StpError('usage', `"${resource}" is not one of the resources shown (${names.join(', ')}).`, { code: 'STP_LOGS_UNKNOWN_SOURCE' }));
      }
      pending ??= Promise.resolve().then(() => {
        pending = undefined;
        return tailer.tail(input.sources, options?.filterPattern);
      });
      return pending;
    },
  });
  const view = await (async () => {
    try {
      await tailer.tail(input.sources, input.filterPattern);
      return mountLogsView({ store: sessionStore.store, commands: session, sources: names, ...(input.filterPattern !== undefined ? { initialFilter: input.filterPattern } : {}) });
    } catch (error) {
      session.end();
      throw error;
    }
  })();
  const onSignal = () => view.close();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    return await view.exited;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    view.close();
    session.end();
  }
}
