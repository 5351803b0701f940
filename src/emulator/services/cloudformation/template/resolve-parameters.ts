import { AwsServiceError } from '../../../core/aws-error.js';
import type { Template } from './template-types.js';

export interface SuppliedParameter {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

/** A stack parameter as DescribeStacks returns it (NoEcho values masked). */
export interface StackParameter {
  ParameterKey: string;
  ParameterValue: string;
  ResolvedValue?: string;
}

export interface ResolvedParameters {
  /** Values for intrinsic resolution (List<…> and CommaDelimitedList as arrays). */
  values: Map<string, string | string[]>;
  /** Raw string value per parameter (what a later UsePreviousValue reuses). */
  raw: Record<string, string>;
  /** What DescribeStacks/DescribeChangeSet show. */
  described: StackParameter[];
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

/**
 * Applies supplied values, previous values and defaults, and validates them as CloudFormation
 * does. AWS-specific types (AWS::EC2::VPC::Id, AWS::SSM::Parameter::Value<…>) are plain strings
 * here: the emulator has no VPCs or SSM store to check them against.
 */
export function resolveParameters(template: Template, supplied: SuppliedParameter[], previous: Record<string, string> = {}): ResolvedParameters {
  const declared = template.Parameters ?? {};
  const given = new Map<string, SuppliedParameter>();
  for (const parameter of supplied) if (parameter.ParameterKey) given.set(parameter.ParameterKey, parameter);
  const unknown = [...given.keys()].filter((key) => !Object.hasOwn(declared, key));
  if (unknown.length > 0) {
    throw new AwsServiceError('ValidationError', `Parameters: [${unknown.join(', ')}] do not exist in the template`);
  }
  const missing: string[] = [];
  const values = new Map<string, string | string[]>();
  const raw: Record<string, string> = {};
  const described: StackParameter[] = [];
  for (const [name, definition] of Object.entries(declared)) {
    const input = given.get(name);
    let value: string | undefined;
    if (input?.UsePreviousValue === true || String(input?.UsePreviousValue) === 'true') {
      value = previous[name];
      if (value === undefined) {
        throw new AwsServiceError('ValidationError', `Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
      }
    } else if (input?.ParameterValue !== undefined) value = input.ParameterValue;
    else if (definition.Default !== undefined) {
      value = Array.isArray(definition.Default) ? definition.Default.join(',') : String(definition.Default);
    }
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    const type = definition.Type ?? 'String';
    const items = isListType(type) ? (value === '' ? [] : value.split(',').map((item) => item.trim())) : [value];
    if (definition.AllowedValues) {
      const allowed = definition.AllowedValues.map(String);
      for (const item of items) {
        if (!allowed.includes(item)) {
          throw new AwsServiceError('ValidationError', `Parameter '${name}' must be one of AllowedValues`);
        }
      }
    }
    if (definition.AllowedPattern) {
      const pattern = new RegExp(`^(?:${definition.AllowedPattern})$`);
      for (const item of items) {
        if (!pattern.test(item)) {
          throw new AwsServiceError('ValidationError', `Parameter '${name}' must match pattern ${definition.AllowedPattern}`);
        }
      }
    }
    if (type === 'Number' || type === 'List<Number>') {
      for (const item of items) {
        if (item === '' || Number.isNaN(Number(item))) {
          throw new AwsServiceError('ValidationError', `Parameter '${name}' must be a number`);
        }
        const n = Number(item);
        if (definition.MinValue !== undefined && n < Number(definition.MinValue)) {
          throw new AwsServiceError('ValidationError', `Parameter '${name}' must be a number not less than ${definition.MinValue}`);
        }
        if (definition.MaxValue !== undefined && n > Number(definition.MaxValue)) {
          throw new AwsServiceError('ValidationError', `Parameter '${name}' must be a number not greater than ${definition.MaxValue}`);
        }
      }
    }
    if (definition.MinLength !== undefined && value.length < Number(definition.MinLength)) {
      throw new AwsServiceError('ValidationError', `Parameter '${name}' must contain at least ${definition.MinLength} characters`);
    }
    if (definition.MaxLength !== undefined && value.length > Number(definition.MaxLength)) {
      throw new AwsServiceError('ValidationError', `Parameter '${name}' must contain at most ${definition.MaxLength} characters`);
    }
    values.set(name, isListType(type) ? items : value);
    raw[name] = value;
    const noEcho = definition.NoEcho === true || String(definition.NoEcho) === 'true';
    described.push({ ParameterKey: name, ParameterValue: noEcho ? '****' : value });
  }
  if (missing.length > 0) {
    throw new AwsServiceError('ValidationError', `Parameters: [${missing.join(', ')}] must have values`);
  }
  return { values, raw, described };
}
