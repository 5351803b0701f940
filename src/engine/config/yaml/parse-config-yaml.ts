import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { SourcePositions } from './config-positions.js';
import { loadYamlFast } from './fast-yaml-index.js';

export interface ParsedConfigYaml {
  /** The plain JS value (undefined when the YAML could not be parsed). */
  value: unknown;
  positions: SourcePositions;
  diagnostics: Diagnostic[];
}

/**
 * Parse stacktape.yml keeping source positions: the fast js-yaml path when it is exact, else the
 * `yaml` package. Every syntax error is reported (with line and
 * column), not only the first; duplicate keys get their own code because they are the most common
 * "valid-looking" YAML mistake.
 */
export async function parseConfigYaml(source: string, file: string): Promise<ParsedConfigYaml> {
  const fast = loadYamlFast(source, file);
  if (fast) return { value: fast.value, positions: fast.positions, diagnostics: [] };
  // Loaded on demand: the bundled CLI only initialises the yaml package when it is needed.
  const { parseConfigYamlFully } = await import('./parse-config-yaml-fully.js');
  return parseConfigYamlFully(source, file);
}

