import { resolveDirectives } from '../../../../src/engine/config/directives/resolve-directives.js';
import type { StackConfig } from '../../../../src/engine/config/schema/index.js';
import { checkSemantics } from '../../../../src/engine/config/semantics/check-semantics.js';
import { yamlSource } from '../directives/yaml-source.js';

/**
 * Test support: YAML → directives resolved → semantic diagnostics, with real YAML positions.
 * The config is not schema-validated here: the rules must stand on their own.
 */
export function semanticDiagnostics(yaml: string, configDir = '.') {
  const source = yamlSource(yaml);
  const root = source.value as Record<string, unknown>;
  const resolved = resolveDirectives(root, {
    stage: 'dev',
    region: 'eu-west-1',
    configDir,
    file: 'stacktape.yml',
    variables: root.variables,
    positionOf: source.positionOf,
  });
  return {
    directiveDiagnostics: resolved.diagnostics,
    diagnostics: checkSemantics(resolved.value as StackConfig, { file: 'stacktape.yml', positionOf: source.positionOf }),
  };
}
