/**
 * A small, real subset of the CloudWatch Logs Insights query language, parsed and run over stored
 * events. Supported (and nothing else; anything else is reported as unsupported, never guessed):
 *
 *   fields f1, f2, …                       choose the output fields (default @timestamp, @message, @logStream, @log)
 *   filter <condition>                     `f like /re/` `f like "text"` `f not like …`, `f = v` `!=` `<` `<=` `>` `>=`,
 *                                          combined with `and`, `or`, `not` and parentheses
 *   sort f [asc|desc][, …]                 (default asc)
 *   limit N
 *   stats count(*)|count(f) [as name] [by f1, f2, …]
 *
 * Fields: @timestamp, @message, @logStream, @log, @ingestionTime, and the keys of JSON messages
 * (nested ones as a.b). Values compare as numbers when both sides are numbers, else as text.
 */

export class QuerySyntaxError extends Error {}
export class UnsupportedQueryError extends Error {}

type Token = { kind: 'word' | 'string' | 'regex' | 'number' | 'op' | 'punct'; text: string; at: number };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'like'; field: string; pattern: RegExp | string }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: string | number };

export type Command =
  | { kind: 'fields'; fields: string[] }
  | { kind: 'filter'; condition: Condition }
  | { kind: 'sort'; keys: { field: string; desc: boolean }[] }
  | { kind: 'limit'; count: number }
  | { kind: 'stats'; counted: string; as: string; by: string[] };

const WORD = /[@A-Za-z_][\w.@-]*/y;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === '"' || char === "'") {
      let j = i + 1;
      let text = '';
      while (j < query.length && query[j] !== char) {
        if (query[j] === '\\' && j + 1 < query.length) j++;
        text += query[j];
        j++;
      }
      if (j >= query.length) throw new QuerySyntaxError(`unterminated string at position ${i + 1}`);
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    if (char === '/' && tokens.at(-1)?.kind === 'word' && tokens.at(-1)?.text.toLowerCase() === 'like') {
      let j = i + 1;
      while (j < query.length && query[j] !== '/') j += query[j] === '\\' ? 2 : 1;
      if (j >= query.length) throw new QuerySyntaxError(`unterminated regular expression at position ${i + 1}`);
      tokens.push({ kind: 'regex', text: query.slice(i + 1, j), at: i });
      i = j + 1;
      continue;
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(query.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[1]!, at: i });
      i += op[1]!.length;
      continue;
    }
    if ('|,()*'.includes(char)) {
      tokens.push({ kind: 'punct', text: char, at: i });
      i++;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(query.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(query);
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    throw new QuerySyntaxError(`unexpected symbol found ${char} at position ${i + 1}`);
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }
  peek(): Token | undefined {
    return this.tokens[this.index];
  }
  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new QuerySyntaxError('unexpected end of query');
    return token;
  }
  keyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind === 'word' && token.text.toLowerCase() === word) {
      this.index++;
      return true;
    }
    return false;
  }
  punct(text: string): boolean {
    const token = this.peek();
    if (token?.kind === 'punct' && token.text === text) {
      this.index++;
      return true;
    }
    return false;
  }
  field(): string {
    const token = this.next();
    if (token.kind !== 'word') throw new QuerySyntaxError(`expected a field name at position ${token.at + 1}, found ${token.text}`);
    return token.text;
  }
  fieldList(): string[] {
    const fields = [this.field()];
    while (this.punct(',')) fields.push(this.field());
    return fields;
  }
}

export function parseQuery(query: string): Command[] {
  const parser = new Parser(tokenize(query));
  const commands: Command[] = [];
  do {
    commands.push(parseCommand(parser));
  } while (parser.punct('|'));
  if (!parser.done) throw new QuerySyntaxError(`unexpected ${parser.peek()!.text} at position ${parser.peek()!.at + 1}`);
  return commands;
}

function parseCommand(parser: Parser): Command {
  const head = parser.next();
  if (head.kind !== 'word') throw new QuerySyntaxError(`expected a command at position ${head.at + 1}`);
  switch (head.text.toLowerCase()) {
    case 'fields':
      return { kind: 'fields', fields: parser.fieldList() };
    case 'filter':
      return { kind: 'filter', condition: parseOr(parser) };
    case 'sort': {
      const keys: { field: string; desc: boolean }[] = [];
      do {
        const field = parser.field();
        const desc = parser.keyword('desc');
        if (!desc) parser.keyword('asc');
        keys.push({ field, desc });
      } while (parser.punct(','));
      return { kind: 'sort', keys };
    }
    case 'limit': {
      const token = parser.next();
      const count = Number(token.text);
      if (token.kind !== 'number' || !Number.isInteger(count) || count < 1) throw new QuerySyntaxError(`limit needs a positive whole number at position ${token.at + 1}`);
      return { kind: 'limit', count };
    }
    case 'stats': {
      const fn = parser.next();
      if (fn.kind !== 'word' || fn.text.toLowerCase() !== 'count') {
        throw new UnsupportedQueryError(`stats ${fn.text}(…): the local cloud supports only stats count(*) [as name] [by fields]`);
      }
      if (!parser.punct('(')) throw new QuerySyntaxError('expected ( after count');
      const counted = parser.punct('*') ? '*' : parser.field();
      if (!parser.punct(')')) throw new QuerySyntaxError('expected ) after count(');
      const as = parser.keyword('as') ? parser.field() : `count(${counted})`;
      const by = parser.keyword('by') ? parser.fieldList() : [];
      return { kind: 'stats', counted, as, by };
    }
    default:
      throw new UnsupportedQueryError(`the ${head.text} command: the local cloud supports fields, filter, sort, limit and stats count(*)`);
  }
}

function parseOr(parser: Parser): Condition {
  let left = parseAnd(parser);
  while (parser.keyword('or')) left = { kind: 'or', left, right: parseAnd(parser) };
  return left;
}

function parseAnd(parser: Parser): Condition {
  let left = parseUnary(parser);
  while (parser.keyword('and')) left = { kind: 'and', left, right: parseUnary(parser) };
  return left;
}

function parseUnary(parser: Parser): Condition {
  if (parser.keyword('not')) return { kind: 'not', inner: parseUnary(parser) };
  if (parser.punct('(')) {
    const inner = parseOr(parser);
    if (!parser.punct(')')) throw new QuerySyntaxError('expected )');
    return inner;
  }
  const field = parser.field();
  const negated = parser.keyword('not');
  if (parser.keyword('like')) {
    const token = parser.next();
    let pattern: RegExp | string;
    if (token.kind === 'regex') {
      const caseless = token.text.startsWith('(?i)');
      pattern = new RegExp(caseless ? token.text.slice(4) : token.text, caseless ? 'i' : '');
    } else if (token.kind === 'string') pattern = token.text;
    else throw new QuerySyntaxError(`like needs a "string" or a /regex/ at position ${token.at + 1}`);
    const like: Condition = { kind: 'like', field, pattern };
    return negated ? { kind: 'not', inner: like } : like;
  }
  if (negated) throw new QuerySyntaxError('expected like after not');
  const op = parser.next();
  if (op.kind !== 'op') throw new UnsupportedQueryError(`the operator ${op.text}: the local cloud supports like, =, !=, <, <=, >, >=`);
  const value = parser.next();
  if (value.kind !== 'number' && value.kind !== 'string' && value.kind !== 'word') throw new QuerySyntaxError(`expected a value at position ${value.at + 1}`);
  return { kind: 'compare', field, op: op.text as '=', value: value.kind === 'number' ? Number(value.text) : value.text };
}

// ---- running a query ----

export interface QueryEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  logStream: string;
  /** `ACCOUNT:GROUP` as Insights shows @log. */
  log: string;
  ptr: string;
}

export type Row = Map<string, string | number>;

const DEFAULT_FIELDS = ['@timestamp', '@message', '@logStream', '@log'];

function rowOf(event: QueryEvent): Row {
  const row: Row = new Map<string, string | number>([
    ['@timestamp', event.timestamp],
    ['@message', event.message],
    ['@logStream', event.logStream],
    ['@log', event.log],
    ['@ingestionTime', event.ingestionTime],
    ['@ptr', event.ptr],
  ]);
  const trimmed = event.message.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      flatten(JSON.parse(trimmed) as unknown, '', row);
    } catch {
      // Not JSON after all: only the built-in fields.
    }
  }
  return row;
}

function flatten(value: unknown, prefix: string, row: Row): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, row);
  } else if (prefix !== '' && !row.has(prefix)) {
    row.set(prefix, typeof value === 'number' ? value : typeof value === 'string' ? value : JSON.stringify(value));
  }
}

function holds(condition: Condition, row: Row): boolean {
  switch (condition.kind) {
    case 'and':
      return holds(condition.left, row) && holds(condition.right, row);
    case 'or':
      return holds(condition.left, row) || holds(condition.right, row);
    case 'not':
      return !holds(condition.inner, row);
    case 'like': {
      const value = row.get(condition.field);
      if (value === undefined) return false;
      const text = String(value);
      return typeof condition.pattern === 'string' ? text.includes(condition.pattern) : condition.pattern.test(text);
    }
    case 'compare': {
      const value = row.get(condition.field);
      if (value === undefined) return false;
      const order = compareValues(value, condition.value);
      switch (condition.op) {
        case '=':
          return order === 0;
        case '!=':
          return order !== 0;
        case '<':
          return order < 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '>=':
          return order >= 0;
      }
    }
  }
}

function compareValues(a: string | number, b: string | number): number {
  const x = Number(a);
  const y = Number(b);
  if (String(a).trim() !== '' && String(b).trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** `2024-05-01 12:34:56.789`, as Insights prints @timestamp. */
export function insightsTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export interface QueryOutcome {
  results: { field: string; value: string }[][];
  recordsMatched: number;
}

/** Runs parsed commands over events (oldest first), at most `limit` rows (AWS's default and cap: 10,000). */
export function runQuery(commands: Command[], events: QueryEvent[], limit = 10_000): QueryOutcome {
  let rows: Row[] = events.map(rowOf);
  let fields: string[] | undefined;
  let aggregated = false;
  let recordsMatched = 0;
  let rowLimit = limit;
  for (const command of commands) {
    switch (command.kind) {
      case 'fields':
        fields = [...(fields ?? []), ...command.fields.filter((field) => !fields?.includes(field))];
        break;
      case 'filter':
        rows = rows.filter((row) => holds(command.condition, row));
        break;
      case 'sort':
        rows = [...rows].sort((a, b) => {
          for (const key of command.keys) {
            const x = a.get(key.field);
            const y = b.get(key.field);
            if (x === undefined && y === undefined) continue;
            if (x === undefined) return 1;
            if (y === undefined) return -1;
            const order = compareValues(x, y);
            if (order !== 0) return key.desc ? -order : order;
          }
          return 0;
        });
        break;
      case 'limit':
        rowLimit = Math.min(rowLimit, command.count);
        break;
      case 'stats': {
        recordsMatched = rows.length;
        const groups = new Map<string, Row>();
        for (const row of rows) {
          if (command.counted !== '*' && row.get(command.counted) === undefined) continue;
          const key = JSON.stringify(command.by.map((field) => row.get(field) ?? null));
          let group = groups.get(key);
          if (!group) {
            group = new Map(command.by.map((field) => [field, row.get(field) ?? '']));
            group.set(command.as, 0);
            groups.set(key, group);
          }
          group.set(command.as, Number(group.get(command.as)) + 1);
        }
        rows = [...groups.values()];
        fields = [...command.by, command.as];
        aggregated = true;
        break;
      }
    }
  }
  if (!aggregated) recordsMatched = rows.length;
  const shown = fields ?? DEFAULT_FIELDS;
  const results = rows.slice(0, rowLimit).map((row) => {
    const cells: { field: string; value: string }[] = [];
    for (const field of shown) {
      const value = row.get(field);
      if (value === undefined) continue;
      cells.push({ field, value: field === '@timestamp' || field === '@ingestionTime' ? insightsTime(Number(value)) : String(value) });
    }
    // Every event row carries its pointer (GetLogRecord reads it); aggregates have none.
    if (!aggregated) cells.push({ field: '@ptr', value: String(row.get('@ptr')) });
    return cells;
  });
  return { results, recordsMatched };
}
