import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/**
 * Mistakes real configs make in recognisable ways: older Stacktape dialects (2021–2022) and
 * keys users put in the wrong place. Say what to write instead of only "unknown property".
 */
const BY_PATH: { match: (path: readonly (string | number)[], code: string) => boolean; hint: string }[] = [
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p.length === 1 && p[0] === 'stackName',
    hint: 'stackName is the 2021 dialect: the stack name is now <serviceName or project>-<stage>; use serviceName',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p.length === 1 && p[0] === 'outputs',
    hint: 'top-level outputs is the 2021 dialect: use stackConfig.outputs',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_INVALID_TYPE' && p.length === 1 && p[0] === 'hooks',
    hint: 'a list of { triggers, scriptName } is the 2022 dialect: use hooks: { beforeDeploy: [{ scriptName }], afterDeploy: [...] }',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_MISSING_PROPERTY' && p.length === 3 && p[0] === 'scripts' && p[2] === 'type',
    hint: 'scripts without a type are the 2022 dialect: add type: local-script and move the rest under properties',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p[p.length - 1] === 'accessControl',
    hint: 'accessControl.allowAccessTo is the 2022 dialect: use connectTo: [resourceName]',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p[p.length - 1] === 'packageConfig',
    hint: 'packageConfig is the 2021 dialect: use packaging: { type: stacktape-lambda-buildpack, properties: { entryfilePath } }',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p.length === 4 && p[0] === 'resources' && p[3] === 'handler',
    hint: 'the handler belongs to the packaging: packaging.properties.handlerFunction (stacktape-lambda-buildpack) or packaging.properties.handler (custom-artifact)',
  },
  {
    match: (p, c) => c === 'STP_CONFIG_UNKNOWN_PROPERTY' && p.length === 4 && p[0] === 'resources' && p[3] === 'entryfilePath',
    hint: 'entryfilePath belongs to the packaging: packaging: { type: stacktape-lambda-buildpack, properties: { entryfilePath } }',
  },
];

export function addKnownMistakeHints(diagnostics: Diagnostic[]): void {
  for (const diagnostic of diagnostics) {
    if (diagnostic.hint || !diagnostic.path) continue;
    const rule = BY_PATH.find((r) => r.match(diagnostic.path!, diagnostic.code));
    if (rule) diagnostic.hint = rule.hint;
  }
}
