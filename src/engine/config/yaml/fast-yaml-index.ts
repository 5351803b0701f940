import jsYaml from 'js-yaml';
import type { SourcePosition } from '../../diagnostics/diagnostic.js';
import type { ConfigPath, PositionTarget, SourcePositions } from './config-positions.js';
import { JS_YAML_CORE_SCHEMA } from './js-yaml-core-schema.js';

/**
 * The fast path for reading stacktape.yml. The `yaml` package keeps a full Document with source
 * ranges, but its tokenizer dominates `stp validate` on large stacks (a 500-resource config spent
 * ~70 % of its time there). js-yaml loads the same YAML several times faster; its parse events
 * (`listener`) give every node's start and end offset, from which this index answers `positionOf`
 * with the same rules as `ConfigPositions`.
 *
 * The fast path is taken only when it is exact: no anchors, aliases, tags or BOM (checked up
 * front), js-yaml loads without error, and the event tree matches the loaded value (every
 * mapping's keys in order). Anything else returns undefined and the caller uses the `yaml` package,
 * which also produces the syntax diagnostics.
 */

interface EventNode {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: EventNode[];
  /** Set on mapping nodes by their first lookup: entries by key, for O(1) lookups. */
  byKey?: Map<string, Entry>;
}

interface Entry {
  key?: EventNode;
  value: EventNode;
}

/**
 * Anchors (&a), aliases (*a), tags (!Ref) and merge keys (<<): leave those to the full parser.
 * Shell text such as `a && b` or `*.txt` does not match. Anything that slips through still fails
 * the tree check (an alias has no events of its own) or makes js-yaml throw (unknown tags).
 */
const NEEDS_FULL_PARSER = /(?:^|[\s,[{:-])(?:[&*][A-Za-z0-9_-]|![A-Za-z!<])|(?:^|[\s{,])<<\s*:/;

export interface FastYamlResult {
  value: unknown;
  positions: SourcePositions;
}

export function loadYamlFast(source: string, file: string): FastYamlResult | undefined {
  // A directive (`%YAML 1.1`) changes how `yaml` resolves scalars: leave it to `yaml`.
  if (source.charCodeAt(0) === 0xfeff || NEEDS_FULL_PARSER.test(source) || /^%/m.test(source)) return undefined;
  const stack: EventNode[] = [{ start: 0, end: source.length, kind: 'stream', result: undefined, children: [] }];
  let value: unknown;
  try {
    value = jsYaml.load(source, {
      schema: JS_YAML_CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, end: state.position, kind: null, result: undefined, children: [] });
        } else {
          const node = stack.pop()!;
          node.end = state.position;
          node.kind = state.kind ?? null;
          node.result = state.result;
          stack[stack.length - 1]!.children.push(node);
        }
      },
    });
  } catch {
    return undefined;
  }
  const root = stack[0]!.children[0];
  const index = new FastPositions(source, file, root);
  return index.matches(value) ? { value, positions: index } : undefined;
}

class FastPositions implements SourcePositions {
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly source: string,
    readonly file: string,
    private readonly root: EventNode | undefined,
  ) {
    // indexOf, not a per-character loop: a cold run would interpret that loop over the whole file.
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** True when the event tree describes `value` exactly (otherwise positions could be wrong). */
  matches(value: unknown): boolean {
    if (!this.root) return value === undefined || value === null;
    return this.check(this.root, value, 0);
  }

  /** Verifies one node against the loaded value, indexing mapping entries by key on the way. */
  private check(node: EventNode, value: unknown, depth: number): boolean {
    if (depth > 200) return false;
    const inner = this.unwrap(node);
    if (inner.kind === 'mapping') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const children = inner.children;
      const keys = Object.keys(value);
      if (children.length >> 1 !== keys.length) return false;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const keyResult = this.unwrap(children[2 * i]!).result;
        // A null key (`~: x`) is "null" to js-yaml and "" to `yaml`: leave it to `yaml`.
        if (keyResult === null || String(keyResult) !== key) return false;
        if (!this.check(children[2 * i + 1]!, (value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    if (inner.kind === 'sequence') {
      if (!Array.isArray(value)) return false;
      const items = inner.children;
      if (items.length !== value.length) return false;
      for (let i = 0; i < items.length; i++) if (!this.check(items[i]!, value[i], depth + 1)) return false;
      return true;
    }
    return !Array.isArray(value) && (typeof value !== 'object' || value === null);
  }

  has(path: ConfigPath): boolean {
    return this.walk(path).missing === false;
  }

  positionOf(path: ConfigPath, target: PositionTarget = 'value'): SourcePosition | undefined {
    const walked = this.walk(path);
    if (walked.missing) {
      const prefix = walked.entry;
      if (!prefix || walked.depth === 0) return this.point(0, 0);
      if (prefix.key) return this.spanOf(prefix.key);
      return this.spanOf(prefix.value);
    }
    const entry = walked.entry;
    if (!entry) return this.point(0, 0);
    if (entry.key && (target === 'key' || this.isEmpty(entry.value) || this.isBlockCollection(entry.value))) {
      return this.spanOf(entry.key);
    }
    if (this.isEmpty(entry.value)) return this.point(0, 0);
    return this.spanOf(entry.value);
  }

  private walk(path: ConfigPath): { entry?: Entry; missing: boolean; depth: number } {
    if (!this.root) return { missing: path.length > 0, depth: 0 };
    let entry: Entry = { value: this.root };
    for (let i = 0; i < path.length; i++) {
      const next = this.child(entry.value, path[i]!);
      if (!next) return { entry, missing: true, depth: i };
      entry = next;
    }
    return { entry, missing: false, depth: path.length };
  }

  private child(node: EventNode, segment: string | number): Entry | undefined {
    const inner = this.unwrap(node);
    if (inner.kind === 'mapping') {
      // Indexed on first lookup: a valid config looks up few positions, so most mappings never are.
      if (!inner.byKey) {
        const byKey = new Map<string, Entry>();
        for (const entry of mappingEntries(inner)) byKey.set(String(this.unwrap(entry.key!).result), entry);
        inner.byKey = byKey;
      }
      return inner.byKey.get(String(segment));
    }
    if (inner.kind === 'sequence' && typeof segment === 'number') {
      const item = inner.children[segment];
      return item ? { value: item } : undefined;
    }
    return undefined;
  }

  /**
   * js-yaml sometimes composes a node inside another at the same place (a scalar first read as a
   * possible mapping key, a flow collection in a block sequence): see through such wrappers.
   */
  private unwrap(node: EventNode): EventNode {
    let current = node;
    for (;;) {
      const only = current.children.length === 1 ? current.children[0]! : undefined;
      if (!only || only.kind !== current.kind) return current;
      if (this.contentStart(only.start) !== this.contentStart(current.start)) return current;
      current = only;
    }
  }

  private isEmpty(node: EventNode): boolean {
    return this.unwrap(node).kind === null;
  }

  private isBlockCollection(node: EventNode): boolean {
    const inner = this.unwrap(node);
    if (inner.kind !== 'mapping' && inner.kind !== 'sequence') return false;
    const first = this.source[this.contentStart(node.start)];
    return first !== '{' && first !== '[';
  }

  /** First offset at or after `offset` that is not whitespace or a comment. */
  private contentStart(offset: number): number {
    let i = offset;
    const s = this.source;
    while (i < s.length) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '#') while (i < s.length && s[i] !== '\n') i++;
      else break;
    }
    return i;
  }

  private spanOf(node: EventNode): SourcePosition {
    const start = this.contentStart(node.start);
    return this.point(start, this.contentEnd(node, start));
  }

  /** End offset (exclusive) of the node's text, as the `yaml` package reports it. */
  private contentEnd(node: EventNode, start: number): number {
    const s = this.source;
    const c = s[start];
    if (c === '"' || c === "'") {
      for (let i = start + 1; i < s.length; i++) {
        if (c === '"' && s[i] === '\\') i++;
        else if (s[i] === c) {
          if (c === "'" && s[i + 1] === "'") i++;
          else return i + 1;
        }
      }
      return s.length;
    }
    if (c === '[' || c === '{') {
      let depth = 0;
      let quote: string | undefined;
      for (let i = start; i < s.length; i++) {
        const ch = s[i];
        if (quote) {
          if (quote === '"' && ch === '\\') i++;
          else if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '[' || ch === '{') depth++;
        else if (ch === ']' || ch === '}') {
          depth--;
          if (depth === 0) return i + 1;
        }
      }
      return s.length;
    }
    const inner = this.unwrap(node);
    let end = Math.max(start, inner.end);
    while (end > start && isWhitespace(s, end - 1)) end--;
    return end;
  }

  private point(start: number, end: number): SourcePosition {
    const a = this.lineCol(start);
    const b = this.lineCol(end);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  private lineCol(offset: number): { line: number; col: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - this.lineStarts[low]! + 1 };
  }
}

/** Same answer as `/\s/.test(s[i])`, without a regex call for the ASCII cases. */
function isWhitespace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && /\s/.test(s[i]!);
}

/** A mapping's children alternate key, value; a trailing speculative read has no content. */
function mappingEntries(node: EventNode): Entry[] {
  const entries: Entry[] = [];
  const children = node.children;
  for (let i = 0; i + 1 < children.length; i += 2) entries.push({ key: children[i]!, value: children[i + 1]! });
  return entries;
}
