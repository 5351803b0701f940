import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { StackConfig } from '../schema/index.js';
import { checkAlbRules } from './alb-rules.js';
import { checkConnectToReferences } from './connect-to-references.js';
import { checkContainerDependencies } from './container-dependencies.js';
import { checkContainerNames } from './container-names.js';
import { checkContainerPorts } from './container-ports.js';
import { checkDeploymentHooks } from './deployment-hooks.js';
import { checkEventReferences } from './event-references.js';
import { checkEventSources } from './event-sources.js';
import { checkFargateSize } from './fargate-size.js';
import { checkHookScripts } from './hook-scripts.js';
import { checkHttpApiRoutes } from './http-api-routes.js';
import { checkResourceNames } from './resource-names.js';
import { checkResourceParamReferences } from './resource-param-references.js';
import { checkScriptReferences } from './script-references.js';
import { checkSecretInParameters } from './secret-in-parameters.js';
import { checkSecretOutsideResources } from './secret-outside-resources.js';
import type { SemanticContext } from './semantic-context.js';
import { viewStack } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { checkStopTimeout } from './stop-timeout.js';
import { checkStrategyWithoutAlb } from './strategy-without-alb.js';

export type { SemanticContext } from './semantic-context.js';

type Rule = (view: StackView, ctx: SemanticContext) => Diagnostic[];

const RULES: readonly Rule[] = [
  checkResourceNames,
  checkResourceParamReferences,
  checkConnectToReferences,
  checkEventReferences,
  checkEventSources,
  checkAlbRules,
  checkHttpApiRoutes,
  checkDeploymentHooks,
  checkHookScripts,
  checkScriptReferences,
  checkSecretInParameters,
  checkSecretOutsideResources,
  checkContainerNames,
  checkContainerDependencies,
  checkContainerPorts,
  checkStrategyWithoutAlb,
  checkStopTimeout,
  checkFargateSize,
];

/**
 * Rules the schema cannot express: references between resources, names, container graphs and
 * AWS limits. Every rule runs; all diagnostics come back together, in source order.
 */
export function checkSemantics(config: StackConfig, ctx: SemanticContext): Diagnostic[] {
  const view = viewStack(config);
  // A runtime directive staged in `variables` is the same object wherever $Var() put it, so it
  // would be reported once per use: keep one report per problem and place.
  const seen = new Set<string>();
  const diagnostics = RULES.flatMap((rule) => rule(view, ctx)).filter((d) => {
    const key = `${d.code}\u0000${d.message}\u0000${d.position ? `${d.position.line}:${d.position.column}` : d.path?.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const pa = a.d.position;
      const pb = b.d.position;
      if (pa && pb) return pa.line - pb.line || pa.column - pb.column || a.i - b.i;
      if (pa) return -1;
      if (pb) return 1;
      return a.i - b.i;
    })
    .map(({ d }) => d);
}
