/**
 * What a run recorded by test/support/record-loaded-modules.mjs loaded of Ink or React: modules
 * from their packages, or dist/ chunks holding their code (Ink's `ink-root` node name, React 19's
 * element symbol). Headless runs must show none.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './run-stp.js';

/** `node --import` this to record every module a process resolves into $STP_TEST_LOADED_MODULES. */
export const moduleRecorder = path.join(repoRoot, 'test', 'support', 'record-loaded-modules.mjs');

const UI_PACKAGES = /\/node_modules\/(ink|react|react-reconciler|yoga-layout|@inkjs\/ui|ink-spinner)\//;
export const UI_CODE = /ink-root|react\.transitional\.element/;

/** The recorded modules that are Ink's or React's. */
export function uiModules(loadedFile: string): string[] {
  const urls = [...new Set(readFileSync(loadedFile, 'utf8').trim().split('\n'))].filter((u) => u.startsWith('file:'));
  return urls.filter((url) => {
    if (UI_PACKAGES.test(url)) return true;
    const file = fileURLToPath(url);
    return file.startsWith(path.join(repoRoot, 'dist')) && existsSync(file) && UI_CODE.test(readFileSync(file, 'utf8'));
  });
}
