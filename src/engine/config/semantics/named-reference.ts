import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from './suggest-name.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';

/**
 * A property that names another resource of a given type (an event's `httpApiGatewayName`, a
 * deployment hook's function, ...): unknown names and names of the wrong type are errors, with a
 * did-you-mean among the resources of the right type.
 */
export function checkNamedReference(
  view: StackView,
  ctx: SemanticContext,
  name: unknown,
  expectedType: string,
  path: ConfigPath,
  property: string,
): Diagnostic | undefined {
  if (typeof name !== 'string') return undefined;
  const candidates = view.resources.filter((r) => r.type === expectedType).map((r) => r.name);
  const expected =
    candidates.length > 0
      ? `the name of a ${expectedType} resource: ${quoteList(candidates)}`
      : `the name of a ${expectedType} resource (this stack has none)`;
  const target = view.byName.get(name);
  if (target && target.type === expectedType) return undefined;
  const suggestion = suggestName(name, candidates);
  const hint = suggestion
    ? `did you mean "${suggestion}"?`
    : candidates.length === 0
      ? `add a resource of type ${expectedType}`
      : `use one of: ${quoteList(candidates)}`;
  if (!target) {
    return semanticError(
      ctx,
      'STP_CONFIG_UNKNOWN_REFERENCE',
      path,
      `${property} "${name}": no resource with that name in this stack`,
      expected,
      hint,
    );
  }
  return semanticError(
    ctx,
    'STP_CONFIG_UNKNOWN_REFERENCE',
    path,
    `${property} "${name}" names a ${target.type}, but it must name a ${expectedType}`,
    expected,
    hint,
  );
}
