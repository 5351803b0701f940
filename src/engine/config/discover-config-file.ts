import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** File names looked for, in order (Stacktape also auto-detects .ts/.js, which stp cannot load yet). */
export const YAML_CONFIG_NAMES = ['stacktape.yml', 'stacktape.yaml'] as const;
export const SCRIPT_CONFIG_NAMES = ['stacktape.ts', 'stacktape.js', 'stacktape.mjs', 'stacktape.cjs'] as const;
const SCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);

export interface DiscoveredConfig {
  /** Absolute path of the YAML config to load; absent when there is none stp can read. */
  file?: string;
  diagnostics: Diagnostic[];
}

function scriptConfigDiagnostic(file: string, absolute: string): Diagnostic {
  return {
    code: 'STP_CONFIG_UNSUPPORTED_FORMAT',
    severity: 'error',
    message: `${file} is a TypeScript/JavaScript config, which stp does not support yet`,
    expected: 'a YAML config: stacktape.yml or stacktape.yaml',
    hint: 'write the same stack as stacktape.yml (resources as { type, properties }; a resource reference becomes $ResourceParam(\'name\', \'param\'))',
    position: { file: absolute, line: 1, column: 1 },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Find the stack config: `--config <path>` if given (a file, or a directory to search), else
 * stacktape.yml / stacktape.yaml in `cwd`.
 */
export function discoverConfigFile(options: { cwd: string; configPath?: string }): DiscoveredConfig {
  if (options.configPath !== undefined) {
    const path = resolve(options.cwd, options.configPath);
    if (isDirectory(path)) return searchDirectory(path);
    if (!existsSync(path)) {
      return {
        diagnostics: [
          {
            code: 'STP_CONFIG_NOT_FOUND',
            severity: 'error',
            message: `config file ${options.configPath} does not exist`,
            expected: 'a path to a stacktape.yml (or a directory containing one)',
            hint: `the path is resolved against ${options.cwd}`,
          },
        ],
      };
    }
    if (SCRIPT_EXTENSIONS.has(extname(path).toLowerCase())) {
      return { diagnostics: [scriptConfigDiagnostic(options.configPath, path)] };
    }
    return { file: path, diagnostics: [] };
  }
  return searchDirectory(resolve(options.cwd));
}

function searchDirectory(dir: string): DiscoveredConfig {
  const found = YAML_CONFIG_NAMES.map((name) => join(dir, name)).filter(isFile);
  if (found.length > 0) {
    const diagnostics: Diagnostic[] = [];
    if (found.length > 1) {
      diagnostics.push({
        code: 'STP_CONFIG_AMBIGUOUS',
        severity: 'warning',
        message: `both stacktape.yml and stacktape.yaml exist in ${dir}; using stacktape.yml`,
        hint: 'delete one of them, or choose with --config',
      });
    }
    return { file: found[0]!, diagnostics };
  }
  const script = SCRIPT_CONFIG_NAMES.find((name) => isFile(join(dir, name)));
  if (script) return { diagnostics: [scriptConfigDiagnostic(join(dir, script), join(dir, script))] };
  return {
    diagnostics: [
      {
        code: 'STP_CONFIG_NOT_FOUND',
        severity: 'error',
        message: `no stack config found in ${dir}`,
        expected: 'stacktape.yml or stacktape.yaml in the current directory',
        hint: 'run stp in the directory that holds stacktape.yml, or pass --config <path>',
      },
    ],
  };
}
