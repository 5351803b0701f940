/**
 * The change set's changes → the plan (events.ts `PlannedChange`): what happens to each resource,
 * why, whether it loses data or broadens access, whether it touches a protected resource, and
 * which config resource it belongs to, so the plan speaks in the user's names.
 */
import type { ChangeSetChange } from '../../aws/cloudformation/change-set-changes.js';
import type { ChangeAction, PlanCounts, PlannedChange } from '../events.js';
import { ACCESS_GRANTING_TYPES, ACCESS_PROPERTIES, DATA_BEARING_TYPES } from './data-bearing-types.js';

export interface ResourcePolicies {
  deletionPolicy?: string;
  updateReplacePolicy?: string;
}

export interface ClassifyContext {
  /** Logical id → config resource name (compile's owners map). */
  owners: Readonly<Record<string, string>>;
  /** Config resource names or logical ids that may never be replaced or removed. */
  protect?: readonly string[];
  /**
   * DeletionPolicy / UpdateReplacePolicy per logical id, from the new template (replacements) and
   * the deployed one (removals), for when the change set gives no PolicyAction.
   */
  policies?: Readonly<Record<string, ResourcePolicies>>;
}

export interface ClassifiedPlan {
  changes: PlannedChange[];
  counts: PlanCounts;
}

function actionOf(change: ChangeSetChange): ChangeAction {
  switch (change.action) {
    case 'Add':
      return 'add';
    case 'Remove':
      return 'remove';
    case 'Import':
      return 'import';
    case 'Dynamic':
      return 'dynamic';
    default:
      return change.replacement === 'True' ? 'replace' : change.replacement === 'Conditional' ? 'may-replace' : 'modify';
  }
}

/** The policy that decides what happens to the old resource's data. */
function effectivePolicy(change: ChangeSetChange, action: ChangeAction, policies: ResourcePolicies | undefined): string | undefined {
  if (change.policyAction) return change.policyAction;
  if (action === 'remove') return policies?.deletionPolicy ?? 'Delete';
  if (action === 'replace' || action === 'may-replace') {
    const policy = policies?.updateReplacePolicy ?? 'Delete';
    return `ReplaceAnd${policy}`;
  }
  return undefined;
}

const KEEPS_DATA = new Set(['Retain', 'Snapshot', 'ReplaceAndRetain', 'ReplaceAndSnapshot', 'RetainExceptOnCreate']);

function isDestroying(action: ChangeAction): boolean {
  return action === 'remove' || action === 'replace' || action === 'may-replace';
}

function broadensAccess(change: ChangeSetChange, action: ChangeAction): boolean {
  if (!ACCESS_GRANTING_TYPES.has(change.resourceType)) return false;
  if (action === 'add') return true;
  if (action === 'remove') return false;
  // Without property values stp cannot tell widening from narrowing: a change to a property that
  // grants access counts (as CDK's "broadening" does for new statements).
  return change.details.some((detail) => {
    const [, name] = detail.path.split('.');
    return name !== undefined ? ACCESS_PROPERTIES.has(name) : detail.path === 'Properties';
  });
}

export function classifyChange(change: ChangeSetChange, context: ClassifyContext): PlannedChange {
  const action = actionOf(change);
  const owner = context.owners[change.logicalId];
  const policyAction = effectivePolicy(change, action, context.policies?.[change.logicalId]);
  const dataLoss = isDestroying(action) && DATA_BEARING_TYPES.has(change.resourceType) && !(policyAction && KEEPS_DATA.has(policyAction));
  const protectedNames = new Set(context.protect ?? []);
  const isProtected = protectedNames.has(change.logicalId) || (owner !== undefined && protectedNames.has(owner));
  return {
    logicalId: change.logicalId,
    ...(owner !== undefined ? { owner } : {}),
    resourceType: change.resourceType,
    ...(change.physicalId ? { physicalId: change.physicalId } : {}),
    action,
    ...(change.replacement ? { replacement: change.replacement } : {}),
    causes: change.details.map((detail) => ({
      path: detail.path,
      ...(detail.requiresRecreation ? { requiresRecreation: detail.requiresRecreation } : {}),
      ...(detail.evaluation ? { evaluation: detail.evaluation } : {}),
      ...(detail.changeSource ? { changeSource: detail.changeSource } : {}),
      ...(detail.causingEntity ? { causingEntity: detail.causingEntity } : {}),
      ...(detail.before !== undefined ? { before: detail.before } : {}),
      ...(detail.after !== undefined ? { after: detail.after } : {}),
    })),
    ...(policyAction ? { policyAction } : {}),
    dataLoss,
    securityBroadening: broadensAccess(change, action),
    protectedViolation: isProtected && isDestroying(action),
  };
}

export function countChanges(changes: readonly PlannedChange[]): PlanCounts {
  const counts: PlanCounts = { add: 0, modify: 0, replace: 0, mayReplace: 0, remove: 0, dataLoss: 0, total: changes.length };
  for (const change of changes) {
    if (change.action === 'add' || change.action === 'import') counts.add += 1;
    else if (change.action === 'modify' || change.action === 'dynamic') counts.modify += 1;
    else if (change.action === 'replace') counts.replace += 1;
    else if (change.action === 'may-replace') counts.mayReplace += 1;
    else if (change.action === 'remove') counts.remove += 1;
    if (change.dataLoss) counts.dataLoss += 1;
  }
  return counts;
}

/** Classifies every change, in a stable order: by config resource, then logical id. */
export function classifyChanges(changes: readonly ChangeSetChange[], context: ClassifyContext): ClassifiedPlan {
  const planned = changes
    .map((change) => classifyChange(change, context))
    .sort((a, b) => (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff') || a.logicalId.localeCompare(b.logicalId));
  return { changes: planned, counts: countChanges(planned) };
}

/** DeletionPolicy / UpdateReplacePolicy of every resource of a template. */
export function policiesOf(template: { Resources?: Record<string, { DeletionPolicy?: string; UpdateReplacePolicy?: string }> } | undefined): Record<string, ResourcePolicies> {
  const out: Record<string, ResourcePolicies> = {};
  for (const [id, resource] of Object.entries(template?.Resources ?? {})) {
    out[id] = {
      ...(resource.DeletionPolicy ? { deletionPolicy: resource.DeletionPolicy } : {}),
      ...(resource.UpdateReplacePolicy ? { updateReplacePolicy: resource.UpdateReplacePolicy } : {}),
    };
  }
  return out;
}
