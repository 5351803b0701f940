import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { asRecord } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { suggestName } from './suggest-name.js';

/** Resource types with an IAM role a script can assume. */
const ROLE_TYPES = [
  'function',
  'batch-job',
  'web-service',
  'private-service',
  'worker-service',
  'multi-container-workload',
  'deployment-script',
];

/** `scripts.<name>.properties.assumeRoleOfResource` must name a workload of this stack. */
export function checkScriptReferences(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const candidates = view.resources.filter((r) => ROLE_TYPES.includes(r.type)).map((r) => r.name);
  for (const [name, script] of Object.entries(asRecord((view.config as { scripts?: unknown }).scripts) ?? {})) {
    const role = asRecord(asRecord(script)?.properties)?.assumeRoleOfResource;
    if (typeof role !== 'string' || candidates.includes(role)) continue;
    const target = view.byName.get(role);
    const suggestion = suggestName(role, candidates);
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_UNKNOWN_REFERENCE',
        ['scripts', name, 'properties', 'assumeRoleOfResource'],
        target
          ? `assumeRoleOfResource "${role}" names a ${target.type}, which has no role to assume`
          : `assumeRoleOfResource "${role}": no resource with that name in this stack`,
        candidates.length > 0 ? `one of the workloads: ${quoteList(candidates)}` : 'the name of a workload (function, service, batch job, ...)',
        suggestion ? `did you mean "${suggestion}"?` : 'name a function, service, batch job or deployment script',
      ),
    );
  }
  return diagnostics;
}
