/**
 * For commands that act on a deployed stack's resources (`stp logs`, `stp script:run`): load the
 * config, and name the stack and where each compute resource lives in AWS (compile's names).
 * No compile, no packaging: the names follow from the config alone.
 */
import { resourceHandles, type ResourceHandles } from '../engine/compile/compute-names.js';
import { stackInputFromResolved } from '../engine/compile/stack-input-from-resolved.js';
import { loadStackConfig } from '../engine/config/load-stack-config.js';
import { formatDiagnostics } from '../ui/plain/diagnostics-printer.js';
import type { CommandContext } from './commands/command.js';
import { EXIT_USAGE } from './commands/command.js';

export type StackHandles = { ok: true; stackName: string; configDir: string; handles: ResourceHandles } | { ok: false; exitCode: number };

export async function loadStackHandles(ctx: CommandContext): Promise<StackHandles> {
  const { options, io } = ctx;
  const loaded = await loadStackConfig({ cwd: ctx.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  if (!loaded.ok || !loaded.resolved) {
    if (loaded.diagnostics.length > 0) io.err(formatDiagnostics(loaded.diagnostics, { source: loaded.source, file: loaded.file, color: io.color, cwd: ctx.cwd }));
    return { ok: false, exitCode: EXIT_USAGE };
  }
  const stack = stackInputFromResolved(loaded.resolved, loaded.positions);
  return { ok: true, stackName: loaded.resolved.stackName, configDir: loaded.resolved.configDir, handles: resourceHandles(stack) };
}
