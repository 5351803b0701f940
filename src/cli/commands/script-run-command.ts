import { resolveAwsTarget } from '../aws-target.js';
import { createAwsClients } from '../../aws/client-factory.js';
import { didYouMean } from '../../engine/diagnostics/did-you-mean.js';
import { EVENT_SCHEMA_VERSION, type DeployEventBody } from '../../engine/events.js';
import { rerunScript } from '../../engine/scripts/rerun-script.js';
import { isStpError } from '../../errors/stp-error.js';
import { createStyle } from '../output/style.js';
import { printStpError } from '../output/stp-error-lines.js';
import { loadStackHandles } from '../stack-handles.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

/**
 * `stp script:run <name>`: runs a deployment script of the deployed stack again, with the
 * parameters of the last deploy, streaming its output. Exit 0 when it succeeds, 1 when it fails.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const { io, options } = ctx;
  const style = createStyle(io.color);
  const name = ctx.positionals[0];
  if (!name || ctx.positionals.length > 1) {
    io.err(`${style.red('error')} stp script:run takes one deployment script name, e.g. "stp script:run migrate"\n`);
    return EXIT_USAGE;
  }
  const stack = await loadStackHandles(ctx);
  if (!stack.ok) return stack.exitCode;
  const scripts = stack.handles.functions.filter((f) => f.kind === 'deployment-script');
  const script = scripts.find((f) => f.resourceName === name);
  if (!script) {
    const suggestion = didYouMean(name, scripts.map((s) => s.resourceName));
    io.err(`${style.red('error')} no deployment script "${name}" in ${stack.stackName}\n`);
    io.err(`${style.yellow('hint')}  ${suggestion ? `did you mean "stp script:run ${suggestion}"?` : scripts.length > 0 ? `scripts: ${scripts.map((s) => s.resourceName).join(', ')}` : 'the stack has no deployment scripts'}\n`);
    return EXIT_USAGE;
  }

  const aws = await resolveAwsTarget(options, { command: 'script:run', cwd: ctx.cwd, env: ctx.env, stopOnSignal: true }, (line) => io.err(`${style.dim('local')} ${line}\n`));
  const clients = createAwsClients(aws.target);
  let seq = 0;
  const emit = (event: DeployEventBody) => {
    if (options.json) {
      io.out(`${JSON.stringify({ v: EVENT_SCHEMA_VERSION, seq: ++seq, ts: new Date().toISOString(), ...event })}\n`);
      return;
    }
    if (event.type === 'script.started') io.err(`${style.cyan('▶')} running script ${style.bold(event.script)} (function ${event.functionName})\n`);
    else if (event.type === 'script.log') io.out(`${event.line}\n`);
    else if (event.type === 'script.finished') {
      const took = event.durationMs !== undefined ? ` in ${(event.durationMs / 1000).toFixed(1)} s` : '';
      if (event.ok) io.err(`${style.green('✓')} script ${event.script} succeeded${took}\n`);
      else io.err(`${style.red('✗')} script ${event.script} failed${took}: ${event.error ?? 'unknown error'}\n`);
    }
  };
  try {
    const result = await rerunScript({
      clients,
      stackName: stack.stackName,
      script: {
        name: script.resourceName,
        functionName: script.functionName,
        ...(script.logGroupName ? { logGroup: script.logGroupName } : {}),
        parametersOutput: script.parametersOutput!,
      },
      emit,
    });
    return result.ok ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    if (isStpError(error)) {
      printStpError(io, style, error);
      return error.exitCode;
    }
    const name = (error as { name?: string }).name;
    if (name === 'ValidationError' || name === 'ResourceNotFoundException') {
      io.err(`${style.red('error')} ${(error as Error).message}\n${style.yellow('fix')}   deploy the stack first (stp deploy)\n`);
      return EXIT_FAILED;
    }
    throw error;
  } finally {
    clients.destroy();
    await aws.dispose();
  }
}
