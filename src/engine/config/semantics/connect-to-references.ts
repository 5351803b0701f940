import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from './suggest-name.js';
import { CONNECTABLE_TYPES, NON_CONNECTABLE_TYPES, SES_CONNECTION } from '../connect-to/connectable-types.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import { asArray, asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

/**
 * `connectTo` entries (of resources and of scripts) must name a resource of this stack whose type
 * can be connected to, or `aws:ses`.
 */
export function checkConnectToReferences(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = view.resources.map((r) => r.name);
  const check = (owner: string | undefined, list: unknown, basePath: ConfigPath) => {
    asArray(list).forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const path = [...basePath, i];
      if (entry === SES_CONNECTION) return;
      if (entry === owner) {
        diagnostics.push(
          semanticError(ctx, 'STP_CONFIG_CANNOT_CONNECT_TO', path, `"${entry}" lists itself in connectTo`, 'other resources of this stack, or aws:ses', 'remove it: a resource can always reach itself'),
        );
        return;
      }
      const target = view.byName.get(entry);
      if (!target) {
        const suggestion = suggestName(entry, [...names, SES_CONNECTION]);
        diagnostics.push(
          semanticError(
            ctx,
            'STP_CONFIG_UNKNOWN_REFERENCE',
            path,
            entry.startsWith('aws:')
              ? `connectTo "${entry}": the only AWS service stp connects to is ${SES_CONNECTION}`
              : `connectTo "${entry}": no resource with that name in this stack`,
            `a resource name (${quoteList(names)}) or ${SES_CONNECTION}`,
            suggestion
              ? `did you mean "${suggestion}"?`
              : entry.startsWith('aws:')
                ? `grant other AWS services with iamRoleStatements`
                : `define "${entry}" under \`resources\`, or remove it from connectTo`,
          ),
        );
        return;
      }
      if (NON_CONNECTABLE_TYPES.includes(target.type)) {
        diagnostics.push(
          semanticError(
            ctx,
            'STP_CONFIG_CANNOT_CONNECT_TO',
            path,
            `connectTo "${entry}": a ${target.type} cannot be connected to`,
            `a resource of type ${CONNECTABLE_TYPES.join(', ')}, or ${SES_CONNECTION}`,
            target.type === 'http-api-gateway' || target.type === 'application-load-balancer'
              ? `read its address with $ResourceParam('${entry}', '${target.type === 'http-api-gateway' ? 'url' : 'domain'}') in environment instead`
              : `remove "${entry}" from connectTo`,
          ),
        );
      }
    });
  };
  for (const resource of view.resources) {
    check(resource.name, resource.properties.connectTo, propertyPath(resource.name, 'connectTo'));
  }
  for (const [name, script] of Object.entries(asRecord((view.config as { scripts?: unknown }).scripts) ?? {})) {
    check(undefined, asRecord(asRecord(script)?.properties)?.connectTo, ['scripts', name, 'properties', 'connectTo']);
  }
  return diagnostics;
}
