import { collectReferences } from '../template/collect-references.js';
import { activeResources } from '../template/active-resources.js';
import { dependencyGraph, topologicalOrder } from '../template/dependency-graph.js';
import { pseudoParameters } from '../template/pseudo-parameters.js';
import { KNOWN_AFTER_APPLY, evaluateConditions, resolveValue, type ResolveContext } from '../template/resolve-intrinsics.js';
import type { Template } from '../template/template-types.js';
import type { ResourceRecord, StackOutputRecord } from '../stack/stack-model.js';
import { outputValueString } from '../stack/outputs.js';
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
  Details: ChangeDetail[];
  BeforeContext?: string;
  AfterContext?: string;
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

/** How a resource's Ref/attributes move: not at all, surely (added/replaced) or maybe (conditional replacement). */
type Movement = 'none' | 'static' | 'dynamic';

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
      if ((movement.get(id) ?? 'static') !== 'none') return KNOWN_AFTER_APPLY;
      return input.oldResources[id]?.physicalId ?? KNOWN_AFTER_APPLY;
    },
    getAtt: (id, attribute) => {
      if ((movement.get(id) ?? 'static') !== 'none') return KNOWN_AFTER_APPLY;
      const value = input.oldResources[id]?.attributes[attribute];
      return value === undefined ? KNOWN_AFTER_APPLY : value;
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
    const details: (ChangeDetail & { requiresRecreation: RequiresRecreation; evaluation: Evaluation })[] = [];
    const names = new Set([...Object.keys(old.properties), ...Object.keys(after)]);
    for (const name of names) {
      const before = old.properties[name];
      const now = after[name];
      if (same(before, now)) continue;
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
      const rawOld = oldDefinition?.Properties?.[name];
      const rawNew = definition.Properties?.[name];
      const direct = !same(rawOld, rawNew);
      const causes: Omit<ChangeDetail, 'Target'>[] = [];
      const refs = collectReferences(rawNew);
      for (const ref of refs.refs) {
        if (changedParameters.has(ref)) causes.push({ Evaluation: 'Static', ChangeSource: 'ParameterReference', CausingEntity: ref });
        const moved = movement.get(ref);
        if (moved && moved !== 'none') {
          causes.push({ Evaluation: moved === 'static' ? 'Static' : 'Dynamic', ChangeSource: 'ResourceReference', CausingEntity: ref });
        }
      }
      for (const attribute of refs.attributes) {
        const moved = movement.get(attribute.slice(0, attribute.indexOf('.')));
        if (moved && moved !== 'none') {
          causes.push({ Evaluation: moved === 'static' ? 'Static' : 'Dynamic', ChangeSource: 'ResourceAttribute', CausingEntity: attribute });
        }
      }
      const entries: Omit<ChangeDetail, 'Target'>[] = [];
      if (direct || causes.length === 0) entries.push({ Evaluation: 'Static', ChangeSource: 'DirectModification' });
      if (!direct && causes.length > 0) {
        entries.push(...causes, { Evaluation: 'Dynamic', ChangeSource: 'DirectModification' });
      }
      for (const entry of entries) {
        details.push({ Target: { ...target }, ...entry, requiresRecreation, evaluation: entry.Evaluation });
      }
    }
    const scope: string[] = [];
    if (details.length > 0) scope.push('Properties');
    if (!same(oldDefinition?.Metadata ?? old.metadata, definition.Metadata)) {
      scope.push('Metadata');
      details.push({
        Target: { Attribute: 'Metadata', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
        requiresRecreation: 'Never',
        evaluation: 'Static',
      });
    }
    if (details.length === 0) {
      movement.set(logicalId, 'none');
      continue;
    }
    const replacement = replacementOf(details);
    movement.set(logicalId, replacement === 'True' ? 'static' : replacement === 'Conditional' ? 'dynamic' : 'none');
    const policyAction = policyActionOf('Modify', replacement, {
      deletionPolicy: definition.DeletionPolicy,
      updateReplacePolicy: definition.UpdateReplacePolicy,
    });
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
        Details: details.map(({ requiresRecreation: _r, evaluation: _e, ...detail }) => detail),
        BeforeContext: JSON.stringify({ Properties: old.properties }),
        AfterContext: JSON.stringify({ Properties: after }),
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
        BeforeContext: JSON.stringify({ Properties: old.properties }),
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
