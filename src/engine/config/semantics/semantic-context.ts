import type { Diagnostic, SourcePosition } from '../../diagnostics/diagnostic.js';

export type ConfigPath = (string | number)[];

export interface SemanticContext {
  file: string;
  positionOf(path: ConfigPath): SourcePosition | undefined;
  /** Optional: where the key of `path` is written (a resource name's own position). */
  keyPositionOf?(path: ConfigPath): SourcePosition | undefined;
}

/** One semantic error, placed at `position` when given (a directive's own), else at `path`. */
export function semanticError(
  ctx: SemanticContext,
  code: string,
  path: ConfigPath,
  message: string,
  expected: string,
  hint: string,
  position?: SourcePosition,
): Diagnostic {
  const diagnostic: Diagnostic = { code, severity: 'error', message, path, expected, hint };
  const at = position ?? ctx.positionOf(path);
  if (at) diagnostic.position = at;
  return diagnostic;
}

export function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(', ');
}
