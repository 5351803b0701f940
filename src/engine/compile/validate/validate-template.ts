/**
 * Validates a compiled CloudFormation template against the resource specification and the
 * template's own structure, so stp reports what CloudFormation would reject before a deploy
 * starts: unknown types and properties, missing required properties, GetAtt attributes that do
 * not exist, references to nothing, and circular dependencies. Every compile runs it; so does
 * `stp validate --template`.
 */
import { resourceSpec, type ResourceTypeSpec } from '../../../cloudformation/resource-spec.js';
import type { CfnTemplate } from '../compile-contract.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { isCustomResourceType } from '../../../cloudformation/custom-resource-type.js';
import { findDependencyCycles } from '../../../cloudformation/dependency-cycles.js';
import { PSEUDO_PARAMETERS } from '../../../cloudformation/pseudo-parameters.js';
import { collectReferences, type TemplateReference } from '../../../cloudformation/template-references.js';
import { validateProperties } from './validate-properties.js';

/** CloudFormation quotas a template must fit in. */
const MAX_RESOURCES = 500;
const MAX_OUTPUTS = 200;
const MAX_PARAMETERS = 200;
const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;
const DELETION_POLICIES = ['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate'];
const UPDATE_REPLACE_POLICIES = ['Delete', 'Retain', 'Snapshot'];

type AnyRecord = Record<string, unknown>;

function isRecord(value: unknown): value is AnyRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function validateTemplate(template: CfnTemplate | AnyRecord): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = template as AnyRecord;
  const spec = resourceSpec();

  const resources = isRecord(root.Resources) ? root.Resources : {};
  const parameters = isRecord(root.Parameters) ? root.Parameters : {};
  const conditions = isRecord(root.Conditions) ? root.Conditions : {};
  const outputs = isRecord(root.Outputs) ? root.Outputs : {};
  const resourceIds = Object.keys(resources);
  const transforms = new Set(
    (Array.isArray(root.Transform) ? root.Transform : [root.Transform]).filter((t): t is string => typeof t === 'string'),
  );

  if (resourceIds.length === 0) {
    out.push({
      code: 'STP_TEMPLATE_NO_RESOURCES',
      severity: 'error',
      message: 'The template has no resources; CloudFormation requires at least one.',
      path: ['Resources'],
    });
  }
  checkCount(out, 'Resources', resourceIds.length, MAX_RESOURCES, 'resources');
  checkCount(out, 'Outputs', Object.keys(outputs).length, MAX_OUTPUTS, 'outputs');
  checkCount(out, 'Parameters', Object.keys(parameters).length, MAX_PARAMETERS, 'parameters');

  for (const section of ['Parameters', 'Resources', 'Outputs', 'Conditions'] as const) {
    const entries = isRecord(root[section]) ? (root[section] as AnyRecord) : {};
    for (const id of Object.keys(entries)) {
      if (!LOGICAL_ID.test(id)) {
        out.push({
          code: 'STP_TEMPLATE_INVALID_LOGICAL_ID',
          severity: 'error',
          message: `"${id}" is not a valid logical ID: only letters and digits, at most 255 characters.`,
          path: [section, id],
        });
      }
    }
  }
  for (const id of resourceIds) {
    if (id in parameters) {
      out.push({
        code: 'STP_TEMPLATE_DUPLICATE_LOGICAL_ID',
        severity: 'error',
        message: `"${id}" is both a parameter and a resource; logical IDs must be unique.`,
        path: ['Resources', id],
      });
    }
  }

  for (const [id, parameter] of Object.entries(parameters)) {
    if (!isRecord(parameter) || typeof parameter.Type !== 'string' || parameter.Type === '') {
      out.push({
        code: 'STP_TEMPLATE_INVALID_PARAMETER',
        severity: 'error',
        message: `Parameter "${id}" needs a Type (e.g. String, Number, CommaDelimitedList).`,
        path: ['Parameters', id],
      });
    }
  }

  // Per resource: type, properties, policies; and the references it makes (dependency edges).
  const typeOf = new Map<string, ResourceTypeSpec | undefined>();
  const edges = new Map<string, Set<string>>();
  const references: TemplateReference[] = [];
  for (const id of resourceIds) {
    const resource = resources[id];
    const path = ['Resources', id];
    const deps = new Set<string>();
    edges.set(id, deps);
    if (!isRecord(resource)) {
      out.push({ code: 'STP_TEMPLATE_INVALID_RESOURCE', severity: 'error', message: `Resource "${id}" must be an object.`, path });
      continue;
    }
    const type = resource.Type;
    if (typeof type !== 'string' || type === '') {
      out.push({ code: 'STP_TEMPLATE_MISSING_TYPE', severity: 'error', message: `Resource "${id}" has no Type.`, path: [...path, 'Type'] });
      continue;
    }
    const typeSpec = spec.getResourceType(type);
    typeOf.set(id, typeSpec);
    if (!typeSpec) {
      out.push(unknownType(type, [...path, 'Type'], spec.resourceTypeNames()));
    } else if (typeSpec.transform && !transforms.has(typeSpec.transform)) {
      out.push({
        code: 'STP_TEMPLATE_TRANSFORM_REQUIRED',
        severity: 'error',
        message: `${type} needs the template transform "${typeSpec.transform}".`,
        path: [...path, 'Type'],
      });
    }

    const properties = resource.Properties;
    if (properties !== undefined && !isRecord(properties)) {
      out.push({
        code: 'STP_TEMPLATE_INVALID_PROPERTY_VALUE',
        severity: 'error',
        message: `Properties of "${id}" must be an object.`,
        path: [...path, 'Properties'],
      });
    } else if (typeSpec) {
      const props = properties ?? {};
      if (isCustomResourceType(type)) {
        // Custom resources take any properties; only the service token is required.
        if (!('ServiceToken' in props)) {
          out.push({
            code: 'STP_TEMPLATE_MISSING_SERVICE_TOKEN',
            severity: 'error',
            message: `Custom resource "${id}" (${type}) needs a ServiceToken (the ARN of the Lambda function or SNS topic that handles it).`,
            path: [...path, 'Properties'],
          });
        }
      } else {
        validateProperties(props, typeSpec.properties, type, [...path, 'Properties'], out);
      }
    }

    checkPolicy(out, resource.DeletionPolicy, DELETION_POLICIES, path, 'DeletionPolicy');
    checkPolicy(out, resource.UpdateReplacePolicy, UPDATE_REPLACE_POLICIES, path, 'UpdateReplacePolicy');

    // Only references in Properties order the deployment; the other sections are still checked.
    const refs = collectReferences(properties, [...path, 'Properties'], []);
    for (const r of refs) {
      if ((r.kind === 'ref' || r.kind === 'getatt') && r.target in resources) deps.add(r.target);
      references.push(r);
    }
    for (const attributeSection of ['Metadata', 'CreationPolicy', 'UpdatePolicy']) {
      if (resource[attributeSection] !== undefined) collectReferences(resource[attributeSection], [...path, attributeSection], references);
    }

    if (typeof resource.Condition === 'string') {
      references.push({ kind: 'condition', target: resource.Condition, path: [...path, 'Condition'] });
    }

    const dependsOn = resource.DependsOn;
    const dependsList = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : dependsOn === undefined ? [] : null;
    if (dependsList === null) {
      out.push({
        code: 'STP_TEMPLATE_INVALID_DEPENDS_ON',
        severity: 'error',
        message: `DependsOn of "${id}" must be a logical ID or a list of them.`,
        path: [...path, 'DependsOn'],
      });
    } else {
      dependsList.forEach((target, i) => {
        const targetPath = typeof dependsOn === 'string' ? [...path, 'DependsOn'] : [...path, 'DependsOn', i];
        if (typeof target === 'string' && target in resources) {
          deps.add(target);
          return;
        }
        const suggestion = typeof target === 'string' ? didYouMean(target, resourceIds) : undefined;
        out.push({
          code: 'STP_TEMPLATE_UNKNOWN_DEPENDENCY',
          severity: 'error',
          message: `"${id}" depends on "${String(target)}", which is not a resource in this template.`,
          path: targetPath,
          ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
        });
      });
    }
  }

  const exportNames = new Map<string, string>();
  for (const [id, output] of Object.entries(outputs)) {
    if (!isRecord(output) || !('Value' in output)) {
      out.push({ code: 'STP_TEMPLATE_INVALID_OUTPUT', severity: 'error', message: `Output "${id}" needs a Value.`, path: ['Outputs', id] });
      continue;
    }
    const exportName = isRecord(output.Export) ? output.Export.Name : undefined;
    if (typeof exportName === 'string') {
      const first = exportNames.get(exportName);
      if (first !== undefined) {
        out.push({
          code: 'STP_TEMPLATE_DUPLICATE_EXPORT',
          severity: 'error',
          message: `Outputs "${first}" and "${id}" both export "${exportName}"; export names must be unique in a region.`,
          path: ['Outputs', id, 'Export', 'Name'],
        });
      } else exportNames.set(exportName, id);
    }
    collectReferences(output, ['Outputs', id], references);
    if (typeof output.Condition === 'string') {
      references.push({ kind: 'condition', target: output.Condition, path: ['Outputs', id, 'Condition'] });
    }
  }
  for (const [id, condition] of Object.entries(conditions)) {
    collectReferences(condition, ['Conditions', id], references, { conditionObjects: true });
  }

  for (const r of references) checkReference(r, { resources, parameters, conditions, typeOf, out });

  for (const cycle of findDependencyCycles(edges)) {
    out.push({
      code: 'STP_TEMPLATE_CIRCULAR_DEPENDENCY',
      severity: 'error',
      message: `Circular dependency between resources: ${cycle.join(' → ')}.`,
      path: ['Resources', cycle[0]!],
      hint: 'break the cycle: one of these resources must not refer to (or depend on) the next',
    });
  }
  return out;
}

interface ReferenceContext {
  resources: AnyRecord;
  parameters: AnyRecord;
  conditions: AnyRecord;
  typeOf: ReadonlyMap<string, ResourceTypeSpec | undefined>;
  out: Diagnostic[];
}

function checkReference(r: TemplateReference, ctx: ReferenceContext): void {
  const { out } = ctx;
  // `${stp:asset:…}` in a Sub is the packager's placeholder (compile-contract.ts), replaced before deploy.
  if ((r.kind === 'ref' || r.kind === 'getatt') && r.via === 'Fn::Sub' && r.target.startsWith('stp:')) return;
  switch (r.kind) {
    case 'malformed':
      out.push({ code: 'STP_TEMPLATE_INVALID_INTRINSIC', severity: 'error', message: `${r.message}.`, path: r.path });
      return;
    case 'condition': {
      if (r.target in ctx.conditions) return;
      const suggestion = didYouMean(r.target, Object.keys(ctx.conditions));
      out.push({
        code: 'STP_TEMPLATE_UNKNOWN_CONDITION',
        severity: 'error',
        message: `Condition "${r.target}" is not defined in Conditions.`,
        path: r.path,
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      });
      return;
    }
    case 'ref': {
      if (r.target in ctx.resources || r.target in ctx.parameters || PSEUDO_PARAMETERS.has(r.target)) return;
      const suggestion = didYouMean(r.target, [...Object.keys(ctx.resources), ...Object.keys(ctx.parameters), ...PSEUDO_PARAMETERS]);
      out.push({
        code: 'STP_TEMPLATE_UNKNOWN_REFERENCE',
        severity: 'error',
        message: `${r.via} refers to "${r.target}", which is neither a resource, a parameter nor a pseudo parameter.`,
        path: r.path,
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      });
      return;
    }
    case 'getatt': {
      if (!(r.target in ctx.resources)) {
        const isParameter = r.target in ctx.parameters || PSEUDO_PARAMETERS.has(r.target);
        const suggestion = isParameter ? undefined : didYouMean(r.target, Object.keys(ctx.resources));
        out.push({
          code: 'STP_TEMPLATE_UNKNOWN_REFERENCE',
          severity: 'error',
          message: isParameter
            ? `${r.via} reads an attribute of "${r.target}", which is a parameter, not a resource.`
            : `${r.via} refers to "${r.target}", which is not a resource in this template.`,
          path: r.path,
          ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
        });
        return;
      }
      const typeSpec = ctx.typeOf.get(r.target);
      if (!typeSpec || r.attribute === undefined) return;
      if (typeSpec.type === 'AWS::CloudFormation::CustomResource') return; // returns whatever its handler sends
      if (typeSpec.type === 'AWS::CloudFormation::Stack' && r.attribute.startsWith('Outputs.')) return;
      if (typeSpec.attributes.includes(r.attribute)) return;
      const suggestion = didYouMean(r.attribute, typeSpec.attributes);
      out.push({
        code: 'STP_TEMPLATE_UNKNOWN_ATTRIBUTE',
        severity: 'error',
        message: `${typeSpec.type} "${r.target}" has no attribute "${r.attribute}".`,
        path: r.path,
        expected: typeSpec.attributes.length > 0 ? `one of: ${typeSpec.attributes.join(', ')}` : 'this type has no attributes',
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      });
      return;
    }
  }
}

function unknownType(type: string, path: (string | number)[], known: string[]): Diagnostic {
  const suggestion = didYouMean(type, known);
  // AWS-owned namespaces are fully described by the spec; anything else may be a registry type.
  const awsOwned = type.startsWith('AWS::') || type.startsWith('Alexa::');
  return {
    code: 'STP_TEMPLATE_UNKNOWN_RESOURCE_TYPE',
    severity: awsOwned ? 'error' : 'warning',
    message: awsOwned
      ? `Unknown resource type "${type}".`
      : `Resource type "${type}" is not in the CloudFormation resource specification; a registry (third-party or private) type must be activated in the account.`,
    path,
    ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
  };
}

function checkPolicy(out: Diagnostic[], value: unknown, allowed: string[], resourcePath: (string | number)[], key: string): void {
  if (value === undefined || (typeof value === 'string' && allowed.includes(value))) return;
  out.push({
    code: 'STP_TEMPLATE_INVALID_POLICY',
    severity: 'error',
    message: `${key} must be one of ${allowed.join(', ')}.`,
    path: [...resourcePath, key],
    expected: `one of: ${allowed.join(', ')}`,
  });
}

function checkCount(out: Diagnostic[], section: string, count: number, max: number, noun: string): void {
  if (count <= max) return;
  out.push({
    code: 'STP_TEMPLATE_QUOTA_EXCEEDED',
    severity: 'error',
    message: `The template has ${count} ${noun}; CloudFormation allows at most ${max} per stack.`,
    path: [section],
  });
}
