import { resolveAwsTarget } from '../aws-target.js';
import { createAwsClients } from '../../aws/client-factory.js';
import { EVENT_SCHEMA_VERSION } from '../../engine/events.js';
import { parseSince, resolveLogSource, type LogSource } from '../../engine/logs/log-source.js';
import { streamLogLines } from '../../engine/logs/stream-log-lines.js';
import { PollScheduler } from '../../engine/watch/poll-scheduler.js';
import { EXIT_INTERRUPTED, isStpError, StpError } from '../../errors/stp-error.js';
import { formatLogLine } from '../../ui/plain/log-lines.js';
import { createStyle } from '../output/style.js';
import { printStpError } from '../output/stp-error-lines.js';
import { loadStackHandles } from '../stack-handles.js';
import { EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

/**
 * `stp logs <resource…>`: the lines of functions, deployment scripts, containers (`web/proxy` or
 * `--container`) or batch jobs from CloudWatch Logs, from `--since` (default 10m), several
 * resources interleaved by time. At a terminal (TTYs, no --ci, CI unset): a full-screen tail view
 * with filter / follow / scroll keys (Ink, loaded only then). Headless: plain lines
 * `<time>  [<source>  ]<line>` (the source column only with several resources) and `--follow`
 * streams until Ctrl+C; `--json` prints `log.line` events as NDJSON.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, options } = ctx;
  const style = createStyle(io.color);
  const names = [...new Set(ctx.positionals)];
  const container = typeof ctx.flags.container === 'string' ? ctx.flags.container : undefined;
  if (names.length === 0) {
    io.err(`${style.red('error')} stp logs takes the resources to read, e.g. "stp logs api" or "stp logs api worker"\n`);
    return EXIT_USAGE;
  }
  if (container !== undefined && names.length > 1) {
    io.err(`${style.red('error')} --container applies to one resource; name containers as web/proxy with several resources\n`);
    return EXIT_USAGE;
  }
  const stack = await loadStackHandles(ctx);
  if (!stack.ok) return stack.exitCode;
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    abort.abort();
  };
  let aws: Awaited<ReturnType<typeof resolveAwsTarget>> | undefined;
  try {
    const sources = names.map((name) => sourceOf(stack.handles, name, container));
    const startTime = parseSince(typeof ctx.flags.since === 'string' ? ctx.flags.since : '10m', Date.now());
    const filterPattern = typeof ctx.flags.filter === 'string' ? ctx.flags.filter : undefined;
    const interactive = !options.ci && !options.json;
    const follow = ctx.flags.follow === true || interactive;
    aws = await resolveAwsTarget(options, { command: 'logs', cwd: ctx.cwd, env: ctx.env }, (line) => io.err(`${style.dim('local')} ${line}\n`));
    const clients = createAwsClients(aws.target);
    try {
      if (interactive) {
        // Ink and React load only here; chalk reads FORCE_COLOR when Ink first loads.
        if (!io.color) process.env.FORCE_COLOR = '0';
        const { runLogsTerminal } = await import('../logs-terminal.js');
        return await runLogsTerminal({ logs: clients.logs, sources, startTime, ...(filterPattern !== undefined ? { filterPattern } : {}) });
      }
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      ctx.stopSignal?.addEventListener('abort', onSignal, { once: true });
      const sourceWidth = sources.length > 1 ? Math.max(...sources.map((s) => s.source.length)) : undefined;
      let seq = 0;
      await streamLogLines({
        logs: clients.logs,
        sources,
        startTime,
        ...(filterPattern !== undefined ? { filterPattern } : {}),
        follow,
        scheduler: new PollScheduler(),
        signal: abort.signal,
        emit: (event) => {
          seq++;
          if (options.json) io.out(`${JSON.stringify({ v: EVENT_SCHEMA_VERSION, seq, ts: new Date().toISOString(), ...event })}\n`);
          else io.out(`${formatLogLine(event, sourceWidth, style.dim)}\n`);
        },
      });
      if (seq === 0 && !follow && !options.json) {
        const from = sources.map((s) => `${s.source} (${s.logGroupName})`).join(', ');
        io.err(`${style.dim('no lines')} from ${from} since ${new Date(startTime).toISOString()}\n`);
      }
      return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
    } finally {
      clients.destroy();
    }
  } catch (error) {
    if (interrupted) return EXIT_INTERRUPTED;
    if (isStpError(error)) {
      printStpError(io, style, error);
      return error.exitCode;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await aws?.dispose();
  }
}

/** `api`, or `web/proxy` for a service's container (`--container` with one resource). */
function sourceOf(handles: Parameters<typeof resolveLogSource>[0], name: string, container: string | undefined): LogSource {
  const slash = name.indexOf('/');
  if (slash === -1) return resolveLogSource(handles, name, container);
  const resource = name.slice(0, slash);
  const named = name.slice(slash + 1);
  if (!resource || !named) throw new StpError('usage', `"${name}" is neither a resource nor resource/container`, { code: 'STP_LOGS_UNKNOWN_SOURCE', fix: 'e.g. stp logs web/proxy' });
  return resolveLogSource(handles, resource, named);
}
