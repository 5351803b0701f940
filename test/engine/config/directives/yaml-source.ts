import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import type { SourcePosition } from '../../../../src/engine/diagnostics/diagnostic.js';

/**
 * Test support: parse YAML and answer `positionOf(path)` the way config-core's loader does
 * (1-based line/column of the node, end column exclusive), so column mapping is tested against
 * real YAML positions, plain and quoted.
 */
export function yamlSource(text: string, file = 'stacktape.yml') {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const value: unknown = doc.toJS();
  function positionOf(path: (string | number)[]): SourcePosition | undefined {
    let node: unknown = doc.contents;
    for (const seg of path) {
      if (isMap(node)) node = node.get(seg, true);
      else if (isSeq(node)) node = node.get(Number(seg), true);
      else return undefined;
    }
    const range = (node as Node | undefined)?.range;
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    const position: SourcePosition = { file, line: start.line, column: start.col };
    if (isScalar(node)) {
      position.endLine = end.line;
      position.endColumn = end.col;
    }
    return position;
  }
  return { value, positionOf };
}
