/**
 * `stacktape-lambda-buildpack` for Node.js runtimes: one esbuild bundle of the entry file and
 * everything it imports (dependencies included), written as `index.mjs` (ES module entries) or
 * `index.js` (CommonJS entries), so the compiled handler `index.<export>` resolves on every AWS
 * Node.js runtime. Other languages are a clear "not supported yet" error, never a broken zip.
 */
import { StpError } from '../../errors/stp-error.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { BuildOptions, Message, Metafile } from 'esbuild';
import type { ZipEntry } from './deterministic-zip.js';

export interface BundleRequest {
  entryFile: string;
  handlerExport: string;
  runtime: string;
  /** Paths in the metafile and comments in the output are relative to this (keeps output machine-independent). */
  workingDir: string;
  sourcemap?: boolean;
  minify?: boolean;
  /** Packages to leave out of the bundle (e.g. provided by a layer). */
  external?: string[];
}

export interface BundleOutput {
  /** Files of the archive, e.g. `index.mjs`. */
  files: ZipEntry[];
  /** Absolute paths of every source file that went into the bundle (the cache's key). */
  inputs: string[];
}

/** Anything that turns a request into files; esbuild by default, injectable for tests. */
export interface Bundler {
  /** Identifies the bundler and its version in cache keys. */
  readonly id: string;
  bundle(request: BundleRequest): Promise<BundleOutput>;
}

/** One esbuild error, placed in the user's code (absolute file, 1-based line and column). */
export interface BundleProblem {
  text: string;
  file?: string;
  line?: number;
  column?: number;
  /** Length of the offending span on that line. */
  length?: number;
}

export class BundleError extends StpError {
  override name = 'BundleError';
  constructor(
    message: string,
    readonly details: string[] = [],
    /** esbuild's errors with their places, when the bundler got that far. */
    readonly problems: BundleProblem[] = [],
  ) {
    super('config', details.length > 0 ? `${message}\n${details.map((d) => `  ${d}`).join('\n')}` : message, { code: 'STP_PACKAGE_BUNDLE_FAILED' });
  }
}

/** `nodejs22.x` → 22; anything else is not a runtime stp can bundle for. */
export function nodeMajorOfRuntime(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

export function assertBundlableRuntime(runtime: string): number {
  const major = nodeMajorOfRuntime(runtime);
  if (major === undefined) {
    throw new BundleError(
      `stacktape-lambda-buildpack does not support the runtime "${runtime}" yet: stp bundles JavaScript/TypeScript for Node.js runtimes (nodejs18.x and later). Package the code yourself and use packaging type custom-artifact.`,
    );
  }
  if (major < 18) throw new BundleError(`The runtime "${runtime}" is deprecated by AWS Lambda; use nodejs20.x or later.`);
  return major;
}

/** Lets bundled CommonJS dependencies `require` Node built-ins from an ES module bundle. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __stpCreateRequire } from 'node:module';\nconst require = __stpCreateRequire(import.meta.url);";

const requireFromHere = createRequire(import.meta.url);

export function esbuildVersion(): string {
  return (requireFromHere('esbuild/package.json') as { version: string }).version;
}

export function createEsbuildBundler(): Bundler {
  return {
    id: `esbuild@${esbuildVersion()}`,
    bundle: bundleWithEsbuild,
  };
}

async function bundleWithEsbuild(request: BundleRequest): Promise<BundleOutput> {
  const major = assertBundlableRuntime(request.runtime);
  if (!existsSync(request.entryFile)) {
    throw new BundleError(`The entry file "${relative(request.workingDir, request.entryFile).split('\\').join('/')}" does not exist (in ${request.workingDir}).`);
  }
  const esbuild = await import('esbuild');
  const entryRelative = relative(request.workingDir, request.entryFile).split('\\').join('/');

  const build = async (format: 'esm' | 'cjs', reexportDefaultAs?: string) => {
    const outfile = join(request.workingDir, '.stp', 'bundle', format === 'esm' ? 'index.mjs' : 'index.js');
    const entry: Pick<BuildOptions, 'entryPoints' | 'stdin'> = reexportDefaultAs
      ? {
          stdin: {
            contents: `export { default as ${reexportDefaultAs} } from ${JSON.stringify(`./${entryRelative}`)};`,
            resolveDir: request.workingDir,
            sourcefile: GENERATED_ENTRY,
            loader: 'js',
          },
        }
      : { entryPoints: [request.entryFile] };
    const options: BuildOptions = {
      ...entry,
      absWorkingDir: request.workingDir,
      outfile,
      bundle: true,
      platform: 'node',
      target: `node${major}`,
      format,
      write: false,
      metafile: true,
      sourcemap: request.sourcemap ? 'external' : false,
      minify: request.minify ?? false,
      external: request.external ?? [],
      logLevel: 'silent',
      charset: 'utf8',
      ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
    };
    try {
      return await esbuild.build(options);
    } catch (error) {
      const messages = (error as { errors?: Message[] }).errors ?? [];
      throw new BundleError(
        `Bundling ${entryRelative} failed.`,
        messages.length > 0 ? messages.map(formatMessage) : [String(error)],
        messages.map((m) => bundleProblem(m, request.workingDir)),
      );
    }
  };

  // ES module output unless the entry itself is CommonJS (then its `exports` are the handler's).
  let result = await build('esm');
  let format: 'esm' | 'cjs' = 'esm';
  if (entryFormat(result.metafile!, request.workingDir, request.entryFile) !== 'esm') {
    result = await build('cjs');
    format = 'cjs';
  }
  let metafile = result.metafile!;
  if (format === 'esm') {
    const main = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
    const exports = main?.exports ?? [];
    if (!exports.includes(request.handlerExport) && request.handlerExport === 'handler' && exports.includes('default')) {
      // Stacktape's convention is `export default` for the handler; AWS calls `index.handler`.
      // Re-export the default under that name rather than asking users to rewrite their code.
      result = await build('esm', 'handler');
    } else if (!exports.includes(request.handlerExport)) {
      throw new BundleError(
        `${entryRelative} does not export "${request.handlerExport}" (the handler function); it exports: ${exports.length > 0 ? exports.join(', ') : 'nothing'}.`,
      );
    }
  }
  metafile = result.metafile!;
  const files: ZipEntry[] = (result.outputFiles ?? []).map((file) => ({
    path: relative(join(request.workingDir, '.stp', 'bundle'), file.path).split('\\').join('/'),
    content: file.contents,
  }));
  const inputs = Object.keys(metafile.inputs)
    .filter((path) => !/^[a-z-]+:/.test(path)) // virtual modules such as `(disabled):fs`
    .filter((path) => path !== GENERATED_ENTRY) // the re-export we wrote; the real entry is listed
    .map((path) => (isAbsolute(path) ? path : resolve(request.workingDir, path)));
  return { files, inputs: [...new Set(inputs)].sort() };
}

/** The in-memory entry that re-exports a default-exported handler as `handler`. */
const GENERATED_ENTRY = 'stp-handler-entry.mjs';

function entryFormat(metafile: Metafile, workingDir: string, entryFile: string): string | undefined {
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (resolve(workingDir, path) === resolve(entryFile)) return input.format;
  }
  return undefined;
}

function bundleProblem(message: Message, workingDir: string): BundleProblem {
  const location = message.location;
  if (!location || location.file === GENERATED_ENTRY) return { text: message.text };
  // esbuild counts columns and lengths in UTF-8 bytes; diagnostics count characters.
  const bytes = Buffer.from(location.lineText, 'utf8');
  const column = bytes.subarray(0, location.column).toString('utf8').length;
  const length = bytes.subarray(location.column, location.column + location.length).toString('utf8').length;
  return {
    text: message.text,
    file: isAbsolute(location.file) ? location.file : resolve(workingDir, location.file),
    line: location.line,
    column: column + 1,
    length,
  };
}

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: ` : '';
  return `${where}${message.text}`;
}
