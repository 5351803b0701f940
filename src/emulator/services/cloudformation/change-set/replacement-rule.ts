/**
 * `ResourceChange.Replacement` from the details (CloudFormation API doc): a detail with
 * RequiresRecreation Always and Evaluation Static means True; Always with Dynamic, or
 * Conditionally, means Conditional; otherwise False. The most severe detail wins.
 */
export type RequiresRecreation = 'Never' | 'Conditionally' | 'Always';
export type Evaluation = 'Static' | 'Dynamic';
export type Replacement = 'True' | 'Conditional' | 'False';

export function replacementOf(details: readonly { requiresRecreation: RequiresRecreation; evaluation: Evaluation }[]): Replacement {
  let result: Replacement = 'False';
  for (const detail of details) {
    if (detail.requiresRecreation === 'Always' && detail.evaluation === 'Static') return 'True';
    if (detail.requiresRecreation === 'Always' || detail.requiresRecreation === 'Conditionally') result = 'Conditional';
  }
  return result;
}

/** `PolicyAction` for a change: deletion follows DeletionPolicy, replacement UpdateReplacePolicy. */
export function policyActionOf(action: 'Add' | 'Modify' | 'Remove', replacement: Replacement | undefined, policies: { deletionPolicy?: string; updateReplacePolicy?: string }): string | undefined {
  if (action === 'Remove') return policies.deletionPolicy === 'Retain' || policies.deletionPolicy === 'RetainExceptOnCreate' ? 'Retain' : policies.deletionPolicy === 'Snapshot' ? 'Snapshot' : 'Delete';
  if (action === 'Modify' && (replacement === 'True' || replacement === 'Conditional')) {
    return policies.updateReplacePolicy === 'Retain' ? 'ReplaceAndRetain' : policies.updateReplacePolicy === 'Snapshot' ? 'ReplaceAndSnapshot' : 'ReplaceAndDelete';
  }
  return undefined;
}
