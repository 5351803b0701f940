/**
 * The plan pane's content as data (no React): changes grouped by action in reading order, why a
 * change replaces its resource in a few words, and the flat list of rows the pane windows over.
 */
import type { ChangeAction, ChangeCause, PlannedChange } from '../../engine/events.js';
import { ACTION_ORDER } from '../components/action-style.js';

export type PlanRow = { kind: 'group'; action: ChangeAction; count: number } | { kind: 'change'; change: PlannedChange; index: number };

export interface PlanView {
  rows: PlanRow[];
  /** The changes in row order: `index` of a change row points here (the selection moves over these). */
  changes: PlannedChange[];
}

export function planView(changes: readonly PlannedChange[]): PlanView {
  const rows: PlanRow[] = [];
  const ordered: PlannedChange[] = [];
  for (const action of ACTION_ORDER) {
    const group = changes.filter((change) => change.action === action);
    if (group.length === 0) continue;
    rows.push({ kind: 'group', action, count: group.length });
    for (const change of group) {
      rows.push({ kind: 'change', change, index: ordered.length });
      ordered.push(change);
    }
  }
  return { rows, changes: ordered };
}

/** The config name first; CloudFormation-only resources (stp's own, `cloudformationResources`) by logical id. */
export function displayName(change: { owner?: string; logicalId: string }): string {
  return change.owner ?? change.logicalId;
}

/** The causes that make a change replace (or maybe replace) its resource. */
export function forcingCauses(change: PlannedChange): ChangeCause[] {
  return change.causes.filter((cause) => cause.requiresRecreation === 'Always' || cause.requiresRecreation === 'Conditionally');
}

/** `Properties.BucketName` → `BucketName` (the row is about properties anyway). */
export function shortPath(path: string): string {
  return path.startsWith('Properties.') ? path.slice('Properties.'.length) : path;
}

/** Why a property changes, from CloudFormation's ChangeSource and CausingEntity. */
export function causeSource(cause: ChangeCause): string {
  switch (cause.changeSource) {
    case 'DirectModification':
      return 'edited in the template';
    case 'ResourceReference':
      return `${cause.causingEntity ?? 'a referenced resource'} changes`;
    case 'ParameterReference':
      return `parameter ${cause.causingEntity ?? '?'} changes`;
    case 'ResourceAttribute':
      return `${cause.causingEntity ?? 'an attribute'} changes`;
    case 'Automatic':
      return 'nested stack update';
    default:
      return cause.changeSource ?? 'unknown source';
  }
}

/** The few words a row gives the source: `edited`, `via WriteNoteFunction.Arn`, `via parameter StpDeploymentId`. */
export function causeSourceShort(cause: ChangeCause): string {
  switch (cause.changeSource) {
    case 'DirectModification':
      return 'edited';
    case 'ParameterReference':
      return `via parameter ${cause.causingEntity ?? '?'}`;
    case 'ResourceReference':
    case 'ResourceAttribute':
      return `via ${cause.causingEntity ?? 'a reference'}`;
    case 'Automatic':
      return 'nested update';
    default:
      return cause.changeSource ?? '?';
  }
}

/** One cause in a row: `BucketName (Always; edited)`, `QueueName (Conditionally, at execution; via StpNamePrefix)`. */
export function causeText(cause: ChangeCause): string {
  const recreation = cause.requiresRecreation && cause.requiresRecreation !== 'Never' ? `${cause.requiresRecreation}${cause.evaluation === 'Dynamic' ? ', at execution' : ''}; ` : '';
  return `${shortPath(cause.path)} (${recreation}${causeSourceShort(cause)})`;
}

/** What a row says after the type: the forcing properties for replacements, the changed ones for modifications. */
export function changeWhy(change: PlannedChange): string {
  if (change.action === 'replace' || change.action === 'may-replace') {
    const forcing = dedupe(forcingCauses(change).map(causeText));
    return forcing.length > 0 ? `forced by ${forcing.join(', ')}` : change.replacement === 'True' ? 'replaced (no property named)' : '';
  }
  if (change.action === 'modify' || change.action === 'dynamic') {
    const paths = dedupe(change.causes.map((cause) => shortPath(cause.path)));
    return paths.length > 3 ? `${paths.slice(0, 3).join(', ')} +${paths.length - 3}` : paths.join(', ');
  }
  return '';
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

/** Flags a change carries, in the words the pane shows (they read without colour). */
export function changeFlags(change: PlannedChange): { text: string; tone: 'danger' | 'warn' | 'info' }[] {
  const flags: { text: string; tone: 'danger' | 'warn' | 'info' }[] = [];
  if (change.dataLoss) flags.push({ text: 'DATA LOSS', tone: 'danger' });
  if (change.protectedViolation) flags.push({ text: 'PROTECTED', tone: 'danger' });
  if (change.securityBroadening) flags.push({ text: 'broadens access', tone: 'warn' });
  if (change.policyAction) flags.push({ text: change.policyAction, tone: /Retain|Snapshot/.test(change.policyAction) ? 'info' : 'warn' });
  return flags;
}
