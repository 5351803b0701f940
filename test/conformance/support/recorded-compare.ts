/**
 * The assertion of the suite: recorded AWS response vs local response, as a readable vitest diff.
 * Both sides become plain JSON (timestamps → "datetime", metadata dropped); the recording's
 * placeholders are bound to the local values and substituted, so whatever still differs is a real
 * difference (a missing key, an extra key, another value, a placeholder bound to another value).
 */
import { expect } from 'vitest';
import { alignTimestamps, anonymiseUuids, bindPlaceholders, renderRecorded, stripRecordedMetadata, type Bindings } from './recorded-match.js';

export interface ExpectOptions {
  /**
   * Dotted paths removed from both sides before comparing (`Stacks.0.Outputs`; `*` matches any
   * key or index). Each use must say why in the test: it is a hole in the comparison.
   */
  omit?: string[];
  /**
   * Rewrites the recording before comparing, for a documented AWS behaviour change between the
   * recording and today (the caller says which and since when).
   */
  adjustRecorded?: (recorded: unknown) => unknown;
}

function isErrorShape(value: unknown): value is { Error: unknown; ResponseMetadata?: { HTTPStatusCode?: number } } {
  return value !== null && typeof value === 'object' && 'Error' in value;
}

/** Error recordings keep their HTTP status; everything else loses boto's ResponseMetadata. */
function comparable(recorded: unknown): unknown {
  if (isErrorShape(recorded)) {
    const { ResponseMetadata, ...rest } = recorded;
    return { ...(stripRecordedMetadata(rest) as object), HTTPStatusCode: ResponseMetadata?.HTTPStatusCode };
  }
  return stripRecordedMetadata(recorded);
}

function comparableActual(actual: unknown): unknown {
  if (isErrorShape(actual)) {
    const { ResponseMetadata, ...rest } = actual;
    return { ...rest, HTTPStatusCode: ResponseMetadata?.HTTPStatusCode };
  }
  return actual;
}

function omitPath(value: unknown, path: string[]): void {
  if (value === null || typeof value !== 'object' || path.length === 0) return;
  const [head, ...rest] = path;
  const container = value as Record<string, unknown>;
  const keys = head === '*' ? Object.keys(container) : [head!];
  for (const key of keys) {
    if (rest.length === 0) {
      if (Array.isArray(container)) continue;
      delete container[key];
    } else omitPath(container[key], rest);
  }
}

export function expectRecorded(recordedRaw: unknown, actualRaw: unknown, bindings: Bindings, label: string, options: ExpectOptions = {}): void {
  const adjusted = options.adjustRecorded ? options.adjustRecorded(structuredClone(recordedRaw)) : recordedRaw;
  const recorded = anonymiseUuids(comparable(structuredClone(adjusted)));
  const actual = alignTimestamps(recorded, comparableActual(actualRaw));
  for (const path of options.omit ?? []) {
    omitPath(recorded, path.split('.'));
    omitPath(actual, path.split('.'));
  }
  bindPlaceholders(recorded, actual, bindings);
  expect(actual, label).toEqual(renderRecorded(recorded, bindings));
}
