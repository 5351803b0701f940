import { UsageError } from '../argv/parse-argv.js';
import { getSecret } from '../../aws/secrets/secret-values.js';
import { secretNameArgument, withSecretsManager } from '../secret-target.js';
import { EXIT_OK, type CommandContext } from './command.js';

/**
 * `stp secret:get NAME`: prints the secret's value to standard output — the one place stp shows a
 * secret, on explicit request. Exactly the value (a newline is added only on a terminal), so
 * `stp secret:get NAME > file` stores it unchanged.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const name = secretNameArgument(ctx, 'secret:get');
  const versionId = typeof ctx.flags['version-id'] === 'string' ? ctx.flags['version-id'] : undefined;
  const versionStage = typeof ctx.flags['version-stage'] === 'string' ? ctx.flags['version-stage'] : undefined;
  if (versionId !== undefined && versionStage !== undefined) throw new UsageError('--version-id and --version-stage cannot be used together');
  const secret = await withSecretsManager(ctx, 'secret:get', (where) => getSecret(where, name, { versionId, versionStage }));
  if (ctx.options.json) {
    ctx.io.out(`${JSON.stringify({ name: secret.name, arn: secret.arn, versionId: secret.versionId, ...(secret.binary ? { binaryBase64: secret.value } : { value: secret.value }) })}\n`);
    return EXIT_OK;
  }
  if (secret.binary) ctx.io.err(`secret ${secret.name} holds binary data; printing it base64-encoded\n`);
  ctx.io.out(ctx.io.stdoutIsTTY && !secret.value.endsWith('\n') ? `${secret.value}\n` : secret.value);
  return EXIT_OK;
}
