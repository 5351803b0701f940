import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkNamedReference } from './named-reference.js';
import type { SemanticContext } from './semantic-context.js';
import { asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

const HOOK_PROPERTIES = ['beforeAllowTrafficFunction', 'afterTrafficShiftFunction'] as const;

/** Gradual-deployment hooks must name a `function` resource of this stack. */
export function checkDeploymentHooks(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const resource of view.resources) {
    const deployment = asRecord(resource.properties.deployment);
    if (!deployment) continue;
    for (const property of HOOK_PROPERTIES) {
      const d = checkNamedReference(
        view,
        ctx,
        deployment[property],
        'function',
        propertyPath(resource.name, 'deployment', property),
        property,
      );
      if (d) diagnostics.push(d);
    }
  }
  return diagnostics;
}
