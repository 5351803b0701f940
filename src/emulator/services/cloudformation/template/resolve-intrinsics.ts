import { AwsServiceError } from '../../../core/aws-error.js';
import { cidrSubnets } from './cidr.js';
import { isDynamicReference, resolveDynamicReferences } from './dynamic-references.js';
import type { Template } from './template-types.js';

/** What CloudFormation shows for a value that only exists once the change set runs. */
export const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}';
/** `Ref: AWS::NoValue` — removes the property or list item it stands in. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface ResolveContext {
  template: Template;
  /** Parameter values (List<...> types as arrays) and pseudo parameters. */
  parameters: ReadonlyMap<string, string | string[]>;
  conditions: ReadonlyMap<string, boolean>;
  region: string;
  /** Physical ID of a resource, or KNOWN_AFTER_APPLY. Throws for unknown logical IDs. */
  ref(logicalId: string): string;
  /** Attribute value, or KNOWN_AFTER_APPLY. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** Exported value of another stack, undefined when no such export. */
  importValue(name: string): string | undefined;
  /** Resolves `{{resolve:ssm:...}}` etc. when a store exists; otherwise left as written. */
  dynamicReference?(reference: string): string | undefined;
  /** Keep dynamic references opaque (change-set diffs) instead of resolving them. */
  keepDynamicReferences?: boolean;
}

function templateError(message: string): AwsServiceError {
  return new AwsServiceError('ValidationError', `Template error: ${message}`);
}

function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.includes(KNOWN_AFTER_APPLY);
}

function asString(value: unknown, fn: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`every value of the list in ${fn} must be a string`);
}

export function evaluateCondition(name: string, ctx: Omit<ResolveContext, 'conditions'> & { conditions?: ReadonlyMap<string, boolean> }, seen = new Set<string>()): boolean {
  const known = ctx.conditions?.get(name);
  if (known !== undefined) return known;
  const expression = ctx.template.Conditions?.[name];
  if (expression === undefined) throw templateError(`unresolved condition dependency ${name} in Fn::If`);
  if (seen.has(name)) throw templateError(`circular condition dependency ${name}`);
  seen.add(name);
  const value = evaluateConditionExpression(expression, ctx, seen);
  seen.delete(name);
  return value;
}

function evaluateConditionExpression(expression: unknown, ctx: Omit<ResolveContext, 'conditions'> & { conditions?: ReadonlyMap<string, boolean> }, seen: Set<string>): boolean {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (expression === null || typeof expression !== 'object' || Array.isArray(expression)) {
    throw templateError('Conditions can only be boolean operations on parameters and other conditions');
  }
  const entries = Object.entries(expression as Record<string, unknown>);
  if (entries.length !== 1) throw templateError('a condition must be a single intrinsic function');
  const [fn, args] = entries[0]!;
  const list = Array.isArray(args) ? args : [args];
  const sub = (value: unknown) => evaluateConditionExpression(value, ctx, seen);
  switch (fn) {
    case 'Condition':
      return evaluateCondition(String(args), ctx, seen);
    case 'Fn::Equals': {
      if (list.length !== 2) throw templateError('Fn::Equals requires a list of 2 values');
      const resolver = { ...ctx, conditions: ctx.conditions ?? new Map<string, boolean>() } as ResolveContext;
      const a = resolveValue(list[0], resolver);
      const b = resolveValue(list[1], resolver);
      return JSON.stringify(normaliseScalar(a)) === JSON.stringify(normaliseScalar(b));
    }
    case 'Fn::And':
      if (list.length < 2 || list.length > 10) throw templateError('Fn::And requires a list of 2 to 10 conditions');
      return list.every(sub);
    case 'Fn::Or':
      if (list.length < 2 || list.length > 10) throw templateError('Fn::Or requires a list of 2 to 10 conditions');
      return list.some(sub);
    case 'Fn::Not':
      if (list.length !== 1) throw templateError('Fn::Not requires a list of 1 condition');
      return !sub(list[0]);
    default:
      throw templateError(`${fn} is not supported in Conditions`);
  }
}

function normaliseScalar(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

/** Evaluates every condition of the template. */
export function evaluateConditions(ctx: Omit<ResolveContext, 'conditions'>): Map<string, boolean> {
  const result = new Map<string, boolean>();
  const withResults = { ...ctx, conditions: result };
  for (const name of Object.keys(ctx.template.Conditions ?? {})) {
    result.set(name, evaluateCondition(name, withResults));
  }
  return result;
}

function substitute(template: string, variables: Record<string, unknown>, ctx: ResolveContext): string {
  let unknown = false;
  const out = template.replace(/\$\{([^}]*)\}/g, (whole, rawName: string) => {
    if (rawName.startsWith('!')) return `\${${rawName.slice(1)}}`; // ${!Literal}
    const name = rawName.trim();
    let value: unknown;
    if (Object.hasOwn(variables, name)) value = resolveValue(variables[name], ctx);
    else if (ctx.parameters.has(name)) value = ctx.parameters.get(name);
    else if (name.includes('.')) {
      const dot = name.indexOf('.');
      value = ctx.getAtt(name.slice(0, dot), name.slice(dot + 1));
    } else value = ctx.ref(name);
    if (Array.isArray(value)) value = value.join(',');
    if (isUnknown(value)) unknown = true;
    if (value === undefined) return whole;
    return asString(value, 'Fn::Sub');
  });
  return unknown ? KNOWN_AFTER_APPLY : out;
}

/**
 * Resolves every intrinsic function in `value`. Values that depend on resources not created yet
 * come out as KNOWN_AFTER_APPLY (a string that joins or subs collapse into the same marker).
 */
export function resolveValue(value: unknown, ctx: ResolveContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveValue(item, ctx)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value === 'string') {
    if (!ctx.keepDynamicReferences && isDynamicReference(value)) return resolveDynamicReferences(value, ctx.dynamicReference);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const fn = keys[0]!;
    const args = record[fn];
    if (fn === 'Ref' || fn.startsWith('Fn::') || fn === 'Condition') {
      return resolveFunction(fn, args, ctx);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolveValue(record[key], ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function resolveFunction(fn: string, args: unknown, ctx: ResolveContext): unknown {
  switch (fn) {
    case 'Ref': {
      if (typeof args !== 'string') throw templateError('Ref must reference a string');
      if (args === 'AWS::NoValue') return NO_VALUE;
      const param = ctx.parameters.get(args);
      if (param !== undefined) return param;
      return ctx.ref(args);
    }
    case 'Condition':
      return evaluateCondition(String(args), ctx);
    case 'Fn::GetAtt': {
      let target: unknown[];
      if (typeof args === 'string') {
        const dot = args.indexOf('.');
        target = [args.slice(0, dot), args.slice(dot + 1)];
      } else if (Array.isArray(args)) target = args;
      else throw templateError('Fn::GetAtt requires a list of 2 strings');
      const [logicalId, attribute] = [target[0], resolveValue(target[1], ctx)];
      if (typeof logicalId !== 'string' || typeof attribute !== 'string') throw templateError('Fn::GetAtt requires a list of 2 strings');
      return ctx.getAtt(logicalId, attribute);
    }
    case 'Fn::Join': {
      if (!Array.isArray(args) || args.length !== 2) throw templateError('Fn::Join requires a list of a delimiter and a list of values');
      const delimiter = asString(resolveValue(args[0], ctx), 'Fn::Join');
      const items = resolveValue(args[1], ctx);
      if (isUnknown(items)) return KNOWN_AFTER_APPLY;
      if (!Array.isArray(items)) throw templateError('Fn::Join requires a list of values');
      const parts = items.map((item) => asString(item, 'Fn::Join'));
      return parts.some(isUnknown) ? KNOWN_AFTER_APPLY : parts.join(delimiter);
    }
    case 'Fn::Sub': {
      if (typeof args === 'string') return substitute(args, {}, ctx);
      if (Array.isArray(args) && typeof args[0] === 'string') {
        const variables = (args[1] ?? {}) as Record<string, unknown>;
        return substitute(args[0], variables, ctx);
      }
      throw templateError('Fn::Sub requires a string or a list of a string and a map');
    }
    case 'Fn::Select': {
      if (!Array.isArray(args) || args.length !== 2) throw templateError('Fn::Select requires a list of an index and a list');
      const index = Number(resolveValue(args[0], ctx));
      const list = resolveValue(args[1], ctx);
      if (isUnknown(list)) return KNOWN_AFTER_APPLY;
      if (!Array.isArray(list)) throw templateError('Fn::Select requires a list argument');
      if (!Number.isInteger(index) || index < 0 || index >= list.length) {
        throw templateError(`Fn::Select cannot select nonexistent value at index ${index}`);
      }
      return list[index];
    }
    case 'Fn::Split': {
      if (!Array.isArray(args) || args.length !== 2) throw templateError('Fn::Split requires a list of a delimiter and a string');
      const delimiter = asString(resolveValue(args[0], ctx), 'Fn::Split');
      const source = resolveValue(args[1], ctx);
      if (isUnknown(source)) return KNOWN_AFTER_APPLY;
      return asString(source, 'Fn::Split').split(delimiter);
    }
    case 'Fn::If': {
      if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
        throw templateError('Fn::If requires a list of a condition name and 2 values');
      }
      return resolveValue(evaluateCondition(args[0], ctx) ? args[1] : args[2], ctx);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(args) || args.length < 3) throw templateError('Fn::FindInMap requires a list of 3 values');
      const [mapName, topKey, secondKey] = args.slice(0, 3).map((arg) => resolveValue(arg, ctx));
      const mapping = ctx.template.Mappings?.[String(mapName)];
      if (mapping === undefined) throw templateError(`Unable to get mapping for ${String(mapName)}::${String(topKey)}::${String(secondKey)}`);
      const value = mapping[String(topKey)]?.[String(secondKey)];
      if (value === undefined) {
        const options = args[3] as { DefaultValue?: unknown } | undefined;
        if (options?.DefaultValue !== undefined) return resolveValue(options.DefaultValue, ctx);
        throw templateError(`Unable to get mapping for ${String(mapName)}::${String(topKey)}::${String(secondKey)}`);
      }
      return value;
    }
    case 'Fn::GetAZs': {
      const region = String(resolveValue(args, ctx) || ctx.region);
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::ImportValue': {
      const name = resolveValue(args, ctx);
      if (isUnknown(name)) return KNOWN_AFTER_APPLY;
      const exported = ctx.importValue(asString(name, 'Fn::ImportValue'));
      if (exported === undefined) {
        throw new AwsServiceError('ValidationError', `No export named ${String(name)} found. Rollback requested by user.`);
      }
      return exported;
    }
    case 'Fn::Cidr': {
      if (!Array.isArray(args) || args.length !== 3) throw templateError('Fn::Cidr requires a list of an ipBlock, a count and cidrBits');
      const [ipBlock, count, bits] = args.map((arg) => resolveValue(arg, ctx));
      if (isUnknown(ipBlock)) return KNOWN_AFTER_APPLY;
      return cidrSubnets(String(ipBlock), Number(count), Number(bits));
    }
    case 'Fn::Base64': {
      const source = resolveValue(args, ctx);
      if (isUnknown(source)) return KNOWN_AFTER_APPLY;
      return Buffer.from(asString(source, 'Fn::Base64'), 'utf8').toString('base64');
    }
    case 'Fn::ToJsonString': {
      const source = resolveValue(args, ctx);
      return JSON.stringify(source);
    }
    case 'Fn::Length': {
      const source = resolveValue(args, ctx);
      if (isUnknown(source)) return KNOWN_AFTER_APPLY;
      if (!Array.isArray(source)) throw templateError('Fn::Length requires a list');
      return source.length;
    }
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return evaluateConditionExpression({ [fn]: args }, ctx, new Set());
    default:
      throw templateError(`${fn} is not supported by the local emulator`);
  }
}
