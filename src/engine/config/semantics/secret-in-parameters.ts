import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { findRuntimeDirectives } from './find-runtime-directives.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

/**
 * A deployment script's `parameters` are custom-resource properties: their values are stored in
 * the CloudFormation template and its events, so a `$Secret` there would leak. `environment`
 * keeps it a dynamic reference resolved inside Lambda.
 */
export function checkSecretInParameters(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const resource of view.resources) {
    if (resource.type !== 'deployment-script') continue;
    const base = propertyPath(resource.name, 'parameters');
    findRuntimeDirectives(resource.properties.parameters, base, (directive, path) => {
      if (directive.name !== 'Secret') return;
      const key = path.length > base.length ? String(path[base.length]) : 'VALUE';
      const envName = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_SECRET_IN_PARAMETERS',
          path,
          `${directive.source} in the parameters of deployment script "${resource.name}" would store the secret in the CloudFormation template`,
          'no $Secret in deployment-script parameters',
          `pass it through environment instead: environment: [{ name: ${envName}, value: "${directive.source}" }]`,
          directive.position,
        ),
      );
    });
  }
  return diagnostics;
}
