import { UsageError } from '../argv/parse-argv.js';
import { deleteSecret } from '../../aws/secrets/secret-values.js';
import { createStyle } from '../output/style.js';
import { secretNameArgument, withSecretsManager } from '../secret-target.js';
import { EXIT_OK, type CommandContext } from './command.js';

/**
 * `stp secret:delete NAME`: schedules the secret's deletion after a recovery window (default 30
 * days, --recovery-days 7–30), or deletes it at once with --force (no recovery).
 */
export async function run(ctx: CommandContext): Promise<number> {
  const name = secretNameArgument(ctx, 'secret:delete');
  const force = ctx.flags.force === true;
  const rawDays = ctx.flags['recovery-days'];
  let recoveryDays: number | undefined;
  if (rawDays !== undefined) {
    if (force) throw new UsageError('--force deletes at once; it cannot be combined with --recovery-days');
    recoveryDays = Number(rawDays);
    if (!Number.isInteger(recoveryDays) || recoveryDays < 7 || recoveryDays > 30) {
      throw new UsageError(`--recovery-days must be a whole number of days from 7 to 30 (got "${String(rawDays)}")`);
    }
  }
  const style = createStyle(ctx.io.color);
  const deleted = await withSecretsManager(ctx, 'secret:delete', (where) => deleteSecret(where, name, { force, recoveryDays }));
  if (ctx.options.json) {
    ctx.io.out(`${JSON.stringify({ name: deleted.name, arn: deleted.arn, deletionDate: deleted.deletionDate?.toISOString(), recoverable: !force })}\n`);
  } else if (force) {
    ctx.io.out(`${style.red('✗')} deleted secret ${style.bold(deleted.name)} for good (no recovery window)\n`);
  } else {
    ctx.io.out(
      `${style.yellow('!')} secret ${style.bold(deleted.name)} is scheduled for deletion on ${deleted.deletionDate?.toISOString() ?? 'its recovery date'}; ` +
        `until then: aws secretsmanager restore-secret --secret-id ${deleted.name}\n`,
    );
  }
  return EXIT_OK;
}
