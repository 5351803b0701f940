/**
 * Packaging failures as diagnostics, placed like config errors: an esbuild error at the user's
 * file:line:column (naming the function and where its entry file is configured), anything else
 * about a function's code (missing entry file, no handler export, a missing artifact) at the
 * `entryfilePath` / `packagePath` in the config. A failure of stp's own functions (no config
 * path) is not the user's to fix and is returned separately.
 */
import { relative } from 'node:path';
import type { PositionLookup } from '../config/validate/issues-to-diagnostics.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { BundleError } from './bundle-lambda.js';
import type { PackagingError } from './package-assets.js';

export interface PackagingDiagnostics {
  diagnostics: Diagnostic[];
  /** Failures with no place in the user's config (stp's own functions). */
  unplaced: PackagingError['failures'];
}

export function packagingDiagnostics(
  error: PackagingError,
  assets: readonly { id: string; kind: string; configPath?: (string | number)[] }[],
  positions: PositionLookup | undefined,
  cwd: string,
): PackagingDiagnostics {
  const diagnostics: Diagnostic[] = [];
  const unplaced: PackagingError['failures'] = [];
  for (const failure of error.failures) {
    const asset = assets.find((a) => a.id === failure.id);
    if (!asset?.configPath) {
      unplaced.push(failure);
      continue;
    }
    const configPosition = positions?.positionOf(asset.configPath, 'value');
    const configured = configPosition
      ? `${relative(cwd, configPosition.file) || configPosition.file}:${configPosition.line}:${configPosition.column}`
      : asset.configPath.join('.');
    const key = String(asset.configPath[asset.configPath.length - 1]);
    const what = asset.kind === 'custom-artifact' ? 'artifact' : 'code';
    const cause = failure.cause;
    const placedProblems = cause instanceof BundleError ? cause.problems.filter((p) => p.file !== undefined && p.line !== undefined) : [];
    if (placedProblems.length > 0) {
      for (const problem of placedProblems) {
        const unresolved = /^Could not resolve "([^"]+)"/.exec(problem.text);
        diagnostics.push({
          code: 'STP_PACKAGE_BUNDLE_FAILED',
          severity: 'error',
          message: `${problem.text} (bundling the code of "${failure.id}", whose ${key} is at ${configured})`,
          position: {
            file: problem.file!,
            line: problem.line!,
            column: problem.column ?? 1,
            ...(problem.length ? { endLine: problem.line!, endColumn: (problem.column ?? 1) + problem.length } : {}),
          },
          path: asset.configPath,
          ...(unresolved
            ? { hint: `install "${unresolved[1]}" in the project (npm install ${packageName(unresolved[1]!)}), or fix the import path` }
            : {}),
        });
      }
      continue;
    }
    const message = cause instanceof Error ? cause.message : failure.message;
    diagnostics.push({
      code: cause instanceof BundleError ? 'STP_PACKAGE_BUNDLE_FAILED' : 'STP_PACKAGE_FAILED',
      severity: 'error',
      message: `Packaging the ${what} of "${failure.id}" failed: ${message}`,
      path: asset.configPath,
      ...(configPosition ? { position: configPosition } : {}),
    });
  }
  return { diagnostics, unplaced };
}

function packageName(specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}
