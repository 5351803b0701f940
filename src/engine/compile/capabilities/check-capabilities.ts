import type { ResolvedStack } from '../../config/resolved-stack.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { stackInputFromResolved, type PositionLookup } from '../stack-input-from-resolved.js';
import { findUnsupportedConstructs, unsupportedDiagnostic } from './unsupported-constructs.js';

/**
 * `stp validate`'s view of what compile would refuse for a missing capability: the diagnostics
 * `compileStack` reports for the same constructs (code, message, place), without compiling.
 */
export function checkCapabilities(resolved: ResolvedStack, positions?: PositionLookup): Diagnostic[] {
  const stack = stackInputFromResolved(resolved, positions);
  const diagnostics = findUnsupportedConstructs(stack).map((u) => unsupportedDiagnostic(u, stack.positionOf));
  // In source order, as every other validate finding.
  const at = (d: Diagnostic) => (d.position ? d.position.line * 1e6 + d.position.column : Number.MAX_SAFE_INTEGER);
  return diagnostics.sort((a, b) => at(a) - at(b));
}
