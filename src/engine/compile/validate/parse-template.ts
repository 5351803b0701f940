/**
 * Reads a CloudFormation template file (JSON, or YAML with the short-form intrinsic tags such as
 * `!Ref`, `!GetAtt`, `!Sub`) for `stp validate --template`, keeping source positions so every
 * finding points at file:line:column.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { cloudFormationYamlTags } from '../../../cloudformation/yaml-tags.js';
import type { Diagnostic, SourcePosition } from '../../diagnostics/diagnostic.js';
import { validateTemplate } from './validate-template.js';

export interface ParsedTemplate {
  template?: Record<string, unknown>;
  diagnostics: Diagnostic[];
  positionOf(path: readonly (string | number)[]): SourcePosition | undefined;
}

export function parseTemplateText(text: string, file: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: [...cloudFormationYamlTags], lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const positionOf = (path: readonly (string | number)[]): SourcePosition | undefined => {
    let node: unknown = doc.contents;
    let found: Node | undefined = isNodeWithRange(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
        next = pair?.value;
        // The last segment points at its key: the name is what the finding is about.
        if (pair && isNodeWithRange(pair.key) && (i === path.length - 1 || !isNodeWithRange(next))) {
          found = pair.key;
          if (i === path.length - 1) break;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      } else break;
      if (next === undefined) break;
      node = next;
      if (isNodeWithRange(next)) found = next;
    }
    return found?.range ? at(found.range[0]) : undefined;
  };

  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    code: 'STP_TEMPLATE_PARSE_ERROR',
    severity: 'error',
    message: error.message.split('\n')[0]!,
    position: at(error.pos[0]),
  }));
  if (diagnostics.length > 0) return { diagnostics, positionOf };
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      diagnostics: [{ code: 'STP_TEMPLATE_INVALID', severity: 'error', message: 'A template must be a JSON or YAML object.', position: at(0) }],
      positionOf,
    };
  }
  return { template: value as Record<string, unknown>, diagnostics, positionOf };
}

function isNodeWithRange(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value && Array.isArray((value as Node).range);
}

/** `stp validate --template FILE`: parse, validate, and place every finding in the file. */
export function validateTemplateText(text: string, file: string): Diagnostic[] {
  const parsed = parseTemplateText(text, file);
  if (!parsed.template) return parsed.diagnostics;
  return validateTemplate(parsed.template).map((d) => {
    const position = d.path ? parsed.positionOf(d.path) : undefined;
    return position ? { ...d, position } : d;
  });
}
