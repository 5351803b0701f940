import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { CfnResource } from './compile-contract.js';

/**
 * The part of the resolved stack the compiler reads. Local directives are already resolved; runtime
 * directives are still `RuntimeDirective` objects inside `properties`. Kept structural so the
 * compiler does not depend on how config loading represents the rest of the config.
 */
export interface StackInputResource {
  type: string;
  properties?: Record<string, unknown>;
  overrides?: Record<string, Record<string, unknown>>;
}

export interface StackInput {
  /** `<projectName|serviceName>-<stage>`. */
  stackName: string;
  stage: string;
  /** projectName, or the deprecated serviceName. */
  serviceName: string;
  region?: string;
  /** Directory relative file paths (entry files, artifacts) resolve against. */
  configDir: string;
  resources: Record<string, StackInputResource>;
  cloudformationResources?: Record<string, CfnResource>;
  stackConfig?: {
    outputs?: { name: string; value: unknown; description?: string; export?: boolean }[];
    /** Values may be runtime directives, which stack tags cannot hold (reported). */
    tags?: { name: string; value: unknown }[];
  };
  /** Source position of a config path (`['resources','api','properties','memory']`), if known. */
  positionOf?: (path: (string | number)[]) => SourcePosition | undefined;
}
