/**
 * CloudWatch Logs filter patterns, the subset the local cloud supports:
 *
 * - `""` / blank: every event;
 * - terms, AND-ed: `ERROR Exception`; quoted phrases: `"exact phrase"` (backslash escapes);
 * - `?ERROR ?WARN`: at least one of the `?` terms (a pattern made only of `?` terms);
 * - `-DEBUG`: exclusion, combinable with plain terms (`ERROR -DEBUG`);
 * - JSON: `{ $.level = "error" }`, `{ $.latency > 1000 && $.ok IS FALSE }`, with = != < > <= >=,
 *   && and || (|| binds looser), parentheses, IS TRUE / IS FALSE / IS NULL / NOT EXISTS, string
 *   values quoted or bare with `*` wildcards, selectors `$.a.b[0].c`.
 *
 * Terms are case-sensitive and match as substrings of the message; unquoted terms may only hold
 * letters, digits and underscores (AWS's rule), anything else must be quoted. Anything else (space-delimited
 * `[a, b]` patterns, `%regex%`, `[*]` selectors, mixing `?` terms with plain ones) is rejected with
 * FilterPatternError (answered as InvalidParameterException): never silently matching.
 *
 * Pure: the local cloud answers FilterLogEvents with it, and the console filters the lines it
 * already holds by the same rules, so a filter means the same on both sides.
 */

export class FilterPatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterPatternError';
  }
}

export type EventMatcher = (message: string) => boolean;

const unsupported = (what: string): never => {
  throw new FilterPatternError(`Invalid filter pattern: ${what} is not supported by the local cloud.`);
};
const invalid = (what: string): never => {
  throw new FilterPatternError(`Invalid filter pattern: ${what}.`);
};

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '' || text === '""') return () => true;
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) return unsupported('a space-delimited pattern ([field, ...])');
  return compileTermPattern(text);
}

// ---- unstructured terms -------------------------------------------------------------------

interface Term {
  kind: 'and' | 'or' | 'not';
  text: string;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (char === '"') return { value, end: i + 1 };
    value += char;
    i++;
  }
  return invalid('an unterminated quoted phrase');
}

const UNQUOTED_TERM = /^[\p{L}\p{N}_]+$/u;

function compileTermPattern(text: string): EventMatcher {
  const terms: Term[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    let kind: Term['kind'] = 'and';
    if (text[i] === '?' || text[i] === '-') {
      kind = text[i] === '?' ? 'or' : 'not';
      i++;
    }
    if (text[i] === '"') {
      const quoted = readQuoted(text, i);
      if (quoted.end < text.length && !/\s/.test(text[quoted.end]!)) invalid('a quoted phrase must be followed by a space');
      terms.push({ kind, text: quoted.value });
      i = quoted.end;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const word = text.slice(i, end);
    if (word === '') invalid(`"${text[i - 1]}" must be followed by a term`);
    if (!UNQUOTED_TERM.test(word)) {
      if (word.includes('%')) unsupported('a regular expression (%...%)');
      // AWS: "Terms that include characters other than alphanumeric or underscore must be placed
      // inside double quotes."
      invalid(`the term "${word}" has characters other than letters, digits and underscore, so it must be inside double quotes`);
    }
    terms.push({ kind, text: word });
    i = end;
  }
  const ors = terms.filter((term) => term.kind === 'or');
  if (ors.length > 0 && ors.length !== terms.length) unsupported('mixing ?term alternatives with other terms');
  if (ors.length > 0) return (message) => ors.some((term) => message.includes(term.text));
  const required = terms.filter((term) => term.kind === 'and').map((term) => term.text);
  const excluded = terms.filter((term) => term.kind === 'not').map((term) => term.text);
  return (message) => required.every((term) => message.includes(term)) && !excluded.some((term) => message.includes(term));
}

// ---- JSON patterns ------------------------------------------------------------------------

type Token =
  | { type: 'selector'; path: (string | number)[]; raw: string }
  | { type: 'op'; value: '=' | '!=' | '<' | '>' | '<=' | '>=' }
  | { type: 'and' | 'or' | 'lparen' | 'rparen' }
  | { type: 'string'; value: string; quoted: boolean }
  | { type: 'number'; value: number }
  | { type: 'keyword'; value: 'IS' | 'NOT' | 'TRUE' | 'FALSE' | 'NULL' | 'EXISTS' };

function parseSelector(raw: string): (string | number)[] {
  const path: (string | number)[] = [];
  let i = 1; // after '$'
  while (i < raw.length) {
    if (raw[i] === '.') {
      const match = /^\.([A-Za-z0-9_@$-]+)/.exec(raw.slice(i));
      if (!match) invalid(`the selector "${raw}"`);
      path.push(match![1]!);
      i += match![0].length;
    } else if (raw[i] === '[') {
      const match = /^\[(\d+|\*)\]/.exec(raw.slice(i));
      if (!match) invalid(`the selector "${raw}"`);
      if (match![1] === '*') unsupported(`the array wildcard in "${raw}"`);
      path.push(Number(match![1]));
      i += match![0].length;
    } else invalid(`the selector "${raw}"`);
  }
  if (path.length === 0) unsupported('the bare selector "$"');
  return path;
}

function tokenizeJsonPattern(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const rest = body.slice(i);
    if (char === '$') {
      const match = /^\$[^\s=!<>()&|]*/.exec(rest)!;
      tokens.push({ type: 'selector', path: parseSelector(match[0]), raw: match[0] });
      i += match[0].length;
    } else if (rest.startsWith('&&')) {
      tokens.push({ type: 'and' });
      i += 2;
    } else if (rest.startsWith('||')) {
      tokens.push({ type: 'or' });
      i += 2;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen' });
      i++;
    } else if (/^(!=|<=|>=|=|<|>)/.test(rest)) {
      const op = /^(!=|<=|>=|=|<|>)/.exec(rest)![1] as '=' | '!=' | '<' | '>' | '<=' | '>=';
      tokens.push({ type: 'op', value: op });
      i += op.length;
    } else if (char === '"') {
      const quoted = readQuoted(body, i);
      tokens.push({ type: 'string', value: quoted.value, quoted: true });
      i = quoted.end;
    } else if (char === '%') {
      unsupported('a regular expression (%...%)');
    } else {
      const match = /^[^\s()&|=!<>"]+/.exec(rest);
      if (!match) invalid(`unexpected "${char}"`);
      const word = match![0];
      i += word.length;
      if (/^(IS|NOT|TRUE|FALSE|NULL|EXISTS)$/.test(word)) {
        tokens.push({ type: 'keyword', value: word as 'IS' });
      } else if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) {
        tokens.push({ type: 'number', value: Number(word) });
      } else tokens.push({ type: 'string', value: word, quoted: false });
    }
  }
  return tokens;
}

type JsonPredicate = (document: unknown) => boolean;
const MISSING = Symbol('missing');

function select(document: unknown, path: (string | number)[]): unknown {
  let node: unknown = document;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(node) || step >= node.length) return MISSING;
      node = node[step];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, step)) return MISSING;
      node = (node as Record<string, unknown>)[step];
    }
  }
  return node;
}

function wildcardRegExp(value: string): RegExp {
  const escaped = value.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

function compileJsonPattern(text: string): EventMatcher {
  if (!text.endsWith('}')) invalid('a JSON pattern must end with "}"');
  const tokens = tokenizeJsonPattern(text.slice(1, -1));
  if (tokens.length === 0) invalid('an empty JSON pattern');
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  const parseComparison = (): JsonPredicate => {
    const selector = next();
    if (selector?.type !== 'selector') return invalid('expected a selector such as $.field');
    const path = selector.path;
    const op = next();
    if (op?.type === 'keyword' && op.value === 'IS') {
      const what = next();
      if (what?.type !== 'keyword' || !['TRUE', 'FALSE', 'NULL'].includes(what.value)) return invalid('IS must be followed by TRUE, FALSE or NULL');
      const expected = what.value === 'TRUE' ? true : what.value === 'FALSE' ? false : null;
      return (document) => select(document, path) === expected;
    }
    if (op?.type === 'keyword' && op.value === 'NOT') {
      const exists = next();
      if (exists?.type !== 'keyword' || exists.value !== 'EXISTS') return invalid('NOT must be followed by EXISTS');
      return (document) => select(document, path) === MISSING;
    }
    if (op?.type !== 'op') return invalid(`expected a comparison after ${selector.raw}`);
    const value = next();
    if (value?.type === 'number') {
      const expected = value.value;
      const compare = {
        '=': (a: number) => a === expected,
        '!=': (a: number) => a !== expected,
        '<': (a: number) => a < expected,
        '>': (a: number) => a > expected,
        '<=': (a: number) => a <= expected,
        '>=': (a: number) => a >= expected,
      }[op.value];
      return (document) => {
        const actual = select(document, path);
        return typeof actual === 'number' && compare(actual);
      };
    }
    if (value?.type === 'string') {
      if (op.value !== '=' && op.value !== '!=') return invalid(`${op.value} needs a number, got "${value.value}"`);
      const matcher = value.value.includes('*') ? wildcardRegExp(value.value) : undefined;
      const equals = (actual: string) => (matcher ? matcher.test(actual) : actual === value.value);
      return (document) => {
        const actual = select(document, path);
        if (typeof actual !== 'string') return false;
        return op.value === '=' ? equals(actual) : !equals(actual);
      };
    }
    return invalid(`expected a value after ${selector.raw} ${op.value}`);
  };

  const parsePrimary = (): JsonPredicate => {
    if (peek()?.type === 'lparen') {
      next();
      const inner = parseOr();
      if (next()?.type !== 'rparen') invalid('a missing ")"');
      return inner;
    }
    return parseComparison();
  };
  const parseAnd = (): JsonPredicate => {
    const parts = [parsePrimary()];
    while (peek()?.type === 'and') {
      next();
      parts.push(parsePrimary());
    }
    return parts.length === 1 ? parts[0]! : (document) => parts.every((part) => part(document));
  };
  function parseOr(): JsonPredicate {
    const parts = [parseAnd()];
    while (peek()?.type === 'or') {
      next();
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : (document) => parts.some((part) => part(document));
  }

  const predicate = parseOr();
  if (pos < tokens.length) invalid('unexpected text after the expression');
  return (message) => {
    let document: unknown;
    try {
      document = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof document === 'object' && document !== null && predicate(document);
  };
}
