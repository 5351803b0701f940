import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { findRuntimeDirectives } from './find-runtime-directives.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';

/**
 * `$Secret` compiles to a Secrets Manager dynamic reference, which CloudFormation resolves only
 * inside resource properties. In stack outputs it is rejected, and stack tags are sent as plain
 * text with the API call and shown in the console, so a secret there would leak.
 */
export function checkSecretOutsideResources(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const stackConfig = (view.config as { stackConfig?: { outputs?: unknown; tags?: unknown } }).stackConfig;
  const places: [unknown, string, string][] = [
    [stackConfig?.outputs, 'outputs', 'stack outputs are readable by anyone who can describe the stack'],
    [stackConfig?.tags, 'tags', 'stack tags are plain text on the stack and on every resource'],
  ];
  for (const [value, key, why] of places) {
    findRuntimeDirectives(value, ['stackConfig', key], (directive, path) => {
      if (directive.name !== 'Secret') return;
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_SECRET_OUTSIDE_RESOURCES',
          path,
          `${directive.source} cannot be used in stackConfig.${key}: ${why}`,
          'secrets only in resource properties such as environment',
          `pass the secret to the resource that needs it through its environment, and read it there`,
          directive.position,
        ),
      );
    });
  }
  return diagnostics;
}
