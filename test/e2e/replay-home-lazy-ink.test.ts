/**
 * Ink is loaded only at a terminal: the chunks `stp replay --ci` and `stp` (headless help, or the
 * home screen's data) load statically must not include Ink; the console pieces come through a
 * dynamic import() alone. Read from the built bundle (dist/), which is what users run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-stp.js';

const dist = path.join(repoRoot, 'dist');
const chunks = path.join(dist, 'chunks');
const read = (file: string) => readFileSync(file, 'utf8');

/** The files a module loads before it runs: its static imports, transitively (dynamic import() excluded). */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of read(file).matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.\.?\/[^"']+\.mjs)["']/g)) {
      visit(path.resolve(path.dirname(file), match[1]!));
    }
  };
  visit(entry);
  return seen;
}

function chunkWith(text: string): string {
  const found = readdirSync(chunks).filter((f) => f.endsWith('.mjs')).map((f) => path.join(chunks, f)).filter((f) => read(f).includes(text));
  expect(found, `chunks containing ${JSON.stringify(text)}`).toHaveLength(1);
  return found[0]!;
}

describe('Ink stays out of headless replay and the help', () => {
  // A message only Ink's own code has.
  const ink = chunkWith('Raw mode is not supported on the current process.stdin');

  it('finds the static imports (the walk itself works)', () => {
    const replay = chunkWith('stp replay takes the recording to play');
    expect(staticClosure(replay).size).toBeGreaterThan(3);
  });

  it('stp replay --ci: the command chunk does not load Ink; the console is a dynamic import', () => {
    const replay = chunkWith('stp replay takes the recording to play');
    expect(staticClosure(replay).has(ink)).toBe(false);
    // The replay console (its bar) does load Ink: it is only reached through import().
    const bar = chunkWith('\\u2016 paused');
    expect(staticClosure(bar).has(ink)).toBe(true);
    expect(staticClosure(replay).has(bar)).toBe(false);
  });

  it('stp (the entry) and the home screen data do not load Ink', () => {
    expect(staticClosure(path.join(dist, 'stp.mjs')).has(ink)).toBe(false);
    const home = chunkWith('command:"stp (home)"');
    expect(staticClosure(home).has(ink)).toBe(false);
    const screen = chunkWith('is not deployed: deploy it first');
    expect(staticClosure(screen).has(ink)).toBe(true);
  });
});
