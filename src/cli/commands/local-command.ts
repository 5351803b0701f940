import path from 'node:path';
import { endpointEnv, formatEndpointEnv } from '../../emulator/endpoint-env.js';
import { UsageError } from '../argv/parse-argv.js';
import { serveLocalCloud } from '../local-cloud/local-cloud-home.js';
import { createStyle } from '../output/style.js';
import { EXIT_OK, type CommandContext } from './command.js';

/**
 * `stp local`: serves the embedded local cloud until interrupted (Ctrl+C, SIGTERM, or its output
 * pipe closing), and prints what other AWS tools need to talk to it. The state lives where every
 * `--local` command looks for it (local-cloud/local-cloud-home.ts); they use this server.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const portFlag = ctx.flags.port;
  const port = portFlag === undefined ? 4566 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${String(portFlag)}")`);
  }
  const style = createStyle(ctx.io.color);
  // Listening before the start: a signal during it still ends in a clean stop, never a held lock.
  const stop = waitForStop(ctx.stopSignal);
  let served;
  try {
    served = await serveLocalCloud({
      cwd: ctx.cwd,
      ...(ctx.options.configPath !== undefined ? { configPath: ctx.options.configPath } : {}),
      ...(ctx.options.localState !== undefined ? { localState: ctx.options.localState } : {}),
      env: ctx.env,
      port,
      log: (line) => ctx.io.err(`${style.dim('local')} ${line}\n`),
      ...(ctx.flags.verbose === true ? { requestLog: (line: string) => ctx.io.err(`${style.dim('req')}   ${line}\n`) } : {}),
    });
  } catch (error) {
    stop.cancel();
    throw error;
  }
  const { emulator, home } = served;
  const env = endpointEnv(emulator.endpoint, ctx.options.region);
  ctx.io.out(
    [
      `${style.green('●')} local cloud listening on ${style.bold(emulator.endpoint)} (time scale ${emulator.clock.timeScale}x, state in ${path.relative(ctx.cwd, home.stateDir) || '.'}${home.reason === 'the project folder' ? '' : `, ${home.reason}`})`,
      '  services: CloudFormation, Lambda, CloudWatch Logs, Secrets Manager, SSM Parameter Store, ECS, ELBv2, EC2 (default VPC), S3 (asset subset), STS',
      '',
      'Point other AWS tools at it:',
      ...formatEndpointEnv(env).map((line) => `  ${line}`),
      '',
      `${home.servesBelow !== undefined ? `Commands with ${style.cyan('--local')} for configs in ${path.relative(ctx.cwd, home.servesBelow) || 'this folder'} or below use it` : `Commands with ${style.cyan('--local')} and the same local state use it`}. Press Ctrl+C to stop.`,
      '',
    ].join('\n'),
  );

  const reason = await stop.stopped;
  ctx.io.err(`stopping the local cloud and saving its state (${reason})…\n`);
  await emulator.stop();
  return EXIT_OK;
}

/** `stopped` resolves on SIGINT, SIGTERM or the stop signal (a closed output pipe), with the reason. */
function waitForStop(signal: AbortSignal = new AbortController().signal): { stopped: Promise<string>; cancel(): void } {
  let cancel = () => {};
  const stopped = new Promise<string>((resolve) => {
    const unlisten = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal.removeEventListener('abort', onAbort);
    };
    const stop = (reason: string) => {
      unlisten();
      resolve(reason);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    const onAbort = () => stop(typeof signal.reason === 'string' ? signal.reason : 'asked to stop');
    cancel = unlisten;
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort);
  });
  return { stopped, cancel };
}
