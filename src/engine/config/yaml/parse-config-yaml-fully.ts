import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { ConfigPositions } from './config-positions.js';
import { findIndentationMistakes } from './indentation-mistakes.js';
import type { ParsedConfigYaml } from './parse-config-yaml.js';

/** The `yaml` package path: any YAML (anchors, tags, ...), and every syntax error with its place. */
export function parseConfigYamlFully(source: string, file: string): ParsedConfigYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
    keepSourceTokens: false,
  });
  const positions = new ConfigPositions(doc, lineCounter, file);
  // An indentation slip makes the parser report several errors around it (often twice at one
  // place); when the slip can be named, one error at the mis-indented line replaces them.
  const slips = doc.errors.some((e) => INDENTATION_ERRORS.has(e.code)) ? findIndentationMistakes(source, file) : [];
  const parserErrors = slips.length > 0 ? doc.errors.filter((e) => !INDENTATION_ERRORS.has(e.code)) : doc.errors;
  const seen = new Set<number>();
  const diagnostics: Diagnostic[] = [...slips];
  for (const error of parserErrors) {
    if (seen.has(error.pos[0])) continue; // one error per place
    seen.add(error.pos[0]);
    const start = lineCounter.linePos(error.pos[0]);
    const end = lineCounter.linePos(Math.max(error.pos[1], error.pos[0] + 1));
    const duplicate = error.code === 'DUPLICATE_KEY';
    diagnostics.push({
      code: duplicate ? 'STP_CONFIG_DUPLICATE_KEY' : 'STP_CONFIG_YAML_SYNTAX',
      severity: 'error',
      message: duplicate
        ? 'duplicate key: YAML keys must be unique within a mapping (the later one would silently win)'
        : `YAML syntax error: ${firstLine(error.message)}`,
      position: {
        file,
        line: start.line,
        column: start.col,
        ...(end.line === start.line ? { endLine: end.line, endColumn: end.col } : {}),
      },
      ...(duplicate ? { hint: 'remove or rename one of the two keys' } : {}),
    });
  }
  if (diagnostics.length > 0) return { value: undefined, positions, diagnostics };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    // toJS only throws for alias abuse (e.g. "billion laughs"); report it like a syntax error.
    diagnostics.push({
      code: 'STP_CONFIG_YAML_SYNTAX',
      severity: 'error',
      message: `YAML could not be read: ${firstLine((error as Error).message)}`,
      position: { file, line: 1, column: 1 },
    });
  }
  return { value, positions, diagnostics };
}

/** The `yaml` parser's codes for what an indentation slip causes. */
const INDENTATION_ERRORS = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml package appends " at line X, column Y" in some messages; the position says it already.
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
