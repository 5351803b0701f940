import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Code stp ships into Lambda itself (src/runtime/<name>/handler.ts), packaged like a user function.
 * The entry file is found by walking up from this module to the directory holding `src/runtime`,
 * which works from the source tree (tests, tsx) and from a bundled CLI whose package ships `src/runtime`.
 */
export const runtimeAssets = {
  deploymentScriptRunner: { id: 'stp:deployment-script-runner', dir: 'deployment-script-runner' },
  lifecycleHookAdapter: { id: 'stp:lifecycle-hook-adapter', dir: 'lifecycle-hook-adapter' },
  s3Notifications: { id: 'stp:s3-notifications', dir: 's3-notifications' },
} as const;

export type RuntimeAssetName = keyof typeof runtimeAssets;

let root: string | undefined;

export function runtimeEntryFile(name: RuntimeAssetName): string {
  const relative = join('src', 'runtime', runtimeAssets[name].dir, 'handler.ts');
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
      if (existsSync(join(dir, 'src', 'runtime'))) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    root = dir;
  }
  return join(root, relative);
}
