import { expect } from 'vitest';
import { semanticDiagnostics } from './check-semantics-harness.js';

/** Test support: the semantic diagnostics of a YAML config, after checking none came from directives. */
export function diagnosticsOf(yaml: string) {
  const { diagnostics, directiveDiagnostics } = semanticDiagnostics(yaml);
  expect(directiveDiagnostics).toEqual([]);
  for (const d of diagnostics) {
    expect(d.expected, d.code).toBeTruthy();
    expect(d.hint, d.code).toBeTruthy();
  }
  return diagnostics;
}

export const lambda = (name: string, events: string) => `  ${name}:
    type: function
    properties:
      packaging: { type: stacktape-lambda-buildpack, properties: { entryfilePath: a.ts } }
      events:
${events}`;
