/**
 * `--assets-bucket NAME`, shared by the commands that upload code. The name is checked against
 * S3's bucket naming rules here, so a typo is a usage error before any AWS call.
 */
import { UsageError } from './argv/parse-argv.js';
import type { FlagValues } from './argv/parse-argv.js';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function assetsBucketOption(flags: FlagValues): string | undefined {
  const value = flags['assets-bucket'];
  if (value === undefined) return undefined;
  const name = String(value);
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw new UsageError(
      `--assets-bucket "${name}" is not a valid S3 bucket name`,
      'bucket names are 3–63 characters: lower-case letters, digits, dots and dashes, starting and ending with a letter or digit',
    );
  }
  return name;
}
