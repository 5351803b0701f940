import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { DirectiveArg, RuntimeDirective } from '../../config/directives/directive.js';
import { isRuntimeDirective } from '../../config/directives/directive.js';
import type { CfnValue, CompilePosition } from '../compile-contract.js';
import { cfFormatToSub } from './cf-format.js';
import type { CfnTypeLookup } from './cf-resource-param.js';
import { cfResourceParamToIntrinsic } from './cf-resource-param.js';
import { secretDynamicReference } from './secret-reference.js';

/**
 * Turns the runtime directives left in a resolved config ($ResourceParam, $CfResourceParam,
 * $Secret, $CfFormat) into CloudFormation intrinsics. It runs over values that compilers copied
 * into the template, once every resource is compiled and `cloudformationResources` are merged,
 * so `$CfResourceParam` can see every logical id and `$ResourceParam` every declared param.
 */
export interface DirectiveEnvironment {
  /**
   * The names of the params an stp resource can be referenced by, or undefined when no resource
   * has that name. Each resource type declares its own (stacktape-language §7).
   */
  resourceParamNames(resourceName: string): readonly string[] | undefined;
  /** The CloudFormation value of a param `resourceParamNames` listed. */
  resourceParamValue(resourceName: string, param: string, at: CompilePosition): CfnValue;
  /** Every stp resource name, for "did you mean". */
  resourceNames(): Iterable<string>;
  /** The CloudFormation type of a logical id in the template being built, or undefined. */
  cfnResourceType(logicalId: string): string | undefined;
  /** Every logical id in the template being built, for "did you mean". */
  logicalIds(): Iterable<string>;
  /**
   * Called when a logical id is not in the template yet (a resource compiled later, or a raw
   * resource merged at the end): `check` runs once the template is complete, with its resources.
   * Without it, an unknown logical id is an error straight away.
   */
  deferUntilComplete?(check: (resources: Readonly<Record<string, { Type: string }>>) => void): void;
  /** Attribute and identifier names per CloudFormation type (from the resource specification). */
  cfnTypes: CfnTypeLookup;
  report(diagnostic: Diagnostic): void;
}

export const DIRECTIVE_DIAGNOSTIC_CODES = {
  badArguments: 'STP_DIRECTIVE_BAD_ARGUMENTS',
  unknownResource: 'STP_DIRECTIVE_UNKNOWN_RESOURCE',
  unknownParam: 'STP_DIRECTIVE_UNKNOWN_PARAM',
  unknownLogicalId: 'STP_DIRECTIVE_UNKNOWN_LOGICAL_ID',
  unknownAttribute: 'STP_DIRECTIVE_UNKNOWN_ATTRIBUTE',
  badSecret: 'STP_DIRECTIVE_BAD_SECRET',
  formatArity: 'STP_DIRECTIVE_FORMAT_ARITY',
  unsupportedPath: 'STP_DIRECTIVE_UNSUPPORTED_PATH',
  paramUnavailable: 'STP_DIRECTIVE_PARAM_UNAVAILABLE',
} as const;

function fail(
  env: DirectiveEnvironment,
  directive: RuntimeDirective,
  at: CompilePosition,
  code: string,
  message: string,
  extra: { expected?: string; hint?: string } = {},
): CfnValue {
  const diagnostic: Diagnostic = { code, severity: 'error', message: `${directive.source}: ${message}` };
  const position = directive.position ?? at.position;
  if (position) diagnostic.position = position;
  if (at.path) diagnostic.path = at.path;
  if (extra.expected) diagnostic.expected = extra.expected;
  if (extra.hint) diagnostic.hint = extra.hint;
  env.report(diagnostic);
  // The compile fails on the error; the source text keeps the half-built template readable.
  return directive.source;
}

function stringArgs(
  env: DirectiveEnvironment,
  directive: RuntimeDirective,
  at: CompilePosition,
  names: string[],
): string[] | undefined {
  const args = directive.args;
  const valid = args.length === names.length && args.every((arg) => typeof arg === 'string');
  if (!valid) {
    fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.badArguments, `$${directive.name} takes ${names.length} quoted string argument${names.length === 1 ? '' : 's'}.`, {
      expected: `$${directive.name}(${names.map((n) => `'${n}'`).join(', ')})`,
    });
    return undefined;
  }
  return args as string[];
}

function rejectPath(env: DirectiveEnvironment, directive: RuntimeDirective, at: CompilePosition): boolean {
  if (directive.path.length === 0) return false;
  fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unsupportedPath, `a property path after $${directive.name}(...) cannot be resolved at compile time.`, {
    hint: 'remove the trailing ".' + directive.path.join('.') + '"',
  });
  return true;
}

function suggestion(input: string, candidates: Iterable<string>): { hint?: string } {
  const close = didYouMean(input, candidates);
  return close ? { hint: `did you mean "${close}"?` } : {};
}

function resourceParam(env: DirectiveEnvironment, directive: RuntimeDirective, at: CompilePosition): CfnValue {
  const args = stringArgs(env, directive, at, ['resourceName', 'param']);
  if (!args || rejectPath(env, directive, at)) return directive.source;
  const [resourceName, param] = args as [string, string];
  const params = env.resourceParamNames(resourceName);
  if (!params) {
    return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unknownResource, `no resource named "${resourceName}" in this stack.`, suggestion(resourceName, env.resourceNames()));
  }
  if (!params.includes(param)) {
    const valid = [...params].sort();
    return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unknownParam, `resource "${resourceName}" has no referenceable param "${param}".`, {
      expected: valid.length ? `one of: ${valid.join(', ')}` : `nothing: "${resourceName}" exposes no params`,
      ...suggestion(param, valid),
    });
  }
  const value = env.resourceParamValue(resourceName, param, at);
  if (value === undefined) {
    // Declared by the type but not produced by this resource's configuration.
    return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.paramUnavailable, `resource "${resourceName}" has no "${param}" in its current configuration.`, {
      hint: `enable the feature that provides "${param}" on "${resourceName}"`,
    });
  }
  return value;
}

function cfResourceParam(env: DirectiveEnvironment, directive: RuntimeDirective, at: CompilePosition): CfnValue {
  const args = stringArgs(env, directive, at, ['LogicalId', 'Attribute']);
  if (!args || rejectPath(env, directive, at)) return directive.source;
  const [logicalId, attribute] = args as [string, string];
  const cfnType = env.cfnResourceType(logicalId);
  if (cfnType !== undefined) return cfIntrinsic(env, directive, at, logicalId, attribute, cfnType);
  if (!env.deferUntilComplete) {
    return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unknownLogicalId, `the template has no resource with logical id "${logicalId}".`, suggestion(logicalId, env.logicalIds()));
  }
  // Not compiled yet: hand out a GetAtt now and rewrite it in place once the template is complete
  // (the object is embedded by reference, so the fix reaches the template).
  const value: Record<string, unknown> = { 'Fn::GetAtt': [logicalId, attribute] };
  env.deferUntilComplete((resources) => {
    const finalType = Object.hasOwn(resources, logicalId) ? resources[logicalId]?.Type : undefined;
    if (finalType === undefined) {
      fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unknownLogicalId, `the template has no resource with logical id "${logicalId}".`, suggestion(logicalId, Object.keys(resources)));
      return;
    }
    const resolved = cfIntrinsic(env, directive, at, logicalId, attribute, finalType);
    if (typeof resolved === 'object' && resolved !== null) {
      delete value['Fn::GetAtt'];
      Object.assign(value, resolved);
    }
  });
  return value;
}

function cfIntrinsic(
  env: DirectiveEnvironment,
  directive: RuntimeDirective,
  at: CompilePosition,
  logicalId: string,
  attribute: string,
  cfnType: string,
): CfnValue {
  const result = cfResourceParamToIntrinsic(logicalId, attribute, cfnType, env.cfnTypes);
  if (result.ok) return result.value;
  return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.unknownAttribute, result.message, {
    expected: `one of: ${result.valid.join(', ')}`,
    ...suggestion(attribute, result.valid),
  });
}

function secret(env: DirectiveEnvironment, directive: RuntimeDirective, at: CompilePosition): CfnValue {
  const args = stringArgs(env, directive, at, ['secretName']);
  if (!args) return directive.source;
  const result = secretDynamicReference(args[0] as string, directive.path);
  if (result.ok) return result.value;
  return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.badSecret, result.message, { expected: result.expected });
}

function convertArg(env: DirectiveEnvironment, arg: DirectiveArg, at: CompilePosition): CfnValue {
  return isRuntimeDirective(arg) ? directiveToIntrinsic(arg, env, at) : arg;
}

function cfFormat(env: DirectiveEnvironment, directive: RuntimeDirective, at: CompilePosition): CfnValue {
  const [template, ...rest] = directive.args;
  if (typeof template !== 'string') {
    return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.badArguments, '$CfFormat needs a quoted template string as its first argument.', {
      expected: "$CfFormat('{}-{}', value1, value2)",
    });
  }
  if (rejectPath(env, directive, at)) return directive.source;
  const result = cfFormatToSub(template, rest.map((arg) => convertArg(env, arg, at)));
  if (result.ok) return result.value;
  return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.formatArity, result.message, { expected: result.expected });
}

/** One runtime directive → its CloudFormation value. Problems are reported; never thrown. */
export function directiveToIntrinsic(directive: RuntimeDirective, env: DirectiveEnvironment, at: CompilePosition = {}): CfnValue {
  switch (directive.name) {
    case 'ResourceParam':
      return resourceParam(env, directive, at);
    case 'CfResourceParam':
      return cfResourceParam(env, directive, at);
    case 'Secret':
      return secret(env, directive, at);
    case 'CfFormat':
      return cfFormat(env, directive, at);
    default: {
      const unknown: never = directive.name;
      return fail(env, directive, at, DIRECTIVE_DIAGNOSTIC_CODES.badArguments, `$${String(unknown)} is not a runtime directive stp can compile.`);
    }
  }
}

/**
 * Deep conversion: returns a copy of `value` with every runtime directive replaced by its
 * intrinsic. Values without directives are returned as they are (same reference), so untouched
 * parts of a template are not copied.
 */
export function convertDirectives(value: unknown, env: DirectiveEnvironment, at: CompilePosition = {}): CfnValue {
  if (isRuntimeDirective(value)) return directiveToIntrinsic(value, env, at);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item, index) => {
      const converted = convertDirectives(item, env, at.path ? { ...at, path: [...at.path, index] } : at);
      if (converted !== item) changed = true;
      return converted;
    });
    return changed ? out : value;
  }
  if (typeof value === 'object' && value !== null) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = convertDirectives(item, env, at.path ? { ...at, path: [...at.path, key] } : at);
      if (converted !== item) changed = true;
      out[key] = converted;
    }
    return changed ? out : value;
  }
  return value;
}

/** True when a value still holds a runtime directive anywhere inside it. */
export function containsDirective(value: unknown): boolean {
  // Plain loops: this runs over every compiled resource, and Object.values would copy each object.
  if (value === null || typeof value !== 'object') return false;
  if (isRuntimeDirective(value)) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (containsDirective(item)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && containsDirective((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}
