import { createSecret } from '../../aws/secrets/secret-values.js';
import { readSecretValue } from '../input/secret-input.js';
import { createStyle } from '../output/style.js';
import { secretNameArgument, withSecretsManager } from '../secret-target.js';
import { EXIT_OK, type CommandContext } from './command.js';

/**
 * `stp secret:create NAME`: stores a secret in Secrets Manager (AWS or the local cloud) for
 * `$Secret('NAME')` / `$Secret('NAME.key')` in stack configs. The value comes from --file, standard
 * input or a hidden prompt; it is never printed.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const name = secretNameArgument(ctx, 'secret:create');
  const style = createStyle(ctx.io.color);
  const value = await readSecretValue({
    ...(typeof ctx.flags.file === 'string' ? { file: ctx.flags.file } : {}),
    stdin: process.stdin,
    prompt: (text) => ctx.io.err(text),
    ci: ctx.options.ci,
    name,
  });
  const description = typeof ctx.flags.description === 'string' ? ctx.flags.description : undefined;
  const stored = await withSecretsManager(ctx, 'secret:create', (where) => createSecret(where, name, value, { description, overwrite: ctx.flags.overwrite === true }));
  if (ctx.options.json) {
    ctx.io.out(`${JSON.stringify({ name: stored.name, arn: stored.arn, versionId: stored.versionId, created: stored.created })}\n`);
  } else {
    ctx.io.out(`${style.green('✓')} ${stored.created ? 'created' : 'updated'} secret ${style.bold(stored.name)} (${stored.arn}, version ${stored.versionId ?? '-'})\n`);
  }
  return EXIT_OK;
}
