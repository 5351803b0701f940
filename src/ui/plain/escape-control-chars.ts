/**
 * Text from a config file reaches the terminal in code frames and messages. Control characters
 * (an ESC starting a colour or cursor sequence, a carriage return overwriting the line, C1
 * controls such as CSI) and bidirectional overrides (which reorder what is shown, "Trojan source")
 * are shown as escapes — `\x1b`, `\u202e` — never emitted raw.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character escaped (tabs are kept: callers lay them out). */
export function escapeControlChars(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeOne) : text;
}

/**
 * The escaped line, and for a 1-based column of the raw line the 1-based column of the same
 * character in the escaped one (so a caret stays under what it points at).
 */
export function escapeLine(text: string): { text: string; column(raw: number): number } {
  if (!UNSAFE.test(text)) return { text, column: (raw) => raw };
  const starts: number[] = [];
  let out = '';
  for (const char of text) {
    for (let i = 0; i < char.length; i++) starts.push(out.length);
    out += UNSAFE.test(char) ? escapeOne(char) : char;
  }
  return { text: out, column: (raw) => (raw - 1 < starts.length ? starts[raw - 1]! + 1 : out.length + (raw - starts.length)) };
}
