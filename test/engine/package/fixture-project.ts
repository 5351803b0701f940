/** A throwaway Node project on disk (entry files, a dependency in node_modules) for packaging tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FixtureProject {
  dir: string;
  write(path: string, content: string): string;
  remove(): void;
}

export function createFixtureProject(files: Record<string, string> = {}): FixtureProject {
  const dir = mkdtempSync(join(tmpdir(), 'stp-package-'));
  const write = (path: string, content: string) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An ES module TypeScript handler importing a CommonJS dependency that requires a Node built-in. */
export const esmProjectFiles: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', version: '1.0.0' }),
  'src/handler.ts': [
    "import { greet } from 'greeter';",
    "import { suffix } from './suffix.js';",
    'export const handler = async (event: { name: string }) => ({ message: greet(event.name) + suffix });',
    'export const other = 1;',
    '',
  ].join('\n'),
  'src/suffix.ts': "export const suffix = '!';\n",
  'node_modules/greeter/package.json': JSON.stringify({ name: 'greeter', version: '1.0.0', main: 'index.js' }),
  'node_modules/greeter/index.js': "const os = require('os');\nexports.greet = (name) => 'hello ' + name + (os.EOL ? '' : '?');\n",
};
