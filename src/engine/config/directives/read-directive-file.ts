import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, resolve } from 'node:path';
import dotenv from 'dotenv';

type YamlParse = (text: string) => unknown;

// The yaml package (~115 KB bundled) is loaded only when a config names a YAML $File: most
// configs do not, and `stp validate` should not pay for parsing and initialising it.
let yamlParse: YamlParse | undefined;

/** Load the YAML parser ahead of a (synchronous) directive resolution that may need it. */
export async function loadDirectiveFileYaml(): Promise<void> {
  yamlParse ??= (await import('yaml')).parse;
}

function parseYaml(text: string): unknown {
  // Fallback for callers that did not preload: a synchronous require of the same package.
  yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: YamlParse }).parse;
  return yamlParse(text);
}

/** What `$File('…')` reads: the parsed content, or why it could not be read. */
export type DirectiveFileResult =
  | { ok: true; value: unknown; absolutePath: string }
  | { ok: false; reason: 'not-found' | 'unsupported-format' | 'parse-error'; message: string; absolutePath: string };

export const DIRECTIVE_FILE_FORMATS = '.json, .yml, .yaml, or a file whose name starts with .env';

/** Read and parse a file named by `$File`, relative to the config's directory. */
export function readDirectiveFile(configDir: string, relativePath: string): DirectiveFileResult {
  const absolutePath = resolve(configDir, relativePath);
  const name = basename(absolutePath);
  const ext = extname(name).toLowerCase();
  const format = name.startsWith('.env')
    ? 'dotenv'
    : ext === '.json'
      ? 'json'
      : ext === '.yml' || ext === '.yaml'
        ? 'yaml'
        : undefined;
  if (!format) {
    return {
      ok: false,
      reason: 'unsupported-format',
      message: `$File cannot read "${relativePath}": stp reads ${DIRECTIVE_FILE_FORMATS}`,
      absolutePath,
    };
  }
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: 'not-found',
      message:
        code === 'ENOENT'
          ? `$File: file "${relativePath}" does not exist (looked at ${absolutePath})`
          : `$File: cannot read "${relativePath}" (${code ?? 'error'})`,
      absolutePath,
    };
  }
  try {
    const value = format === 'json' ? JSON.parse(text) : format === 'yaml' ? parseYaml(text) : dotenv.parse(text);
    return { ok: true, value, absolutePath };
  } catch (err) {
    return {
      ok: false,
      reason: 'parse-error',
      message: `$File: "${relativePath}" is not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
      absolutePath,
    };
  }
}
