import type { Diagnostic } from '../../diagnostics/diagnostic.js';

/**
 * Finds mis-indented keys in block YAML, for a config the `yaml` parser refused. The parser
 * reports an indentation slip as several errors, at the blank line above it or at the following
 * keys ("All mapping items must start at the same column", "Nested mappings are not allowed in
 * compact mappings", "Implicit keys need to be on a single line", often twice at one place). This
 * walks the lines with a stack of open block levels and names the line that breaks the nesting,
 * the column it should start at, and the key it should line up with.
 *
 * Only what it can be sure of: anything it does not follow (block scalars are skipped; multi-line
 * flow collections and quoted strings, `?` keys, tabs, several documents) ends the walk with
 * what was found so far, and the parser's own errors stand.
 */

interface Level {
  /** 0-based column of the keys (mapping) or dashes (sequence) at this level. */
  indent: number;
  kind: 'mapping' | 'sequence';
  /** 1-based line and the key of the last entry at this level, for "like X on line N". */
  line: number;
  key: string;
  /** Entries so far, and the column its opener's key (or dash) is at (-1 at the top). */
  count: number;
  parent: number;
}

interface ContentLine {
  number: number;
  /** 0-based column of the line's first token: the dash of an item, else the key or scalar. */
  col: number;
  dash: boolean;
  /** The key of a `key:` or `- key:` line, and its 0-based column. */
  key?: string;
  keyCol?: number;
  /** Ends with `key:` or `-` and nothing after it: the next line may open a deeper level. */
  opens: boolean;
  /** Starts a block scalar (`|`, `>`): the deeper lines below belong to it. */
  blockScalar: boolean;
}

const KEY = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^#]*?|-[^\s#][^#]*?)):(?:\s|$)/;

/** One line of block YAML, 'skip' for blank and comment lines, undefined when the walk must stop. */
function readLine(text: string, number: number): ContentLine | 'skip' | undefined {
  const trimmed = text.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return 'skip';
  const indentText = text.slice(0, text.length - trimmed.length);
  if (indentText.includes('\t')) return undefined;
  const col = indentText.length;
  let rest = withoutComment(trimmed);
  if (rest === undefined) return undefined;
  let keyCol = col;
  let dash = false;
  if (rest === '-' || rest.startsWith('- ')) {
    dash = true;
    const after = rest.slice(1).trimStart();
    if (after === '') return { number, col, dash, opens: true, blockScalar: false };
    keyCol = col + rest.length - after.length;
    rest = after;
  }
  if (/^(?:---|\.\.\.)(?:\s|$)/.test(rest) || rest.startsWith('? ') || rest.startsWith('%') || rest.startsWith('- ')) return undefined;
  const match = KEY.exec(rest);
  if (!match) {
    if (/^[[{]/.test(rest) && !balanced(rest)) return undefined;
    if (/^["']/.test(rest) && !closedQuote(rest)) return undefined;
    return { number, col, dash, opens: false, blockScalar: /^[|>][-+0-9]*$/.test(rest) };
  }
  const key = match[1]!.replace(/^["']|["']$/g, '');
  const value = rest.slice(match[0].length).trim();
  if (/^[[{]/.test(value) && !balanced(value)) return undefined;
  if (/^["']/.test(value) && !closedQuote(value)) return undefined;
  return { number, col, dash, key, keyCol, opens: value === '' || /^[&!]\S*$/.test(value), blockScalar: /^[|>][-+0-9]*$/.test(value) };
}

function withoutComment(text: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:\-[{,]/.test(text[i - 1]!))) quote = c;
    else if (c === '#' && i > 0 && /\s/.test(text[i - 1]!)) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth === 0;
}

function closedQuote(text: string): boolean {
  const q = text[0]!;
  for (let i = 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

/** The file's usual indentation step: the commonest increase from a line to a deeper next one. */
function indentationStep(lines: readonly string[]): number {
  const counts = new Map<number, number>();
  let last: number | undefined;
  for (const text of lines) {
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const col = text.length - trimmed.length;
    if (last !== undefined && col > last) counts.set(col - last, (counts.get(col - last) ?? 0) + 1);
    last = col;
  }
  let best = 2;
  for (const [size, count] of counts) if (count > (counts.get(best) ?? 0)) best = size;
  return best;
}

/**
 * 0-based column of the first content line after `line` (at `from`) that is not deeper than it,
 * skipping its own children. When a key that opens a block is followed by a line at its own
 * column, that line could be its misplaced child: no evidence either way (undefined).
 */
function nextColumnAtOrAbove(lines: readonly string[], from: number, line: ContentLine): number | undefined {
  let firstAfter = true;
  for (let i = from; i < lines.length; i++) {
    const read = readLine(lines[i]!, i + 1);
    if (read === 'skip') continue;
    if (read === undefined) return undefined;
    if (firstAfter && line.opens && read.col <= line.col) return undefined;
    firstAfter = false;
    if (read.col <= line.col) return read.col;
  }
  return undefined;
}

/** 0-based column of the first content line at or after `from` (an item's dash column). */
function nextContentColumn(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const read = readLine(lines[i]!, i + 1);
    if (read === 'skip') continue;
    return read?.col;
  }
  return undefined;
}

export function findIndentationMistakes(source: string, file: string): Diagnostic[] {
  const lines = source.split(/\r?\n/);
  const found: Diagnostic[] = [];
  const stack: Level[] = [];
  const step = indentationStep(lines);
  let previous: ContentLine | undefined;
  let scalarAbove: number | undefined;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const read = readLine(raw, i + 1);
    if (read === 'skip') continue;
    if (scalarAbove !== undefined) {
      if (raw.length - raw.trimStart().length > scalarAbove) continue;
      scalarAbove = undefined;
    }
    if (read === undefined) break;
    const line = read;
    const kind: Level['kind'] = line.dash ? 'sequence' : 'mapping';
    // The column a child of the previous line must be deeper than.
    const parentCol = previous ? (previous.key !== undefined ? previous.keyCol! : previous.col) : -1;

    const popped: Level[] = [];
    while (stack.length > 0 && stack[stack.length - 1]!.indent > line.col) popped.unshift(stack.pop()!);
    const closed = popped[0];
    const top = stack[stack.length - 1];
    let at = line.col;

    if (top && top.indent === line.col) {
      const sequenceUnderKey = line.dash && top.kind === 'mapping' && previous?.opens === true && previous.keyCol === line.col;
      if (sequenceUnderKey) stack.push({ indent: line.col, kind, line: line.number, key: '-', count: 0, parent: line.col - 1 });
      else if (top.kind !== kind) break; // not a slip this walk knows how to name
    } else if (previous === undefined || (previous.opens && closed === undefined && line.col > parentCol)) {
      stack.push({ indent: line.col, kind, line: line.number, key: line.key ?? '-', count: 0, parent: parentCol });
    } else if (!line.dash && line.key === undefined && previous && !previous.opens && closed === undefined) {
      continue; // the continuation of a multi-line plain scalar
    } else {
      // Deeper than its siblings with nothing to nest in, or between two levels.
      // The first key of a block sets its column: when that key is the only one so far and the
      // keys after it line up with this one, the slip is the key above.
      const first = closed ?? top;
      // Which of the two is off: the one that breaks the file's usual indentation step, else the
      // one the keys after this line do not line up with.
      const usual = first ? first.parent + step : -1;
      const blameFirst =
        first !== undefined &&
        first.count === 1 &&
        first.kind === kind &&
        line.col > first.parent &&
        (first.indent !== usual && line.col === usual
          ? true
          : first.indent === usual && line.col !== usual
            ? false
            : nextColumnAtOrAbove(lines, i + 1, line) === line.col);
      if (first && blameFirst) {
        const raw0 = lines[first.line - 1]!;
        const name0 = first.key !== '-' ? `"${first.key}"` : 'this item';
        const spaces = Math.abs(line.col - first.indent);
        found.push({
          code: 'STP_CONFIG_YAML_INDENTATION',
          severity: 'error',
          message: `${name0} starts at column ${first.indent + 1}, but the ${kind === 'mapping' ? 'keys' : 'items'} after it start at column ${line.col + 1}`,
          position: { file, line: first.line, column: first.indent + 1, endLine: first.line, endColumn: raw0.trimEnd().length + 1 },
          expected: `column ${line.col + 1}, like ${line.key !== undefined && !line.dash ? `"${line.key}"` : 'the item'} on line ${line.number}`,
          hint: `${first.indent > line.col ? 'remove' : 'add'} ${spaces} space${spaces === 1 ? '' : 's'} before ${name0}: YAML nests by indentation, and the keys of one mapping start at the same column`,
        });
        first.indent = line.col;
        if (first === closed) stack.push(first);
      } else {
      // Between two levels, the line below usually shows where the block goes on (the slipped key
      // belongs with it); otherwise the nearer level, the deeper one on a tie.
      const next = closed !== undefined ? nextContentColumn(lines, i + 1) : undefined;
      const like =
        [top, ...popped].find((l) => l !== undefined && l.indent === next && l.kind === kind) ??
        [top, closed].filter((l): l is Level => l !== undefined && l.kind === kind).sort((a, b) => Math.abs(a.indent - line.col) - Math.abs(b.indent - line.col) || b.indent - a.indent)[0];
      if (!like) break;
      const name = line.key !== undefined ? `"${line.key}"` : 'this item';
      const spaces = Math.abs(line.col - like.indent);
      found.push({
        code: 'STP_CONFIG_YAML_INDENTATION',
        severity: 'error',
        message:
          closed !== undefined
            ? `${name} starts at column ${line.col + 1}, where no mapping around it has its ${kind === 'mapping' ? 'keys' : 'items'}`
            : `${name} is indented deeper than ${previous?.key !== undefined ? `"${previous.key}"` : 'the line'} above it, which already has a value`,
        position: { file, line: line.number, column: line.col + 1, endLine: line.number, endColumn: raw.trimEnd().length + 1 },
        expected: `column ${like.indent + 1}, like ${like.key === '-' ? 'the item' : `"${like.key}"`} on line ${like.line}`,
        hint: `${line.col > like.indent ? 'remove' : 'add'} ${spaces} space${spaces === 1 ? '' : 's'} before ${name}: YAML nests by indentation, and the keys of one mapping start at the same column`,
      });
      // Go on as if the line were where it belongs, to find the next slip rather than its echoes.
      for (const level of popped) if (level.indent <= like.indent) stack.push(level);
      at = like.indent;
      }
    }

    const level = stack[stack.length - 1]!;
    if (level.indent === at) {
      level.count++;
      level.line = line.number;
      level.key = line.key !== undefined && !line.dash ? line.key : '-';
    }
    const shift = at - line.col;
    const placed: ContentLine = { ...line, col: at, ...(line.keyCol !== undefined ? { keyCol: line.keyCol + shift } : {}) };
    // The mapping inside a `- key: value` item has its keys at the key's column.
    if (placed.dash && placed.key !== undefined) stack.push({ indent: placed.keyCol!, kind: 'mapping', line: line.number, key: placed.key, count: 1, parent: placed.col });
    if (placed.blockScalar) scalarAbove = line.dash || line.key === undefined ? line.col : line.keyCol!;
    previous = placed;
  }
  return found;
}
