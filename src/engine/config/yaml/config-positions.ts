import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { SourcePosition } from '../../diagnostics/diagnostic.js';

function isBlockCollection(node: Node | null): boolean {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

export type ConfigPath = readonly (string | number)[];
export type PositionTarget = 'key' | 'value';

/**
 * Where config paths are in the source. Two implementations: `ConfigPositions` over the `yaml`
 * package's Document (any YAML), and the fast index built while js-yaml loads (see
 * fast-yaml-index.ts). Both follow the same rules, which a differential test checks.
 */
export interface SourcePositions {
  readonly file: string;
  positionOf(path: ConfigPath, target?: PositionTarget): SourcePosition | undefined;
  /** Whether the exact path exists in the source (no fallback). */
  has(path: ConfigPath): boolean;
}

interface Located {
  /** The map pair that holds the value (absent for sequence items and the root). */
  pair?: Pair;
  node: Node | null;
}

/**
 * Maps config paths (`['resources','api','properties','memory']`) back to the YAML source.
 * Unknown-property errors point at the key, wrong values at the value. When the path does not
 * exist (a missing property, or a value produced by a directive), it falls back to the longest
 * prefix that does, pointing at that prefix's key, so "missing packaging" lands on `properties:`.
 */
export class ConfigPositions implements SourcePositions {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    readonly file: string,
  ) {}

  positionOf(path: ConfigPath, target: PositionTarget = 'value'): SourcePosition | undefined {
    let current: Located = { node: (this.doc.contents as Node | null) ?? null };
    for (let i = 0; i < path.length; i++) {
      const next = this.child(current.node, path[i]!);
      if (!next) return this.fallback(current, i === 0);
      current = next;
    }
    if (target === 'key' && current.pair && isScalar(current.pair.key)) {
      return this.span(current.pair.key.range);
    }
    // A block mapping or list "value" starts on the next line, at its first child: point at the
    // key that owns it instead (`hooks:` for "hooks must be a mapping"), where the reader looks.
    if (current.pair && isScalar(current.pair.key) && isBlockCollection(current.node)) {
      return this.span(current.pair.key.range);
    }
    if (current.node && current.node.range) return this.span(current.node.range);
    if (current.pair && isScalar(current.pair.key)) return this.span(current.pair.key.range);
    return this.start();
  }

  /** Whether the exact path exists in the source (no fallback). */
  has(path: ConfigPath): boolean {
    let node: Node | null = (this.doc.contents as Node | null) ?? null;
    for (const segment of path) {
      const next = this.child(node, segment);
      if (!next) return false;
      node = next.node;
    }
    return true;
  }

  private fallback(prefix: Located, atRoot: boolean): SourcePosition | undefined {
    if (atRoot || (!prefix.pair && !prefix.node?.range)) return this.start();
    if (prefix.pair && isScalar(prefix.pair.key)) return this.span(prefix.pair.key.range);
    return prefix.node?.range ? this.span(prefix.node.range) : this.start();
  }

  private child(node: Node | null, segment: string | number, depth = 0): Located | undefined {
    if (!node || depth > 20) return undefined;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return target ? this.child(target as Node, segment, depth + 1) : undefined;
    }
    if (isMap(node)) {
      let merge: Pair | undefined;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? item.key.value : item.key;
        // With merge keys enabled the yaml package gives `<<` a symbol value.
        if (key === '<<' || (typeof key === 'symbol' && key.description === '<<')) {
          merge = item as Pair;
          continue;
        }
        if (key !== null && key !== undefined && String(key) === String(segment)) {
          return { pair: item as Pair, node: (item.value as Node | null) ?? null };
        }
      }
      // YAML merge keys: `<<: *base` or `<<: [*a, *b]`.
      if (merge) {
        const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
        for (const source of sources) {
          const found = this.child(source as Node, segment, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return item === undefined ? undefined : { node: (item as Node | null) ?? null };
    }
    return undefined;
  }

  private start(): SourcePosition {
    return { file: this.file, line: 1, column: 1 };
  }

  private span(range: readonly [number, number, number] | null | undefined): SourcePosition | undefined {
    if (!range) return undefined;
    const start = this.lineCounter.linePos(range[0]);
    const end = this.lineCounter.linePos(range[1]);
    return { file: this.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  }
}
