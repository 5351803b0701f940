import { AwsServiceError } from '../../../core/aws-error.js';

/**
 * Reading the awsQuery codec's model-less input: leaves are strings, lists are arrays, and an
 * empty list arrives as ''.
 */
export function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  return String(value);
}

export function requiredString(input: Record<string, unknown>, key: string, member: string = key.charAt(0).toLowerCase() + key.slice(1)): string {
  const value = optionalString(input, key);
  if (value === undefined || value === '') {
    throw new AwsServiceError('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function booleanInput(input: Record<string, unknown>, key: string): boolean | undefined {
  const value = input[key];
  if (value === undefined || value === '') return undefined;
  return value === true || value === 'true';
}

export function listInput<T = unknown>(input: Record<string, unknown>, key: string): T[] {
  const value = input[key];
  if (value === undefined || value === '' || value === null) return [];
  if (Array.isArray(value)) return value as T[];
  // A single member decoded without an index (defensive).
  return [value as T];
}
