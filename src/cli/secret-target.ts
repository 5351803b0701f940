import { createSecretsManagerClient } from '../aws/client-factory.js';
import type { SecretWhere } from '../aws/secrets/secret-values.js';
import { UsageError } from './argv/parse-argv.js';
import { resolveAwsTarget } from './aws-target.js';
import type { CommandContext } from './commands/command.js';
import { createStyle } from './output/style.js';

/** The secret name every `stp secret:*` command takes as its one positional argument. */
export function secretNameArgument(ctx: CommandContext, command: string): string {
  const [name, ...extra] = ctx.positionals;
  if (name === undefined || name === '') throw new UsageError(`stp ${command} needs the secret name`, `e.g. stp ${command} my-app`);
  if (extra.length > 0) {
    throw new UsageError(
      `stp ${command} takes one secret name, got ${ctx.positionals.length} words`,
      command === 'secret:create' ? 'a value never goes on the command line (shells keep it in history): use the prompt, --file or standard input' : undefined,
    );
  }
  return name;
}

/** Runs `work` with a Secrets Manager client for the command's target (AWS, --endpoint-url or --local). */
export async function withSecretsManager<T>(ctx: CommandContext, command: string, work: (where: SecretWhere, description: string) => Promise<T>): Promise<T> {
  const style = createStyle(ctx.io.color);
  const aws = await resolveAwsTarget(ctx.options, { command, cwd: ctx.cwd, env: ctx.env }, (line) => ctx.io.err(`${style.dim('local')} ${line}\n`));
  const client = createSecretsManagerClient(aws.target);
  try {
    return await work({ client, region: ctx.options.region }, aws.description);
  } finally {
    client.destroy();
    await aws.dispose();
  }
}
