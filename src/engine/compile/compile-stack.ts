import { attributeNames, refReturns } from '../../cloudformation/resource-spec.js';
import {
  type CfnOutput,
  type CfnResource,
  type CfnTemplate,
  type CompileResult,
} from './compile-contract.js';
import { StackCompileContext, type ConfigPath, type DirectiveTranslator } from './compile-context.js';
import { containsDirective, convertDirectives, directiveToIntrinsic, type DirectiveEnvironment } from './intrinsics/directive-to-intrinsic.js';
import { isSensitiveParam } from './intrinsics/sensitive-params.js';
import { outputName } from './logical-names.js';
import { resourceCompilers } from './resource-compilers.js';
import type { ResourceCompiler } from './resource-compiler.js';
import { applyStackTags } from './stack-tags.js';
import { stackParameters } from './stack-parameters.js';
import type { StackInput } from './stack-input.js';
import { stackInputFromResolved, type PositionLookup } from './stack-input-from-resolved.js';
import type { ResolvedStack } from '../config/resolved-stack.js';
// compile-data's: `mergeCloudformationResources(template, stack, ctx)` adds `cloudformationResources`
// as written (a clash with a generated logical id is a diagnostic); `applyOverrides(template, stack,
// ctx)` deep-merges each resource's `overrides` into the named logical ids (unknown id: diagnostic).
import { applyOverrides, mergeCloudformationResources } from './overrides/apply-overrides.js';
import { findUnsupportedConstructs, unsupportedDiagnostic } from './capabilities/unsupported-constructs.js';

export { deploymentIdParameter } from './stack-parameters.js';

/**
 * What compileStack returns: the contract's result plus, per logical id, the config resource it
 * was compiled for (the preview groups changes by it; the log view finds a resource's groups).
 */
export interface StackCompileResult extends CompileResult {
  owners: Record<string, string>;
}

export interface CompileOptions {
  /** Per-type compilers; tests pass a subset. Defaults to every compiler stp has. */
  compilers?: Readonly<Record<string, ResourceCompiler>>;
}

/**
 * Compiles a resolved stack into a CloudFormation template plus the assets to package. Problems
 * come back as diagnostics; the template is only meant to be deployed when there are no errors.
 * The same input always gives the same JSON (maps are sorted where order carries no meaning).
 */
export function compileStack(stack: StackInput, options: CompileOptions = {}): StackCompileResult {
  const compilers = options.compilers ?? resourceCompilers;
  let ctx!: StackCompileContext;
  // $CfResourceParam naming a logical id not added yet is checked once the template is complete.
  const deferred: ((resources: Readonly<Record<string, { Type: string }>>) => void)[] = [];
  const env = directiveEnvironment(() => ctx, compilers, deferred);
  const translator: DirectiveTranslator = (directive, _ctx, at) =>
    directiveToIntrinsic(directive, env, pathPosition(stack, at));
  ctx = new StackCompileContext(stack, compilers, translator);

  for (const [name, definition] of Object.entries(stackParameters)) ctx.addParameter(name, { ...definition });

  // What stp cannot compile yet, from the config alone: the same check `stp validate` runs.
  const failed = new Set<string>();
  // Checked for the types compiled by stp's own compilers (tests may stand in others).
  const ownCompiler = (type: string) => Object.hasOwn(compilers, type) && compilers[type] === resourceCompilers[type];
  for (const u of findUnsupportedConstructs(stack, ownCompiler)) {
    ctx.diagnostics.push(unsupportedDiagnostic(u, stack.positionOf));
    if (u.path[0] === 'resources' && typeof u.path[1] === 'string') failed.add(u.path[1]);
  }

  // Resources whose compile reported an error get no outputs (they would point at nothing).
  for (const resource of ctx.resources()) {
    const compiler = Object.hasOwn(compilers, resource.type) ? compilers[resource.type] : undefined;
    const before = ctx.diagnostics.length;
    if (!compiler) ctx.unsupported([...resource.path, 'type'], `resources of type "${resource.type}"`);
    else compiler.compile(resource, ctx);
    if (ctx.diagnostics.slice(before).some((d) => d.severity === 'error')) failed.add(resource.name);
  }

  addReferenceableParamOutputs(ctx, compilers, failed);
  addStackConfigOutputs(ctx);

  const userTags: { key: string; value: string }[] = [];
  (stack.stackConfig?.tags ?? []).forEach((t) => {
    if (typeof t.value === 'string') userTags.push({ key: t.name, value: t.value }); // others: reported above
  });
  applyStackTags(ctx.resourcesOut, [
    { key: 'stp:service', value: stack.serviceName },
    { key: 'stp:stage', value: stack.stage },
    ...userTags,
  ]);

  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `stp stack ${stack.stackName}`,
    Parameters: ctx.parameters,
    Resources: ctx.resourcesOut,
    Outputs: ctx.outputs,
  };
  mergeCloudformationResources(template, stack, ctx);
  applyOverrides(template, stack, ctx);

  // Every directive not converted while compiling (raw resources, overrides, deferred ones).
  // Only resources that still hold a directive are walked with a path (the walk copies it per node).
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (!containsDirective(resource)) continue;
    const raw = Object.hasOwn(stack.cloudformationResources ?? {}, id);
    template.Resources[id] = convertDirectives(resource, env, { path: raw ? ['cloudformationResources', id] : ['resources'] }) as CfnResource;
  }
  // Outputs likewise: only those holding a directive are walked; the map is copied if one changed.
  let outputs: Record<string, CfnOutput> | undefined;
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (!containsDirective(output)) continue;
    const converted = convertDirectives(output, env, { path: ['stackConfig', 'outputs', name] }) as CfnOutput;
    if (converted !== output) (outputs ??= { ...template.Outputs })[name] = converted;
  }
  if (outputs) template.Outputs = outputs;

  for (const check of deferred) check(template.Resources);
  dropSecretOutputs(template, ctx);
  capOutputs(template, ctx);
  for (const finalize of ctx.finalizers) finalize(template.Resources);

  const sorted = sortTemplate(template);
  const owners: Record<string, string> = {};
  for (const id of Object.keys(sorted.Resources)) {
    const owner = ctx.owners.get(id);
    if (owner !== undefined) owners[id] = owner;
  }
  return {
    template: sorted,
    assets: [...ctx.assets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    diagnostics: ctx.diagnostics,
    owners,
  };
}

function directiveEnvironment(
  ctx: () => StackCompileContext,
  compilers: Readonly<Record<string, ResourceCompiler>>,
  deferred: ((resources: Readonly<Record<string, { Type: string }>>) => void)[],
): DirectiveEnvironment {
  return {
    resourceParamNames(resourceName) {
      const target = ctx().resource(resourceName);
      return target ? ctx().referenceableParams(target.type) : undefined;
    },
    resourceParamValue(resourceName, param, at) {
      return ctx().referenceParam(resourceName, param, at.path ?? ['resources']);
    },
    resourceNames: () => Object.keys(ctx().stack.resources),
    cfnResourceType(logicalId) {
      const c = ctx();
      return c.getResource(logicalId)?.Type;
    },
    logicalIds: () => Object.keys(ctx().resourcesOut),
    deferUntilComplete: (check) => deferred.push(check),
    cfnTypes: (cfnType) => {
      const attributes = attributeNames(cfnType);
      const primaryIdentifier = refReturns(cfnType);
      return attributes.length === 0 && primaryIdentifier.length === 0 ? undefined : { attributes, primaryIdentifier };
    },
    report: (d) => ctx().diagnostics.push(d),
  };
}

function pathPosition(stack: StackInput, at: ConfigPath) {
  const position = stack.positionOf?.(at);
  return position ? { path: at, position } : { path: at };
}

/** `Outputs` for every referenceable param (e.g. `MyFunctionArn`), so `stp` can show and read them. */
function addReferenceableParamOutputs(
  ctx: StackCompileContext,
  compilers: Readonly<Record<string, ResourceCompiler>>,
  failed: ReadonlySet<string>,
) {
  for (const resource of ctx.resources()) {
    if (failed.has(resource.name)) continue;
    const declared = compilers[resource.type]?.referenceableParams ?? {};
    for (const param of Object.keys(declared).sort()) {
      // Credentials never become outputs (anyone who can describe the stack reads them).
      if (isSensitiveParam(resource.type, param)) continue;
      const value = declared[param]?.({
        resourceName: resource.name,
        properties: resource.properties,
        stackName: ctx.stack.stackName,
      });
      if (value === undefined) continue;
      ctx.addOutput(outputName(resource.name, param), {
        Value: value,
        Description: `$ResourceParam('${resource.name}', '${param}')`,
      });
    }
  }
}

/** CloudFormation's limit on outputs per template. */
export const maxOutputs = 200;

/**
 * Outputs for referenceable params are a convenience; the user's own outputs come first. Over
 * CloudFormation's limit, generated ones are left out (in name order) with a warning.
 */
function capOutputs(template: CfnTemplate, ctx: StackCompileContext): void {
  const outputs = template.Outputs ?? {};
  const names = Object.keys(outputs);
  if (names.length <= maxOutputs) return;
  const user = new Set((ctx.stack.stackConfig?.outputs ?? []).map((o) => o.name));
  const generated = names.filter((n) => !user.has(n)).sort();
  const room = Math.max(0, maxOutputs - user.size);
  const dropped = generated.slice(room);
  for (const name of dropped) delete outputs[name];
  ctx.addDiagnostic({
    code: 'STP_COMPILE_OUTPUTS_LIMIT',
    severity: 'warning',
    message: `${dropped.length} outputs for referenceable params were left out: CloudFormation allows ${maxOutputs} outputs per stack.`,
    path: ['resources'],
    hint: `left out: ${dropped.slice(0, 5).join(', ')}${dropped.length > 5 ? ', ...' : ''}`,
  });
}

const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/** Whether any string (or key) in the value holds a secret dynamic reference; no JSON text built. */
function containsSecretReference(value: unknown): boolean {
  if (typeof value === 'string') return SECRET_REFERENCE.test(value);
  if (Array.isArray(value)) return value.some(containsSecretReference);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (SECRET_REFERENCE.test(key) || containsSecretReference(child)) return true;
    }
  }
  return false;
}

/** A secret dynamic reference in an output would print the secret in DescribeStacks: refuse it. */
function dropSecretOutputs(template: CfnTemplate, ctx: StackCompileContext): void {
  const outputs = template.Outputs ?? {};
  const userOutputs = ctx.stack.stackConfig?.outputs ?? [];
  for (const name of Object.keys(outputs)) {
    if (!containsSecretReference(outputs[name]?.Value)) continue;
    delete outputs[name];
    const index = userOutputs.findIndex((o) => o.name === name);
    // Generated outputs (params, script events) just go; whoever put the secret there reports it.
    if (index === -1) continue;
    ctx.addDiagnostic({
      code: 'STP_COMPILE_SECRET_IN_OUTPUT',
      message: `Output "${name}" would contain a secret; stack outputs are readable by anyone who can describe the stack.`,
      path: ['stackConfig', 'outputs', index, 'value'],
      hint: 'pass the secret to workloads through environment instead',
    });
  }
}

function addStackConfigOutputs(ctx: StackCompileContext) {
  const outputs = ctx.stack.stackConfig?.outputs ?? [];
  outputs.forEach((o, i) => {
    const at = ['stackConfig', 'outputs', i, 'value'];
    const output: CfnOutput = { Value: ctx.resolveValue(o.value, at) };
    if (o.description !== undefined) output.Description = o.description;
    if (o.export) output.Export = { Name: `${ctx.stack.stackName}-${o.name}` };
    if (Object.hasOwn(ctx.outputs, o.name)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_DUPLICATE_OUTPUT',
        message: `Output "${o.name}" clashes with an output stp generates for a referenceable param.`,
        path: ['stackConfig', 'outputs', i, 'name'],
        hint: 'choose another output name',
      });
      return;
    }
    ctx.addOutput(o.name, output);
  });
}

function sortRecord<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!record) return undefined;
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as T;
  return out;
}

function sortTemplate(t: CfnTemplate): CfnTemplate {
  const parameters = sortRecord(t.Parameters) ?? {};
  const conditions = sortRecord(t.Conditions) ?? {};
  const resources = sortRecord(t.Resources) ?? {};
  // `cloudformationResources` may say `DependsOn: Name` (a string is valid CloudFormation).
  for (const r of Object.values(resources)) if (r.DependsOn) r.DependsOn = [...new Set(typeof r.DependsOn === 'string' ? [r.DependsOn] : r.DependsOn)].sort();
  const outputs = sortRecord(t.Outputs) ?? {};
  return {
    AWSTemplateFormatVersion: t.AWSTemplateFormatVersion,
    ...(t.Description !== undefined ? { Description: t.Description } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    ...(Object.keys(conditions).length > 0 ? { Conditions: conditions } : {}),
    Resources: resources,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
}

/** `compileStack` for a loaded config (`loadStackConfig`'s `resolved`), with source positions if known. */
export function compileResolvedStack(resolved: ResolvedStack, positions?: PositionLookup, options: CompileOptions = {}): StackCompileResult {
  return compileStack(stackInputFromResolved(resolved, positions), options);
}
