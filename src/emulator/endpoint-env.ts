/**
 * The environment other AWS tools (aws CLI, SDK scripts, Terraform) need to talk to a running
 * local cloud: `stp local` prints these lines.
 */

export const LOCAL_ACCESS_KEY_ID = 'test';
export const LOCAL_SECRET_ACCESS_KEY = 'test';

export function endpointEnv(endpoint: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    // The AWS CLI v1 and older SDKs read only this one.
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: LOCAL_SECRET_ACCESS_KEY,
  };
}

/** `export NAME=value` lines for a POSIX shell (values are shell-quoted when needed). */
export function formatEndpointEnv(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => {
    const safe = /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
    return `export ${name}=${safe}`;
  });
}
