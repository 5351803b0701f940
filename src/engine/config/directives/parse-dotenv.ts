/**
 * A dotenv file as a key → value object (what `$File('.env')` returns in Stacktape).
 * Supports `export KEY=…`, comments, single quotes (literal), double quotes (\n, \t, \" escapes,
 * may span lines) and unquoted values with a trailing ` # comment`.
 */
export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    let rest = m[2]!;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      let body = rest.slice(1);
      let close = findClosingQuote(body, quote);
      // A quoted value may continue on the following lines.
      while (close === -1 && i + 1 < lines.length) {
        i++;
        body += '\n' + lines[i];
        close = findClosingQuote(body, quote);
      }
      const raw = close === -1 ? body : body.slice(0, close);
      result[key] = quote === '"' ? unescapeDouble(raw) : raw;
      continue;
    }
    const hash = rest.search(/\s#/);
    if (hash !== -1) rest = rest.slice(0, hash);
    result[key] = rest.trim();
  }
  return result;
}

function findClosingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_, ch: string) =>
    ch === 'n' ? '\n' : ch === 'r' ? '\r' : ch === 't' ? '\t' : ch,
  );
}
