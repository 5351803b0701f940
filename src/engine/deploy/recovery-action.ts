/**
 * What can be done for a stack left in a status (pure: the engine's rollback machine and the
 * console's failure screen both ask, so the screen offers exactly what `stp rollback` would do).
 */
export type RecoveryAction = 'cancel' | 'rollback' | 'recover';

/** What `stp rollback` does for a stack in this status (undefined: nothing to roll back). */
export function recoveryFor(status: string): RecoveryAction | undefined {
  if (status === 'UPDATE_IN_PROGRESS') return 'cancel';
  if (status === 'UPDATE_ROLLBACK_FAILED') return 'recover';
  if (status === 'UPDATE_FAILED' || status === 'CREATE_FAILED') return 'rollback';
  return undefined;
}
