import { randomBytes } from 'node:crypto';

/**
 * Lambda's log stream name for one execution environment: `YYYY/MM/DD/[$LATEST]<32-hex GUID>`,
 * or `YYYY/MM/DD/<function>[$LATEST][<GUID>]` when the function logs to a custom group.
 */
export function logStreamName(at: Date, options: { functionName: string; version: string; customGroup: boolean }): string {
  const day = `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}`;
  const guid = randomBytes(16).toString('hex');
  return options.customGroup
    ? `${day}/${options.functionName}[${options.version}][${guid}]`
    : `${day}/[${options.version}]${guid}`;
}

export function defaultLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
