import { resolveAwsTarget } from '../aws-target.js';
import { createAwsClients } from '../../aws/client-factory.js';
import { EVENT_SCHEMA_VERSION } from '../../engine/events.js';
import { parseSince, resolveLogSource } from '../../engine/logs/log-source.js';
import { streamLogLines } from '../../engine/logs/stream-log-lines.js';
import { PollScheduler } from '../../engine/watch/poll-scheduler.js';
import { EXIT_INTERRUPTED, isStpError } from '../../errors/stp-error.js';
import { createStyle } from '../output/style.js';
import { printStpError } from '../output/stp-error-lines.js';
import { loadStackHandles } from '../stack-handles.js';
import { EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

/**
 * `stp logs <resource>`: the lines of a function, deployment script, container or batch job from
 * CloudWatch Logs, oldest first, from `--since` (default 10m); `--follow` keeps streaming until
 * Ctrl+C. Plain lines `<time>  <line>`; `--json` prints `log.line` events as NDJSON.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, options } = ctx;
  const style = createStyle(io.color);
  const resource = ctx.positionals[0];
  if (!resource || ctx.positionals.length > 1) {
    io.err(`${style.red('error')} stp logs takes one resource name, e.g. "stp logs api"\n`);
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
    const source = resolveLogSource(stack.handles, resource, typeof ctx.flags.container === 'string' ? ctx.flags.container : undefined);
    const startTime = parseSince(typeof ctx.flags.since === 'string' ? ctx.flags.since : '10m', Date.now());
    const follow = ctx.flags.follow === true;
    aws = await resolveAwsTarget(options, { command: 'logs', cwd: ctx.cwd, env: ctx.env }, (line) => io.err(`${style.dim('local')} ${line}\n`));
    const clients = createAwsClients(aws.target);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let seq = 0;
    try {
      await streamLogLines({
        logs: clients.logs,
        sources: [source],
        startTime,
        ...(typeof ctx.flags.filter === 'string' ? { filterPattern: ctx.flags.filter } : {}),
        follow,
        scheduler: new PollScheduler(),
        signal: abort.signal,
        emit: (event) => {
          seq++;
          if (options.json) io.out(`${JSON.stringify({ v: EVENT_SCHEMA_VERSION, seq, ts: new Date().toISOString(), ...event })}\n`);
          else io.out(`${style.dim(event.at)}  ${event.line}\n`);
        },
      });
    } finally {
      clients.destroy();
    }
    if (seq === 0 && !follow && !options.json) io.err(`${style.dim('no lines')} from ${source.source} (${source.logGroupName}) since ${new Date(startTime).toISOString()}\n`);
    return interrupted ? EXIT_INTERRUPTED : EXIT_OK;
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
