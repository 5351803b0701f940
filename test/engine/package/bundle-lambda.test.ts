import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, createEsbuildBundler, nodeMajorOfRuntime } from '../../../src/engine/package/bundle-lambda.js';
import { createFixtureProject, esmProjectFiles, type FixtureProject } from './fixture-project.js';

const projects: FixtureProject[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) p.remove();
});
function project(files: Record<string, string>) {
  const p = createFixtureProject(files);
  projects.push(p);
  return p;
}

/** Runs the bundled handler the way Lambda's Node.js runtime would: import index.<ext>, call the export. */
function invoke(dir: string, file: string, exportName: string, event: unknown): unknown {
  const script = `import(${JSON.stringify(join(dir, file))}).then(async (m) => { const h = m[${JSON.stringify(exportName)}] ?? m.default?.[${JSON.stringify(exportName)}]; process.stdout.write(JSON.stringify(await h(${JSON.stringify(event)}))); })`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('esbuild Lambda bundler', () => {
  const bundler = createEsbuildBundler();

  it('bundles an ES module TypeScript entry with its dependencies into a runnable index.mjs', async () => {
    const p = project(esmProjectFiles);
    const out = await bundler.bundle({ entryFile: join(p.dir, 'src/handler.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', workingDir: p.dir });
    expect(out.files.map((f) => f.path)).toEqual(['index.mjs']);
    expect(out.inputs).toEqual([
      join(p.dir, 'node_modules/greeter/index.js'),
      join(p.dir, 'src/handler.ts'),
      join(p.dir, 'src/suffix.ts'),
    ]);
    const code = new TextDecoder().decode(out.files[0]!.content);
    expect(code).not.toContain(p.dir); // machine-independent output
    expect(code).not.toContain('sourceMappingURL');
    const dist = join(p.dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.mjs'), out.files[0]!.content);
    expect(invoke(dist, 'index.mjs', 'handler', { name: 'stp' })).toEqual({ message: 'hello stp!' });
  });

  it('keeps CommonJS entries CommonJS (index.js), so exports.handler is the handler', async () => {
    const p = project({ 'handler.js': "exports.handler = async () => ({ ok: require('path').sep.length });\n" });
    const out = await bundler.bundle({ entryFile: join(p.dir, 'handler.js'), handlerExport: 'handler', runtime: 'nodejs20.x', workingDir: p.dir });
    expect(out.files.map((f) => f.path)).toEqual(['index.js']);
    writeFileSync(join(p.dir, 'index.js'), out.files[0]!.content);
    expect(invoke(p.dir, 'index.js', 'handler', {})).toEqual({ ok: 1 });
  });

  it('writes an external source map only when asked', async () => {
    const p = project(esmProjectFiles);
    const out = await bundler.bundle({ entryFile: join(p.dir, 'src/handler.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', workingDir: p.dir, sourcemap: true });
    expect(out.files.map((f) => f.path).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('serves a Stacktape-style `export default` handler as index.handler', async () => {
    const p = project({ 'src/main.ts': "export default async (event: { n: number }) => ({ doubled: event.n * 2 });\n" });
    const out = await bundler.bundle({ entryFile: join(p.dir, 'src/main.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', workingDir: p.dir });
    expect(out.files.map((f) => f.path)).toEqual(['index.mjs']);
    // The cache key must name the real source, not the generated re-export.
    expect(out.inputs).toEqual([join(p.dir, 'src/main.ts')]);
    const dist = join(p.dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.mjs'), out.files[0]!.content);
    expect(invoke(dist, 'index.mjs', 'handler', { n: 21 })).toEqual({ doubled: 42 });
  });

  it('fails clearly when the handler export is missing', async () => {
    const p = project(esmProjectFiles);
    const bundle = bundler.bundle({ entryFile: join(p.dir, 'src/handler.ts'), handlerExport: 'main', runtime: 'nodejs22.x', workingDir: p.dir });
    await expect(bundle).rejects.toThrow('src/handler.ts does not export "main" (the handler function); it exports: handler, other.');
  });

  it('reports syntax errors and unresolved imports with file:line:column', async () => {
    const p = project({ 'a.ts': "import { x } from './missing';\nexport const handler = () => x;\n", 'b.ts': 'export const handler = () => {;\n' });
    await expect(bundler.bundle({ entryFile: join(p.dir, 'a.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', workingDir: p.dir })).rejects.toThrow(
      /a\.ts:1:19: Could not resolve "\.\/missing"/,
    );
    await expect(bundler.bundle({ entryFile: join(p.dir, 'b.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', workingDir: p.dir })).rejects.toBeInstanceOf(BundleError);
  });

  it('names unsupported runtimes instead of producing a broken package', async () => {
    const p = project({ 'handler.py': 'def handler(e, c): pass\n' });
    await expect(bundler.bundle({ entryFile: join(p.dir, 'handler.py'), handlerExport: 'handler', runtime: 'python3.12', workingDir: p.dir })).rejects.toThrow(
      /does not support the runtime "python3\.12" yet/,
    );
    expect(nodeMajorOfRuntime('nodejs24.x')).toBe(24);
    expect(nodeMajorOfRuntime('nodejs')).toBeUndefined();
  });
});
