import { collectReferences } from '../template/collect-references.js';
import { activeResources } from '../template/active-resources.js';
import { dependencyGraph, topologicalOrder } from '../template/dependency-graph.js';
import { pseudoParameters } from '../template/pseudo-parameters.js';
import { KNOWN_AFTER_APPLY, evaluateConditions, resolveValue, type ResolveContext } from '../template/resolve-intrinsics.js';
import type { Template } from '../template/template-types.js';
import type { ResourceRecord, StackOutputRecord } from '../stack/stack-model.js';
import { outputValueString } from '../stack/outputs.js';
import { lookupAttribute, storedAttribute } from '../stack/attribute-lookup.js';
import { replacementEffect } from './replacement-spec.js';
import { policyActionOf, replacementOf, type Evaluation, type Replacement, type RequiresRecreation } from './replacement-rule.js';

export interface ChangeDetail {
  Target: {
    Attribute: 'Properties' | 'Metadata';
    Name?: string;
    RequiresRecreation: RequiresRecreation;
    Path?: string;
    BeforeValue?: string;
    AfterValue?: string;
    AttributeChangeType?: 'Add' | 'Remove' | 'Modify';
  };
  Evaluation: Evaluation;
  ChangeSource: 'DirectModification' | 'ResourceReference' | 'ParameterReference' | 'ResourceAttribute';
  CausingEntity?: string;
}

export interface ResourceChange {
  Action: 'Add' | 'Modify' | 'Remove';
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Replacement?: Replacement;
  PolicyAction?: string;
  Scope: string[];
  /** Details as DescribeChangeSet lists them without IncludePropertyValues. */
  Details: ChangeDetail[];
  BeforeContext?: string;
  AfterContext?: string;
  /**
   * Details with IncludePropertyValues, which AWS orders and selects differently: a change that
   * arrives through a reference leads with `DirectModification`/`Dynamic` there, and is only
   * that reference in the default view. Absent on change sets stored before this field existed.
   */
  ValueDetails?: ChangeDetail[];
  /** Listed only without IncludePropertyValues (a dependant of an attribute that may change). */
  DefaultViewOnly?: boolean;
  /** Scope with IncludePropertyValues, when it differs. */
  ValueScope?: string[];
}

export interface ChangeInput {
  stackName: string;
  stackId: string;
  region: string;
  accountId: string;
  oldTemplate?: Template;
  oldParameterValues: Record<string, string>;
  oldResources: Record<string, ResourceRecord>;
  oldOutputs: StackOutputRecord[];
  newTemplate: Template;
  newParameters: ReadonlyMap<string, string | string[]>;
  newParameterValues: Record<string, string>;
  importValue(name: string): string | undefined;
}

export interface ComputedChanges {
  changes: { Type: 'Resource'; ResourceChange: ResourceChange }[];
  /** Outputs would change even though no resource does (a change set that is still executable). */
  outputsChanged: boolean;
}

/**
 * How a resource's Ref/attributes move: not at all; surely (added/replaced); maybe (conditional
 * replacement); or attributes only, maybe (modified in place: the physical ID stays, an
 * attribute read by Fn::GetAtt may change, so AWS lists its readers as Dynamic in the default view).
 */
type Movement = 'none' | 'static' | 'dynamic' | 'inplace';

function valueString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Diffs the stack's deployed resources against the new template, the way CloudFormation builds
 * a change set. Values that depend on resources being added or replaced are KNOWN_AFTER_APPLY.
 * Attributes of resources modified in place are assumed unchanged (the emulator's provisioners
 * keep them stable), so dependants of such resources are not listed.
 */
export function computeChanges(input: ChangeInput): ComputedChanges {
  const { newTemplate } = input;
  const parameters = new Map([...pseudoParameters(input), ...input.newParameters]);
  const movement = new Map<string, Movement>();
  const base: Omit<ResolveContext, 'conditions'> = {
    template: newTemplate,
    parameters,
    region: input.region,
    keepDynamicReferences: true,
    ref: (id) => {
      const moved = movement.get(id) ?? 'static';
      if (moved === 'static' || moved === 'dynamic') return KNOWN_AFTER_APPLY;
      return input.oldResources[id]?.physicalId ?? KNOWN_AFTER_APPLY;
    },
    getAtt: (id, attribute) => {
      const moved = movement.get(id) ?? 'static';
      if (moved === 'static' || moved === 'dynamic') return KNOWN_AFTER_APPLY;
      const old = input.oldResources[id];
      if (!old) return KNOWN_AFTER_APPLY;
      // The value the deployment used: stored, or derived from the physical ID exactly as at
      // execution (a recorded-only type's synthesized attribute must not look changed).
      const stored = storedAttribute(old, attribute);
      if (stored !== undefined) return stored;
      try {
        return lookupAttribute(old, attribute, { stackId: input.stackId, region: input.region, accountId: input.accountId });
      } catch {
        return KNOWN_AFTER_APPLY;
      }
    },
    importValue: input.importValue,
  };
  const conditions = evaluateConditions(base);
  const ctx: ResolveContext = { ...base, conditions };
  const active = activeResources(newTemplate, conditions);
  const order = topologicalOrder(dependencyGraph(newTemplate, active));
  const changedParameters = new Set(
    Object.keys({ ...input.oldParameterValues, ...input.newParameterValues }).filter(
      (name) => input.oldParameterValues[name] !== input.newParameterValues[name],
    ),
  );
  const changes: ComputedChanges['changes'] = [];

  for (const logicalId of order) {
    const definition = newTemplate.Resources[logicalId]!;
    const old = input.oldResources[logicalId];
    const after = resolveValue(definition.Properties ?? {}, ctx) as Record<string, unknown>;
    if (!old || old.status === 'DELETE_COMPLETE' || (old.status === 'CREATE_FAILED' && old.physicalId === '')) {
      movement.set(logicalId, 'static');
      changes.push({
        Type: 'Resource',
        ResourceChange: {
          Action: 'Add',
          LogicalResourceId: logicalId,
          ResourceType: definition.Type,
          Scope: [],
          Details: [],
          AfterContext: JSON.stringify({ Properties: after }),
        },
      });
      continue;
    }
    const oldDefinition = input.oldTemplate?.Resources[logicalId];
    type Detail = ChangeDetail & { requiresRecreation: RequiresRecreation; evaluation: Evaluation };
    const details: Detail[] = [];
    const valueDetails: Detail[] = [];
    // AWS lists property details by property name.
    const names = [...new Set([...Object.keys(old.properties), ...Object.keys(after)])].sort();
    for (const name of names) {
      const before = old.properties[name];
      const now = after[name];
      const valueChanged = !same(before, now);
      const rawNew = definition.Properties?.[name];
      const refs = collectReferences(rawNew);
      // Readers of an attribute of a resource modified in place: AWS cannot know the attribute
      // keeps its value, so the default view lists them (Dynamic); the value view does not.
      const maybe: Omit<ChangeDetail, 'Target'>[] = [];
      for (const attribute of refs.attributes) {
        if (movement.get(attribute.slice(0, attribute.indexOf('.'))) === 'inplace') {
          maybe.push({ Evaluation: 'Dynamic', ChangeSource: 'ResourceAttribute', CausingEntity: attribute });
        }
      }
      if (!valueChanged && maybe.length === 0) continue;
      const effect = old.type === definition.Type ? replacementEffect(definition.Type, name, before, now) : 'yes';
      const requiresRecreation: RequiresRecreation = effect === 'yes' ? 'Always' : effect === 'maybe' ? 'Conditionally' : 'Never';
      const target: ChangeDetail['Target'] = {
        Attribute: 'Properties',
        Name: name,
        RequiresRecreation: requiresRecreation,
        Path: `/Properties/${name}`,
        ...(before === undefined ? {} : { BeforeValue: valueString(before) }),
        ...(now === undefined ? {} : { AfterValue: valueString(now) }),
        AttributeChangeType: before === undefined ? 'Add' : now === undefined ? 'Remove' : 'Modify',
      };
      const push = (list: Detail[], entries: Omit<ChangeDetail, 'Target'>[]) => {
        for (const entry of entries) list.push({ Target: { ...target }, ...entry, requiresRecreation, evaluation: entry.Evaluation });
      };
      if (!valueChanged) {
        push(details, maybe);
        continue;
      }
      const direct = !same(oldDefinition?.Properties?.[name], rawNew);
      const causes: Omit<ChangeDetail, 'Target'>[] = [];
      for (const ref of refs.refs) {
        if (changedParameters.has(ref)) causes.push({ Evaluation: 'Static', ChangeSource: 'ParameterReference', CausingEntity: ref });
        const moved = movement.get(ref);
        if (moved === 'static' || moved === 'dynamic') {
          causes.push({ Evaluation: moved === 'static' ? 'Static' : 'Dynamic', ChangeSource: 'ResourceReference', CausingEntity: ref });
        }
      }
      for (const attribute of refs.attributes) {
        const moved = movement.get(attribute.slice(0, attribute.indexOf('.')));
        if (moved === 'static' || moved === 'dynamic') {
          causes.push({ Evaluation: moved === 'static' ? 'Static' : 'Dynamic', ChangeSource: 'ResourceAttribute', CausingEntity: attribute });
        }
      }
      if (direct || causes.length === 0) {
        push(details, [{ Evaluation: 'Static', ChangeSource: 'DirectModification' }]);
        push(valueDetails, [{ Evaluation: 'Static', ChangeSource: 'DirectModification' }]);
        continue;
      }
      // A change through a reference (recorded: test_change_set_ref, _fn_get_attr, _parameters):
      // the value view leads with DirectModification/Dynamic; the default view names the cause,
      // followed by DirectModification/Dynamic only when a parameter is among the causes.
      const dynamicDirect: Omit<ChangeDetail, 'Target'> = { Evaluation: 'Dynamic', ChangeSource: 'DirectModification' };
      push(valueDetails, [dynamicDirect, ...causes]);
      push(details, causes.some((cause) => cause.ChangeSource === 'ParameterReference') ? [...causes, dynamicDirect] : causes);
    }
    const scope: string[] = details.length > 0 ? ['Properties'] : [];
    const valueScope: string[] = valueDetails.length > 0 ? ['Properties'] : [];
    if (!same(oldDefinition?.Metadata ?? old.metadata, definition.Metadata)) {
      const metadata: Detail = {
        Target: { Attribute: 'Metadata', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
        requiresRecreation: 'Never',
        evaluation: 'Static',
      };
      scope.push('Metadata');
      valueScope.push('Metadata');
      details.push(metadata);
      valueDetails.push({ ...metadata, Target: { ...metadata.Target } });
    }
    if (details.length === 0 && valueDetails.length === 0) {
      movement.set(logicalId, 'none');
      continue;
    }
    const replacement = replacementOf([...details, ...valueDetails]);
    movement.set(logicalId, replacement === 'True' ? 'static' : replacement === 'Conditional' ? 'dynamic' : 'inplace');
    const policyAction = policyActionOf('Modify', replacement, {
      deletionPolicy: definition.DeletionPolicy,
      updateReplacePolicy: definition.UpdateReplacePolicy,
    });
    const strip = (list: Detail[]) => list.map(({ requiresRecreation: _r, evaluation: _e, ...detail }) => detail);
    changes.push({
      Type: 'Resource',
      ResourceChange: {
        ...(policyAction ? { PolicyAction: policyAction } : {}),
        Action: 'Modify',
        LogicalResourceId: logicalId,
        PhysicalResourceId: old.physicalId,
        ResourceType: definition.Type,
        Replacement: replacement,
        Scope: scope,
        Details: strip(details),
        BeforeContext: JSON.stringify({ Properties: old.properties }),
        AfterContext: JSON.stringify({ Properties: after }),
        ValueDetails: strip(valueDetails),
        ValueScope: valueScope,
        ...(valueDetails.length === 0 ? { DefaultViewOnly: true } : {}),
      },
    });
  }

  for (const [logicalId, old] of Object.entries(input.oldResources)) {
    if (active.has(logicalId) || old.status === 'DELETE_COMPLETE') continue;
    changes.push({
      Type: 'Resource',
      ResourceChange: {
        PolicyAction: policyActionOf('Remove', undefined, { deletionPolicy: old.deletionPolicy }),
        Action: 'Remove',
        LogicalResourceId: logicalId,
        PhysicalResourceId: old.physicalId,
        ResourceType: old.type,
        Scope: [],
        Details: [],
        // Recorded (test_change_set_fn_get_attr test_resource_deletion): a removed resource's
        // BeforeContext is what its change set planned, KNOWN_AFTER_APPLY values included.
        BeforeContext: JSON.stringify({ Properties: old.plannedProperties ?? old.properties }),
      },
    });
  }

  let outputsChanged = false;
  const oldOutputs = new Map(input.oldOutputs.map((output) => [output.OutputKey, output]));
  const newOutputKeys = Object.entries(newTemplate.Outputs ?? {}).filter(([, output]) => output.Condition === undefined || conditions.get(output.Condition));
  if (newOutputKeys.length !== oldOutputs.size) outputsChanged = true;
  for (const [key, output] of newOutputKeys) {
    const previous = oldOutputs.get(key);
    let value: unknown;
    try {
      value = resolveValue(output.Value, ctx);
    } catch {
      value = KNOWN_AFTER_APPLY;
    }
    const exportName = output.Export ? resolveValue(output.Export.Name, ctx) : undefined;
    if (!previous || outputValueString(value) !== previous.OutputValue || (exportName === undefined ? undefined : String(exportName)) !== previous.ExportName || output.Description !== previous.Description) {
      outputsChanged = true;
    }
  }
  return { changes, outputsChanged };
}
