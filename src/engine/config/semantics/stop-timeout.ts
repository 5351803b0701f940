import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import { propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { workloadContainerLists } from './workload-containers.js';

const MIN = 2;
const MAX = 120;

/** ECS accepts a stopTimeout of 2–120 seconds; kept here in case the schema is loosened. */
export function checkStopTimeout(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (value: unknown, path: ConfigPath) => {
    if (typeof value !== 'number' || (value >= MIN && value <= MAX && Number.isInteger(value))) return;
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_OUT_OF_RANGE',
        path,
        `stopTimeout ${value} is outside what ECS allows`,
        `a whole number of seconds from ${MIN} to ${MAX}`,
        `use ${Math.min(MAX, Math.max(MIN, Math.round(value)))}`,
      ),
    );
  };
  for (const resource of view.resources) {
    if (['web-service', 'private-service', 'worker-service'].includes(resource.type)) {
      check(resource.properties.stopTimeout, propertyPath(resource.name, 'stopTimeout'));
    }
  }
  for (const { resource, key, containers } of workloadContainerLists(view)) {
    for (const c of containers) check(c.record.stopTimeout, propertyPath(resource.name, key, c.index, 'stopTimeout'));
  }
  return diagnostics;
}
