import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { ResolvedStack } from '../config/resolved-stack.js';
import type { CfnResource } from './compile-contract.js';
import type { StackInput, StackInputResource } from './stack-input.js';

/** Where config paths are in the source (config-core's `SourcePositions` fits). */
export interface PositionLookup {
  positionOf(path: readonly (string | number)[]): SourcePosition | undefined;
}

/**
 * The compiler's view of a loaded stack. `positions` (from parsing the config file) lets compile
 * diagnostics point at file:line:column; without it they carry the config path only.
 */
export function stackInputFromResolved(resolved: ResolvedStack, positions?: PositionLookup): StackInput {
  const config = resolved.config;
  const suffix = `-${resolved.stage}`;
  const serviceName =
    config.serviceName ?? (resolved.stackName.endsWith(suffix) ? resolved.stackName.slice(0, -suffix.length) : resolved.stackName);
  const input: StackInput = {
    stackName: resolved.stackName,
    stage: resolved.stage,
    serviceName,
    region: resolved.region,
    configDir: resolved.configDir,
    resources: config.resources as Record<string, StackInputResource>,
  };
  if (config.cloudformationResources) input.cloudformationResources = config.cloudformationResources as Record<string, CfnResource>;
  if (config.stackConfig) {
    const stackConfig: NonNullable<StackInput['stackConfig']> = {};
    if (config.stackConfig.outputs) stackConfig.outputs = config.stackConfig.outputs;
    if (config.stackConfig.tags) stackConfig.tags = config.stackConfig.tags;
    input.stackConfig = stackConfig;
  }
  if (positions) input.positionOf = (path) => positions.positionOf(path);
  return input;
}
