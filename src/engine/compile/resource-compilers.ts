import type { ResourceCompiler } from './resource-compiler.js';
import { deploymentScriptCompiler } from './resources/deployment-script.js';
import { functionCompiler } from './resources/function.js';

/**
 * Config resource type → its compiler module (`src/engine/compile/resources/<type>.ts`). A type
 * missing here compiles to an `STP_COMPILE_UNSUPPORTED` diagnostic at the resource's `type`.
 */
const modules: ResourceCompiler[] = [functionCompiler, deploymentScriptCompiler];

export const resourceCompilers: Readonly<Record<string, ResourceCompiler>> = Object.fromEntries(
  modules.map((m) => [m.type, m]),
);
