/**
 * The tokenizer for directive text. It reads one token at a time, on demand, so the parser can
 * stop right after a directive that sits inside a longer string (`img-$Stage()-x`) without
 * tokenizing the text around it. Offsets are 0-based positions in the scanned string.
 */

export type TokenKind =
  | 'directive' // `$Name`; value is the name
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'string' // value is the unescaped text
  | 'number'
  | 'word' // a bare identifier: true, false, or an unquoted mistake
  | 'other' // any other character
  | 'end';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  value: string | number;
}

export interface LexError {
  message: string;
  offset: number;
  expected: string;
}

export class DirectiveLexFailure extends Error {
  constructor(readonly detail: LexError) {
    super(detail.message);
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const SEGMENT_PART = /[A-Za-z0-9_-]/;
const NUMBER = /^-?(\d+(\.\d+)?|\.\d+)/;

export class DirectiveLexer {
  private lookahead: Token | undefined;

  constructor(
    readonly text: string,
    /** Offset of the next character to read. */
    public pos: number,
  ) {}

  /** The character at `offset` (for error messages), or "the end of the text". */
  describe(offset: number): string {
    const ch = this.text[offset];
    return ch === undefined ? 'the end of the text' : `"${ch}"`;
  }

  /** The next raw character, without skipping spaces (property paths allow none). */
  charAt(offset: number): string | undefined {
    return this.text[offset];
  }

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    this.pos = token.end;
    return token;
  }

  /** A property-path segment (`[A-Za-z0-9_-]+`) starting exactly at `pos`; '' if there is none. */
  segment(): string {
    this.lookahead = undefined;
    const start = this.pos;
    while (this.pos < this.text.length && SEGMENT_PART.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private fail(message: string, offset: number, expected: string): never {
    throw new DirectiveLexFailure({ message, offset, expected });
  }

  private scan(): Token {
    let start = this.pos;
    while (start < this.text.length && /\s/.test(this.text[start]!)) start++;
    const ch = this.text[start];
    if (ch === undefined) return { kind: 'end', start, end: start, value: '' };
    if (ch === '(') return { kind: 'lparen', start, end: start + 1, value: ch };
    if (ch === ')') return { kind: 'rparen', start, end: start + 1, value: ch };
    if (ch === ',') return { kind: 'comma', start, end: start + 1, value: ch };
    if (ch === "'" || ch === '"') return this.scanString(start, ch);
    if (ch === '$') {
      const nameStart = start + 1;
      const first = this.text[nameStart];
      if (first === undefined || !IDENT_START.test(first)) {
        this.fail(
          `expected a directive name after "$", found ${this.describe(nameStart)}`,
          nameStart,
          'a name such as $Stage',
        );
      }
      let end = nameStart;
      while (end < this.text.length && IDENT_PART.test(this.text[end]!)) end++;
      return { kind: 'directive', start, end, value: this.text.slice(nameStart, end) };
    }
    if (/[-0-9.]/.test(ch)) {
      const m = NUMBER.exec(this.text.slice(start));
      if (!m) this.fail('invalid number', start, 'a number such as 3 or 0.5');
      const end = start + m[0].length;
      const after = this.text[end];
      if (after !== undefined && IDENT_PART.test(after)) {
        this.fail(`invalid number "${m[0]}${after}"`, end, '"," or ")" after a number');
      }
      return { kind: 'number', start, end, value: Number(m[0]) };
    }
    if (IDENT_START.test(ch)) {
      let end = start;
      while (end < this.text.length && IDENT_PART.test(this.text[end]!)) end++;
      return { kind: 'word', start, end, value: this.text.slice(start, end) };
    }
    return { kind: 'other', start, end: start + 1, value: ch };
  }

  private scanString(start: number, quote: string): Token {
    let i = start + 1;
    let value = '';
    for (;;) {
      const ch = this.text[i];
      if (ch === undefined) {
        this.fail(`unterminated string: missing the closing ${quote}`, start, `a closing ${quote}`);
      }
      if (ch === '\\') {
        const next = this.text[i + 1];
        if (next === quote || next === '\\') {
          value += next;
          i += 2;
          continue;
        }
      }
      i++;
      if (ch === quote) break;
      value += ch;
    }
    return { kind: 'string', start, end: i, value };
  }
}
