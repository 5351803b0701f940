import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from './suggest-name.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { asArray, asRecord } from './stack-view.js';
import type { StackView } from './stack-view.js';

/** `hooks.<event>[].scriptName` must name an entry of `scripts`. */
export function checkHookScripts(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const config = view.config as { hooks?: unknown; scripts?: unknown };
  const scripts = Object.keys(asRecord(config.scripts) ?? {});
  for (const [event, list] of Object.entries(asRecord(config.hooks) ?? {})) {
    asArray(list).forEach((hook, i) => {
      const scriptName = asRecord(hook)?.scriptName;
      if (typeof scriptName !== 'string' || scripts.includes(scriptName)) return;
      const suggestion = suggestName(scriptName, scripts);
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_UNKNOWN_REFERENCE',
          ['hooks', event, i, 'scriptName'],
          `hook ${event} runs script "${scriptName}", which is not defined under \`scripts\``,
          scripts.length > 0 ? `one of the scripts: ${quoteList(scripts)}` : 'a script defined under `scripts`',
          suggestion ? `did you mean "${suggestion}"?` : `define "${scriptName}" under \`scripts\`, or remove the hook`,
        ),
      );
    });
  }
  return diagnostics;
}
