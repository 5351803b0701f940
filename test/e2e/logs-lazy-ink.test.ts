/**
 * `stp logs --ci` must never load Ink: in the built bundle, the logs command's chunk and
 * everything it imports statically hold none of Ink's code; the terminal view (and Ink with it)
 * is reached only through a dynamic import(). Reads dist/ (npm test builds it first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-stp.js';

const chunks = path.join(repoRoot, 'dist', 'chunks');
/** A message only Ink's own code holds (its App component). */
const INK_MARKER = 'Raw mode is not supported';

function chunkHolding(text: string): string {
  const found = readdirSync(chunks).filter((name) => name.endsWith('.mjs') && readFileSync(path.join(chunks, name), 'utf8').includes(text));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The chunk and every chunk it imports statically (`import … from "./x.mjs"`, `import "./x.mjs"`), transitively. */
function staticClosure(start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const code = readFileSync(path.join(chunks, name), 'utf8');
    for (const match of code.matchAll(/\b(?:from|import)\s*"\.\/([^"]+\.mjs)"/g)) queue.push(match[1]!);
  }
  return seen;
}

const holdsInk = (name: string) => readFileSync(path.join(chunks, name), 'utf8').includes(INK_MARKER);

describe('stp logs and Ink in the bundle', () => {
  it('dist/ is built', () => {
    expect(existsSync(chunks)).toBe(true);
  });

  it('the logs command loads no Ink statically; its terminal view, imported dynamically, does', () => {
    const command = chunkHolding('stp logs takes the resources to read');
    const closure = staticClosure(command);
    expect([...closure].filter(holdsInk)).toEqual([]);
    const terminal = chunkHolding('is not one of the resources shown');
    expect(closure.has(terminal)).toBe(false);
    expect(readFileSync(path.join(chunks, command), 'utf8')).toContain(`import("./${terminal}")`);
    expect([...staticClosure(terminal)].some(holdsInk)).toBe(true);
  });
});
