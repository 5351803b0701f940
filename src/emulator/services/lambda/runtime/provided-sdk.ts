/**
 * The AWS SDK for JavaScript v3 that the local Lambda provides to handlers, as AWS Lambda's
 * Node.js runtimes do from /var/runtime/node_modules: stp leaves `@aws-sdk/*` out of function
 * bundles, so a handler's `import ... from '@aws-sdk/client-s3'` must resolve here. The runtime
 * folder gets `node_modules/@aws-sdk`, a link to stp's own installed copy (only that scope, so a
 * package the bundle forgot still fails locally as it would on AWS); NODE_PATH names the folder
 * for `require`, and the bootstrap's resolve hook does the same for `import`.
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** stp's own `node_modules/@aws-sdk` folder, found from an SDK package stp depends on. */
export function stpSdkScopeDir(): string {
  const entry = createRequire(import.meta.url).resolve('@aws-sdk/client-s3');
  const marker = `${path.sep}node_modules${path.sep}@aws-sdk${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot locate stp's @aws-sdk folder from ${entry}`);
  return entry.slice(0, at + marker.length - 1);
}

/** Ensures `<runtimeDir>/node_modules/@aws-sdk` links to stp's SDK; returns `<runtimeDir>/node_modules`. */
export function ensureProvidedSdk(runtimeDir: string, sdkScopeDir = stpSdkScopeDir()): string {
  const modules = path.join(runtimeDir, 'node_modules');
  const link = path.join(modules, '@aws-sdk');
  let current: string | undefined;
  try {
    current = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined;
  } catch {
    current = undefined;
  }
  if (current === sdkScopeDir) return modules;
  mkdirSync(modules, { recursive: true });
  // Made beside and renamed over, so a concurrent start never sees a missing link.
  const temp = `${link}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  symlinkSync(sdkScopeDir, temp, 'junction');
  if (existsSync(link) && !lstatSync(link).isSymbolicLink()) rmSync(link, { recursive: true, force: true });
  renameSync(temp, link);
  return modules;
}
