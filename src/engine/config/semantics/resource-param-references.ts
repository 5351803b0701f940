import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from './suggest-name.js';
import { findRuntimeDirectives } from './find-runtime-directives.js';
import { REFERENCEABLE_PARAMS } from './referenceable-params.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';

/**
 * `$ResourceParam('resource', 'param')` anywhere in the config must name a resource of this stack
 * and a parameter that resource's type can give.
 */
export function checkResourceParamReferences(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = view.resources.map((r) => r.name);
  findRuntimeDirectives(view.config, [], (directive, path) => {
    if (directive.name !== 'ResourceParam') return;
    const [resource, param] = directive.args;
    if (typeof resource !== 'string' || typeof param !== 'string') return;
    const target = view.byName.get(resource);
    if (!target) {
      const suggestion = suggestName(resource, names);
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_UNKNOWN_REFERENCE',
          path,
          `${directive.source} refers to resource "${resource}", which is not defined in this stack`,
          names.length > 0 ? `one of the resources: ${quoteList(names)}` : 'a resource defined under `resources`',
          suggestion ? `did you mean "${suggestion}"?` : `define "${resource}" under \`resources\`, or fix the name`,
          directive.position,
        ),
      );
      return;
    }
    const valid = REFERENCEABLE_PARAMS[target.type];
    if (valid === undefined || valid.includes(param)) return;
    const suggestion = suggestName(param, valid);
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_UNKNOWN_RESOURCE_PARAM',
        path,
        valid.length === 0
          ? `${directive.source}: a ${target.type} ("${resource}") has no parameters to reference`
          : `${directive.source}: a ${target.type} has no parameter "${param}"`,
        valid.length === 0 ? `no $ResourceParam on a ${target.type}` : `one of: ${quoteList(valid)}`,
        suggestion
          ? `did you mean "${suggestion}"?`
          : valid.length === 0
            ? `connect to it with connectTo, or read another resource's parameters`
            : `use one of: ${quoteList(valid)}`,
        directive.position,
      ),
    );
  });
  return diagnostics;
}
