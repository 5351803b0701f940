/**
 * Every config of the shared corpus through `stp compile`, as a user would run it in their project:
 * the config copied into a fresh folder with every file it points at stubbed (handlers export the
 * handler they are asked for). A config compiles (exit 0) or is refused with placed diagnostics
 * (exit 2); none ends in exit 1 or "failed unexpectedly".
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { TerminalIo } from '../../src/cli/output/terminal-io.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusRoot = resolve(repo, '../shared/corpus/stacktape-configs');
const files = ['valid', 'snippets', 'invalid', 'legacy'].flatMap((dir) => {
  const full = join(corpusRoot, dir);
  return existsSync(full) ? readdirSync(full).filter((f) => /\.(ya?ml|ts)$/.test(f)).sort().map((f) => join(dir, f)) : [];
});

const FILE_KEYS = new Set(['entryfilePath', 'filePath', 'dockerfilePath']);
const DIRECTORY_KEYS = new Set(['buildContextPath', 'sourceDirectoryPath', 'appDirectory', 'directoryPath', 'uploadDirectoryPath', 'workingDirectory']);

function handlerStub(file: string, exportName: string): string {
  const ext = extname(file);
  if (ext === '.py') return `def ${exportName}(event, context):\n    return {}\n`;
  if (!/^\.(c|m)?(j|t)sx?$/.test(ext)) return 'stub\n';
  const exports = new Set(['handler', exportName]);
  return [...exports].map((name) => `export const ${name} = async () => ({ statusCode: 200 });`).join('\n') + '\nexport default handler;\n';
}

/** Creates every file and folder the config refers to, inside `dir`. */
function stubReferencedFiles(config: unknown, dir: string): void {
  const inside = (path: string) => {
    const full = resolve(dir, path);
    return full.startsWith(dir) ? full : undefined;
  };
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const exportName = typeof record.handlerFunction === 'string' ? record.handlerFunction : 'handler';
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'string' && FILE_KEYS.has(key)) {
        const path = inside(child.replace(/(\.[a-z]+):[A-Za-z_]\w*$/, '$1'));
        if (path && !existsSync(path)) {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, key === 'entryfilePath' ? handlerStub(path, exportName) : 'stub\n');
        }
      } else if (typeof child === 'string' && key === 'packagePath') {
        const path = inside(child);
        if (path && !existsSync(path)) {
          if (extname(path) !== '') {
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, 'stub\n');
          } else {
            mkdirSync(path, { recursive: true });
            writeFileSync(join(path, 'index.js'), 'exports.handler = async () => ({});\n');
          }
        }
      } else if (typeof child === 'string' && DIRECTORY_KEYS.has(key)) {
        const path = inside(child);
        if (path) {
          mkdirSync(path, { recursive: true });
          writeFileSync(join(path, 'index.html'), '<!doctype html>\n');
        }
      } else walk(child);
    }
  };
  walk(config);
}

async function compileInProject(file: string): Promise<{ code: number; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'stp-corpus-compile-'));
  try {
    const text = readFileSync(join(corpusRoot, file), 'utf8');
    const configName = file.endsWith('.ts') ? 'stacktape.ts' : 'stacktape.yml';
    writeFileSync(join(dir, configName), text);
    let parsed: unknown;
    try {
      parsed = parse(text, { logLevel: 'silent' });
    } catch {
      parsed = undefined;
    }
    stubReferencedFiles(parsed, dir);
    let err = '';
    const code = await main({
      argv: ['compile', '--config', configName, '--out', join(dir, 'template.json'), '--region', 'eu-west-1'],
      env: {},
      cwd: dir,
      stdoutIsTTY: false,
      makeIo: (c): TerminalIo => ({ out: () => undefined, err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false }),
    });
    return { code, err };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('stp compile over the corpus, entry files stubbed', () => {
  it('compiles or refuses every config with placed diagnostics: never exit 1, never "failed unexpectedly"', { timeout: 300_000 }, async () => {
    expect(files.length).toBeGreaterThan(70);
    const unexpected: string[] = [];
    const byCode = new Map<number, string[]>();
    for (const file of files) {
      const { code, err } = await compileInProject(file);
      byCode.set(code, [...(byCode.get(code) ?? []), file]);
      if (code !== 0 && code !== 2) unexpected.push(`${file}: exit ${code}: ${err.split('\n').slice(0, 3).join(' | ')}`);
      else if (/failed unexpectedly|please report it/.test(err)) unexpected.push(`${file}: ${err.split('\n').slice(0, 3).join(' | ')}`);
      else if (code === 2 && !/:\d+:\d+ {2}error /.test(err) && !/TypeScript configs/.test(err)) unexpected.push(`${file}: exit 2 without a placed error: ${err.slice(0, 300)}`);
    }
    console.log(`corpus through stp compile: ${[...byCode.entries()].map(([code, list]) => `exit ${code}: ${list.length}`).join(', ')} of ${files.length}`);
    expect(unexpected).toEqual([]);
    // Container images built from source are refused in place, as the config error they are.
    expect(byCode.get(1)).toBeUndefined();
  });
});
