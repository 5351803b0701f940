import type { ResolvedStack } from '../../config/resolved-stack.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { stackInputFromResolved, type PositionLookup } from '../stack-input-from-resolved.js';
import { findUnsupportedConstructs, UNSUPPORTED_CODE, unsupportedMessage } from './unsupported-constructs.js';

/**
 * `stp validate`'s view of what compile would refuse for a missing capability: the diagnostics
 * `compileStack` reports for the same constructs (code, message, place), without compiling.
 */
export function checkCapabilities(resolved: ResolvedStack, positions?: PositionLookup): Diagnostic[] {
  const stack = stackInputFromResolved(resolved, positions);
  const diagnostics = findUnsupportedConstructs(stack).map((u) => {
    const diagnostic: Diagnostic = { code: UNSUPPORTED_CODE, severity: 'error', message: unsupportedMessage(u.what), path: u.path };
    const position = stack.positionOf?.(u.path);
    if (position) diagnostic.position = position;
    if (u.hint !== undefined) diagnostic.hint = u.hint;
    return diagnostic;
  });
  // In source order, as every other validate finding.
  const at = (d: Diagnostic) => (d.position ? d.position.line * 1e6 + d.position.column : Number.MAX_SAFE_INTEGER);
  return diagnostics.sort((a, b) => at(a) - at(b));
}
