import type { FaultInjector } from '../../../faults/fault-injector.js';

/**
 * Making a resource fail on purpose, so rollback paths are testable:
 *   Metadata: { "stp:emulator": { "fail": "<reason>", "failOn": "create|update|delete|rollback" } }
 * (`failOn` defaults to create; a comma list is allowed; `rollback` fails the revert of the
 * resource during an update rollback), or a `fail-resource` rule of the emulator's fault injector
 * (create/update/delete).
 */
export type FailurePhase = 'create' | 'update' | 'delete' | 'rollback';

export type ResourceFaults = Pick<FaultInjector, 'shouldFailResource'>;

export function injectedFailure(
  metadata: Record<string, unknown> | undefined,
  phase: FailurePhase,
  resource: { logicalId: string; type: string },
  faults: ResourceFaults | undefined,
): string | undefined {
  const marker = metadata?.['stp:emulator'] as { fail?: unknown; failOn?: unknown } | undefined;
  if (marker && marker.fail !== undefined && marker.fail !== false) {
    const phases = String(marker.failOn ?? 'create').split(',').map((item) => item.trim().toLowerCase());
    if (phases.includes(phase)) {
      return typeof marker.fail === 'string' ? marker.fail : `Resource ${resource.logicalId} failed (stp:emulator metadata)`;
    }
  }
  if (faults && phase !== 'rollback') {
    const action = phase === 'create' ? 'Create' : phase === 'update' ? 'Update' : 'Delete';
    return faults.shouldFailResource(resource.logicalId, resource.type, action)?.reason;
  }
  return undefined;
}
