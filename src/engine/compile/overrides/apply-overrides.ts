import { propertyNames } from '../../../cloudformation/resource-spec.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { CfnResource, CfnTemplate } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { pascalCase } from '../logical-names.js';
import type { StackInput } from '../stack-input.js';

/**
 * The two escape hatches of a Stacktape config, applied to the generated template:
 * `cloudformationResources` (raw resources merged as written) and per-resource `overrides`
 * (`{LogicalId: {Property.Path: value}}`, set into the named resource's Properties).
 * Runtime directives inside either are left for compile-stack's final directive pass.
 */
type Reporter = Pick<CompileContext, 'addDiagnostic'>;

export const OVERRIDE_DIAGNOSTIC_CODES = {
  logicalIdCollision: 'STP_COMPILE_LOGICAL_ID_COLLISION',
  invalidRawResource: 'STP_COMPILE_INVALID_CLOUDFORMATION_RESOURCE',
  unknownOverrideTarget: 'STP_COMPILE_UNKNOWN_OVERRIDE_TARGET',
  invalidOverride: 'STP_COMPILE_INVALID_OVERRIDE',
} as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds `cloudformationResources`; a logical id stp already generated is a diagnostic and stp's stays. */
export function mergeCloudformationResources(template: CfnTemplate, stack: StackInput, ctx: Reporter): void {
  const raw = stack.cloudformationResources ?? {};
  for (const logicalId of Object.keys(raw).sort()) {
    const resource: unknown = raw[logicalId];
    const at = ['cloudformationResources', logicalId];
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) {
      ctx.addDiagnostic({
        code: OVERRIDE_DIAGNOSTIC_CODES.invalidRawResource,
        message: `"${logicalId}" is not a valid CloudFormation logical id.`,
        path: at,
        expected: 'letters and digits only',
      });
      continue;
    }
    if (!isPlainObject(resource) || typeof resource.Type !== 'string') {
      ctx.addDiagnostic({
        code: OVERRIDE_DIAGNOSTIC_CODES.invalidRawResource,
        message: `cloudformationResources.${logicalId} needs a "Type".`,
        path: at,
        expected: '{ Type: AWS::Service::Resource, Properties: {...} }',
      });
      continue;
    }
    if (Object.hasOwn(template.Resources, logicalId)) {
      ctx.addDiagnostic({
        code: OVERRIDE_DIAGNOSTIC_CODES.logicalIdCollision,
        message: `cloudformationResources.${logicalId} has the same logical id as a resource stp generates (${template.Resources[logicalId]?.Type}).`,
        path: at,
        hint: `rename it, or use "overrides" to change the generated ${logicalId}`,
      });
      continue;
    }
    template.Resources[logicalId] = resource as unknown as CfnResource;
  }
}

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/** Sets `value` at a dotted path inside `target`; returns an error message, or undefined. */
function deepSet(target: Record<string, unknown>, segments: string[], value: unknown): string | undefined {
  let node: unknown = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment)) return `"${segments.slice(0, i).join('.')}" is a list, so "${segment}" must be an index`;
      const index = Number(segment);
      if (index > node.length) return `"${segments.slice(0, i).join('.')}" has ${node.length} items, so index ${index} leaves a gap`;
      if (last) {
        node[index] = value;
        return undefined;
      }
      node[index] ??= /^\d+$/.test(segments[i + 1]!) ? [] : {};
      node = node[index];
      continue;
    }
    if (!isPlainObject(node)) return `"${segments.slice(0, i).join('.')}" is not an object`;
    // An intrinsic (`{Ref}`, `{Fn::...}`) is a value, not a structure to step into.
    const keys = Object.keys(node);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) {
      return `"${segments.slice(0, i).join('.')}" is an intrinsic function (${keys[0]}), not an object`;
    }
    if (last) {
      node[segment] = value;
      return undefined;
    }
    if (node[segment] === undefined) node[segment] = /^\d+$/.test(segments[i + 1]!) ? [] : {};
    node = node[segment];
  }
  return undefined;
}

/**
 * Applies every resource's `overrides`. Keys are property paths inside the target's `Properties`
 * (`Timeout`, `VpcConfig.SubnetIds`, `Tags.0.Value`); the value replaces what stp generated there.
 */
export function applyOverrides(template: CfnTemplate, stack: StackInput, ctx: Reporter): void {
  const generated = Object.keys(template.Resources).filter((id) => !Object.hasOwn(stack.cloudformationResources ?? {}, id));
  for (const resourceName of Object.keys(stack.resources).sort()) {
    const overrides: unknown = stack.resources[resourceName]?.overrides;
    if (overrides === undefined) continue;
    const base = ['resources', resourceName, 'overrides'];
    if (!isPlainObject(overrides)) {
      ctx.addDiagnostic({
        code: OVERRIDE_DIAGNOSTIC_CODES.invalidOverride,
        message: `overrides of "${resourceName}" must map CloudFormation logical ids to properties.`,
        path: base,
        expected: '{ LogicalId: { Property: value } }',
      });
      continue;
    }
    for (const logicalId of Object.keys(overrides)) {
      const at = [...base, logicalId];
      const target = generated.includes(logicalId) ? template.Resources[logicalId] : undefined;
      if (!target) {
        const own = generated.filter((id) => id.startsWith(pascalCase(resourceName))).sort();
        const close = didYouMean(logicalId, own.length > 0 ? own : generated);
        ctx.addDiagnostic({
          code: OVERRIDE_DIAGNOSTIC_CODES.unknownOverrideTarget,
          message: `overrides of "${resourceName}" name "${logicalId}", but stp generates no resource with that logical id.`,
          path: at,
          ...(own.length > 0 ? { expected: `one of: ${own.join(', ')}` } : {}),
          ...(close ? { hint: `did you mean "${close}"?` } : {}),
        });
        continue;
      }
      const properties: unknown = overrides[logicalId];
      if (!isPlainObject(properties)) {
        ctx.addDiagnostic({
          code: OVERRIDE_DIAGNOSTIC_CODES.invalidOverride,
          message: `the override of ${logicalId} must be a map of property paths to values.`,
          path: at,
          expected: '{ Property: value } or { "Nested.Property": value }',
        });
        continue;
      }
      const known = propertyNames(target.Type);
      for (const [propertyPath, value] of Object.entries(properties)) {
        const segments = propertyPath.split('.');
        if (known.length > 0 && !known.includes(segments[0]!)) {
          const close = didYouMean(segments[0]!, known);
          ctx.addDiagnostic({
            code: OVERRIDE_DIAGNOSTIC_CODES.invalidOverride,
            message: `${target.Type} has no property "${segments[0]}" (override of ${logicalId}).`,
            path: [...at, propertyPath],
            ...(close ? { hint: `did you mean "${close}"?` } : {}),
          });
          continue;
        }
        const bad = segments.find((s) => s === '' || FORBIDDEN_SEGMENTS.has(s));
        const error =
          bad !== undefined
            ? `"${propertyPath}" is not a property path`
            : deepSet((target.Properties ??= {}), segments, value);
        if (error) {
          ctx.addDiagnostic({
            code: OVERRIDE_DIAGNOSTIC_CODES.invalidOverride,
            message: `cannot override ${logicalId}.${propertyPath}: ${error}.`,
            path: [...at, propertyPath],
          });
        }
      }
    }
  }
}
