/**
 * Reading members of a decoded JSON 1.1 request with AWS's answers for a wrong shape: a member of
 * the wrong JSON type is a SerializationException; a missing required member is the service's
 * "Member must not be null" validation error (its code differs per service, so it is a parameter).
 */
import { AwsServiceError } from '../core/aws-error.js';

export type JsonInput = Record<string, unknown>;

const serialization = (name: string, what: string) => new AwsServiceError('SerializationException', `${name} must be ${what}`, 400);

export function optionalString(input: JsonInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serialization(name, 'a string');
  return value;
}

export function requiredString(input: JsonInput, name: string, validationCode = 'ValidationException'): string {
  const value = optionalString(input, name);
  if (value === undefined) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw new AwsServiceError(validationCode, `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`, 400);
  }
  return value;
}

export function optionalNumber(input: JsonInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw serialization(name, 'a number');
  return value;
}

export function optionalBoolean(input: JsonInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serialization(name, 'a boolean');
  return value;
}

export function optionalStringList(input: JsonInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw serialization(name, 'a list of strings');
  return value as string[];
}

/** `[{Key, Value}]` as both Secrets Manager and SSM send tags. */
export function optionalTagList(input: JsonInput, name: string): { Key: string; Value: string }[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization(name, 'a list of tags');
  return value.map((tag: unknown) => {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== 'string' || (Value !== undefined && typeof Value !== 'string')) throw serialization(name, 'a list of {Key, Value} strings');
    return { Key, Value: Value ?? '' };
  });
}
