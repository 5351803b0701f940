import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';

/** `my-db` → `myDb`: what an alphanumeric spelling of a name would be. */
function alphanumericSuggestion(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Resource names must be alphanumeric (Stacktape's `validateResourceNames`), and two names must not
 * collide once turned into CloudFormation logical IDs (`PascalCase(name)` + type suffix), which
 * happens when they differ only in the case of the first letter.
 */
export function checkResourceNames(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byLogicalName = new Map<string, string>();
  for (const { name } of view.resources) {
    if (!/^[A-Za-z0-9]+$/.test(name)) {
      const suggestion = alphanumericSuggestion(name);
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_INVALID_RESOURCE_NAME',
          ['resources', name],
          `resource name "${name}" must contain only letters and digits`,
          'an alphanumeric name such as myDatabase',
          suggestion ? `rename it to "${suggestion}"` : 'use letters and digits only',
          ctx.keyPositionOf?.(['resources', name]),
        ),
      );
    }
    const logical = pascal(name);
    const other = byLogicalName.get(logical);
    if (other !== undefined) {
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_DUPLICATE_RESOURCE_NAME',
          ['resources', name],
          `resource names "${other}" and "${name}" both become the CloudFormation name "${logical}"`,
          'resource names that differ by more than the case of their first letter',
          `rename one of them`,
          ctx.keyPositionOf?.(['resources', name]),
        ),
      );
    } else byLogicalName.set(logical, name);
  }
  return diagnostics;
}
