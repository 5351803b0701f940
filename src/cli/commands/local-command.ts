import path from 'node:path';
import { endpointEnv, formatEndpointEnv } from '../../emulator/endpoint-env.js';
import { startEmulator } from '../../emulator/start-emulator.js';
import { UsageError } from '../argv/parse-argv.js';
import { createStyle } from '../output/style.js';
import { EXIT_OK, type CommandContext } from './command.js';

/**
 * `stp local`: serves the embedded local cloud until interrupted, and prints what other AWS
 * tools need to talk to it. State lives in .stp/local/ of the current directory.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const portFlag = ctx.flags.port;
  const port = portFlag === undefined ? 4566 : Number(portFlag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${String(portFlag)}")`);
  }
  const style = createStyle(ctx.io.color);
  const stateDir = path.join(ctx.cwd, '.stp', 'local');
  const emulator = await startEmulator({
    port,
    stateDir,
    env: ctx.env,
    log: (line) => ctx.io.err(`${style.dim('local')} ${line}\n`),
    ...(ctx.flags.verbose === true ? { requestLog: (line: string) => ctx.io.err(`${style.dim('req')}   ${line}\n`) } : {}),
  });
  const env = endpointEnv(emulator.endpoint, ctx.options.region);
  ctx.io.out(
    [
      `${style.green('●')} local cloud listening on ${style.bold(emulator.endpoint)} (time scale ${emulator.clock.timeScale}x, state in ${path.relative(ctx.cwd, stateDir)})`,
      '  services: CloudFormation, Lambda, CloudWatch Logs, Secrets Manager, SSM Parameter Store, ECS, ELBv2, S3 (asset subset), STS',
      '',
      'Point other AWS tools at it:',
      ...formatEndpointEnv(env).map((line) => `  ${line}`),
      '',
      `From another terminal in this directory, ${style.cyan('stp compile --upload --local')} uses it. Press Ctrl+C to stop.`,
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  ctx.io.err('stopping the local cloud and saving its state…\n');
  await emulator.stop();
  return EXIT_OK;
}
