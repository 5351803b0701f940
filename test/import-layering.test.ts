/**
 * The layering the design promises, checked on the real import graph of src/ (static, type-only
 * and dynamic imports alike): no folder-level import cycle (e.g. engine/compile ↔ engine/package),
 * nothing outside the CLI reaches into the local cloud, the engine stays free of Ink/React, and
 * src/cloudformation stays pure CloudFormation knowledge that compile and the local cloud share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcRoot = join(repoRoot, 'src');

interface ImportEdge {
  from: string;
  /** A src-relative path for a relative import, else the bare specifier. */
  to: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const from = relative(srcRoot, file).split(sep).join('/');
  return info.importedFiles.map(({ fileName }) =>
    fileName.startsWith('.')
      ? // `./x.js` names the source file `./x.ts` (ESM import specifiers under TypeScript).
        { from, to: relative(srcRoot, resolve(dirname(file), fileName)).split(sep).join('/').replace(/\.js$/, '.ts'), relative: true }
      : { from, to: fileName, relative: false },
  );
}

const edges = sourceFiles(srcRoot).flatMap(importsOf);

/** The layer a src file belongs to: its top folder, or `engine/<stage>` inside the engine. */
function layer(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return '.';
  if (parts[0] === 'engine' && parts.length > 2) return `engine/${parts[1]}`;
  return parts[0]!;
}

/** Every folder-level cycle, as the list of layers in one strongly connected component. */
function layerCycles(importEdges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of importEdges) {
    if (!edge.relative) continue;
    const [a, b] = [layer(edge.from), layer(edge.to)];
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)!.add(b);
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const queue = [start];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (const next of graph.get(node) ?? []) {
        if (next === goal) return true;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  };
  const components = new Map<string, string[]>();
  for (const node of [...graph.keys()].sort()) {
    if (!reaches(node, node)) continue;
    const members = [...graph.keys()].filter((other) => other === node || (reaches(node, other) && reaches(other, node))).sort();
    components.set(members.join(' ↔ '), members);
  }
  return [...components.values()];
}

function offending(rule: (edge: ImportEdge) => boolean): string[] {
  return edges.filter(rule).map((edge) => `${edge.from} → ${edge.to}`);
}

const under = (path: string, ...folders: string[]) => folders.some((folder) => path === folder || path.startsWith(`${folder}/`));

describe('import layering of src/', () => {
  it('reads a real import graph (guards the checks below against an empty walk)', () => {
    expect(edges.some((e) => e.from === 'engine/package/package-assets.ts' && e.to === 'engine/compile/compile-contract.ts')).toBe(true);
    expect(edges.some((e) => e.from === 'emulator/services/cloudformation/template/parse-template.ts' && e.to === 'cloudformation/yaml-tags.ts')).toBe(true);
  });

  it('finds a folder-level cycle when there is one', () => {
    const made = (from: string, to: string): ImportEdge => ({ from, to, relative: true });
    expect(layerCycles([made('engine/compile/a.ts', 'engine/package/b.ts'), made('engine/package/b.ts', 'engine/compile/c.ts')])).toEqual([
      ['engine/compile', 'engine/package'],
    ]);
  });

  it('has no import cycle between folders (engine/compile ↔ engine/package included)', () => {
    expect(layerCycles(edges)).toEqual([]);
  });

  it('keeps the local cloud out of the engine, the UI, the AWS adapters and the shared CloudFormation knowledge', () => {
    expect(offending((e) => e.relative && under(e.from, 'engine', 'ui', 'aws', 'cloudformation') && under(e.to, 'emulator'))).toEqual([]);
  });

  it('keeps Ink and React out of the engine, the AWS adapters and src/cloudformation', () => {
    const ui = (specifier: string) => /^(ink|ink-[\w-]+|react|react\/.*|react-dom)$/.test(specifier);
    expect(offending((e) => !e.relative && under(e.from, 'engine', 'aws', 'cloudformation') && ui(e.to))).toEqual([]);
  });

  it('keeps src/cloudformation pure: it imports nothing else from src/', () => {
    expect(offending((e) => e.relative && under(e.from, 'cloudformation') && !under(e.to, 'cloudformation'))).toEqual([]);
  });

  it('keeps AWS calls out of src/cloudformation (SDK clients belong in src/aws, e.g. src/aws/cloudformation/)', () => {
    expect(offending((e) => !e.relative && under(e.from, 'cloudformation') && e.to.startsWith('@aws-sdk/'))).toEqual([]);
  });
});
