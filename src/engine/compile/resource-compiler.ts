import type { CfnValue } from './compile-contract.js';
import type { CompileContext } from './compile-context.js';

/** One resource of the config, as a per-type compiler sees it. */
export interface ResourceView {
  /** The stp resource name (the key under `resources`). */
  name: string;
  type: string;
  properties: Record<string, unknown>;
  /** Config path of the resource: `['resources', name]`. */
  path: (string | number)[];
}

/** What a referenceable param resolver gets: the referenced resource, not the referencing one. */
export interface ParamRef {
  resourceName: string;
  properties: Record<string, unknown>;
  stackName: string;
}

/** param → CloudFormation value, built from the referenced resource's logical ids. */
export type ParamResolver = (ref: ParamRef) => CfnValue;

/**
 * A per-type compiler module (`src/engine/compile/resources/<type>.ts`) exports one of these. It
 * adds CloudFormation resources through the context and declares, as data, the params that
 * `$ResourceParam`, `connectTo` and stack Outputs may reference.
 */
export interface ResourceCompiler {
  type: string;
  compile(resource: ResourceView, ctx: CompileContext): void;
  /** Params other resources may reference (`$ResourceParam(name, param)`), by param name. */
  referenceableParams?: Record<string, ParamResolver>;
}
