/**
 * `--profile NAME` (or AWS_PROFILE) must name a profile in the shared AWS files; otherwise the SDK
 * only says "Could not load credentials from any providers". Read with the SDK's own loader, so
 * the files, their location (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) and the `[profile x]`
 * sections are understood exactly as the clients will.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { StpError } from '../errors/stp-error.js';

export async function checkProfileExists(profile: string, env: NodeJS.ProcessEnv): Promise<void> {
  const home = env.HOME || homedir();
  const configFile = env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials');
  const files = await loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true });
  const known = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].sort();
  if (known.includes(profile)) return;
  const source = env.AWS_PROFILE === profile ? 'AWS_PROFILE' : '--profile';
  throw new StpError('environment', `the AWS profile "${profile}" (${source}) is not in ${configFile} or ${credentialsFile}`, {
    code: 'STP_AWS_PROFILE_NOT_FOUND',
    resource: profile,
    fix:
      known.length > 0
        ? `Use one of the profiles there (${known.join(', ')}), or create it with \`aws configure --profile ${profile}\`.`
        : `Create it with \`aws configure --profile ${profile}\` (or \`aws configure sso\`), or leave --profile out to use the default credentials.`,
  });
}
