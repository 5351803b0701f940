import { AwsServiceError } from '../../core/aws-error.js';

/**
 * Lambda accepts a function as a bare name (`my-fn`), a partial ARN (`000000000000:function:my-fn`)
 * or a full ARN (`arn:aws:lambda:us-east-1:000000000000:function:my-fn`), each optionally with a
 * `:qualifier`. This is AWS's own pattern for the `FunctionName` member.
 */
const FUNCTION_NAME_PATTERN =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?(([a-z]{2}(-gov)?-[a-z]+-\d{1}):)?((\d{12}):)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;

export interface ParsedFunctionName {
  name: string;
  region?: string;
  accountId?: string;
  qualifier?: string;
}

export function parseFunctionName(raw: string, member = 'functionName'): ParsedFunctionName {
  const match = FUNCTION_NAME_PATTERN.exec(raw);
  const name = match?.[9];
  if (!match || name === undefined || raw.length > 170) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value '${raw}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ` +
        '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
      400,
    );
  }
  // A bare `name:qualifier` is ambiguous with a partial ARN only when the prefix is 12 digits.
  return { name, region: match[4], accountId: match[7], qualifier: match[11] };
}

/** Names given at creation must be plain names (or an ARN that resolves to one), at most 64 characters. */
export function validateNewFunctionName(raw: string): string {
  const parsed = parseFunctionName(raw);
  if (parsed.name.length > 64 || parsed.name.includes('.')) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ` +
        '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
      400,
    );
  }
  return parsed.name;
}

export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}
