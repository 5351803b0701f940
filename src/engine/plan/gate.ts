/**
 * The gate between plan and execution. Pure: the plan and the policy in, a decision out; the
 * deploy machine turns "ask" into an approval request and waits for the operator's answer.
 *
 * Levels: `data-loss` (a data-bearing resource destroyed without Retain/Snapshot) > `destructive`
 * (remove; replace except routine revisions; may-replace forced by a static cause) > `changes`. Access broadening is flagged in the plan but is not
 * a level of its own (every first deploy adds roles); `--require-approval any-change` gates it. Headless, the policy
 * (`--require-approval`) says from which level on approval is needed and `--yes` gives it; a
 * protected resource is refused whatever the flags.
 */
import type { PlannedChange } from '../events.js';

export type ApprovalPolicy = 'never' | 'destructive' | 'any-change';
export const APPROVAL_POLICIES: readonly ApprovalPolicy[] = ['never', 'destructive', 'any-change'];
export type ApprovalLevel = 'changes' | 'destructive' | 'data-loss';

export interface GateInput {
  changes: readonly PlannedChange[];
  stackName: string;
  policy: ApprovalPolicy;
  /** An operator can answer (a TTY, not --ci, not --json). */
  interactive: boolean;
  /** `--yes`: approve whatever the policy asks for. */
  yes: boolean;
}

export type GateDecision =
  | { kind: 'proceed'; by: 'policy' | 'flag'; level: ApprovalLevel; reason: string }
  | { kind: 'ask'; level: ApprovalLevel; resources: string[]; confirmText?: string }
  | { kind: 'refuse'; code: string; level: ApprovalLevel; resources: string[]; reason: string; fix: string };

/**
 * Types replaced on every change by design (immutable revisions): replacing one is routine, not
 * destructive (every ECS deploy replaces its task definition).
 */
export const ROUTINE_REPLACEMENT_TYPES: ReadonlySet<string> = new Set([
  'AWS::ECS::TaskDefinition',
  'AWS::Lambda::Version',
  'AWS::Lambda::LayerVersion',
  'AWS::ApiGateway::Deployment',
  'AWS::AutoScaling::LaunchConfiguration',
]);

/**
 * Destructive: a removal, or a replacement that is not routine. A "may replace" counts only when
 * something known now forces it (a static cause); one that CloudFormation can decide only at
 * execution from a changed reference (every cause Dynamic) is shown, but gated as a change.
 * Data-bearing resources are gated by `dataLoss` whatever this says.
 */
export function isDestructive(change: PlannedChange): boolean {
  if (change.action === 'remove') return true;
  if (ROUTINE_REPLACEMENT_TYPES.has(change.resourceType)) return false;
  if (change.action === 'replace') return true;
  if (change.action === 'may-replace') {
    const forcing = change.causes.filter((c) => c.requiresRecreation && c.requiresRecreation !== 'Never');
    return forcing.length === 0 || forcing.some((c) => c.evaluation !== 'Dynamic');
  }
  return false;
}

export function planLevel(changes: readonly PlannedChange[]): ApprovalLevel {
  if (changes.some((c) => c.dataLoss)) return 'data-loss';
  if (changes.some(isDestructive)) return 'destructive';
  return 'changes';
}

/** The resources that make a level (logical ids). */
export function resourcesAtLevel(changes: readonly PlannedChange[], level: ApprovalLevel): string[] {
  const pick = level === 'data-loss' ? (c: PlannedChange) => c.dataLoss : level === 'destructive' ? isDestructive : () => true;
  return changes.filter(pick).map((c) => c.logicalId);
}

function needsApproval(policy: ApprovalPolicy, level: ApprovalLevel, changeCount: number): boolean {
  if (changeCount === 0) return false;
  if (policy === 'never') return false;
  if (policy === 'any-change') return true;
  return level !== 'changes';
}

function describe(changes: readonly PlannedChange[], level: ApprovalLevel): string {
  const named = changes
    .filter(level === 'data-loss' ? (c) => c.dataLoss : isDestructive)
    .map((c) => `${c.owner ? `${c.owner}/` : ''}${c.logicalId} (${c.action}${c.dataLoss ? ', data loss' : ''})`);
  return named.join(', ');
}

export function decideGate(input: GateInput): GateDecision {
  const { changes } = input;
  const level = planLevel(changes);
  const violations = changes.filter((c) => c.protectedViolation);
  if (violations.length > 0) {
    return {
      kind: 'refuse',
      code: 'STP_PROTECTED_RESOURCE',
      level,
      resources: violations.map((c) => c.logicalId),
      reason: `The plan would ${violations.map((c) => `${c.action === 'remove' ? 'remove' : 'replace'} protected ${c.owner ?? c.logicalId} (${c.logicalId})`).join(', ')}.`,
      fix: 'Change the config so the protected resource keeps its identity, or drop it from --protect for this deploy.',
    };
  }
  if (!needsApproval(input.policy, level, changes.length)) {
    return { kind: 'proceed', by: 'policy', level, reason: changes.length === 0 ? 'no changes' : `--require-approval ${input.policy}` };
  }
  if (input.yes) return { kind: 'proceed', by: 'flag', level, reason: '--yes' };
  const resources = resourcesAtLevel(changes, level === 'changes' ? 'changes' : level);
  if (input.interactive) {
    return { kind: 'ask', level, resources, ...(level === 'data-loss' ? { confirmText: input.stackName } : {}) };
  }
  const what =
    level === 'changes'
      ? `${changes.length} change${changes.length === 1 ? '' : 's'}`
      : level === 'data-loss'
        ? `changes that destroy data: ${describe(changes, 'data-loss')}`
        : `destructive changes: ${describe(changes, 'destructive')}`;
  return {
    kind: 'refuse',
    code: 'STP_APPROVAL_REQUIRED',
    level,
    resources,
    reason: `The plan has ${what}, and --require-approval ${input.policy} needs an approval that nobody can give here (headless).`,
    fix: 'Review the plan above, then run again with --yes to approve it (or with --require-approval never).',
  };
}
