/**
 * `stp deploy`: compile, package, plan, gate, execute and watch — the deploy engine with the
 * plain-line (or NDJSON) renderer. Exit codes: 0 deployed or no changes, 1 failed or rolled back,
 * 2 bad config, 3 refused by policy, 4 the stack needs attention, 130 interrupted.
 */
import { runDeploy } from '../../engine/deploy/deploy-machine.js';
import type { ApprovalPolicy } from '../../engine/plan/gate.js';
import { withEngine, type InterruptPolicy } from '../engine-run.js';
import type { CommandContext } from './command.js';

export function protectList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  return withEngine(cmd, { command: 'deploy', onInterrupt: flags['on-interrupt'] as InterruptPolicy | undefined }, ({ ctx, interactive }) =>
    runDeploy(ctx, {
      project: { cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region },
      command: 'deploy',
      // At a terminal every plan waits for the operator's keystroke; headless, only destructive ones need --yes.
      requireApproval: (flags['require-approval'] as ApprovalPolicy | undefined) ?? (interactive ? 'any-change' : 'destructive'),
      yes: flags.yes === true,
      protect: protectList(flags.protect),
      rerunScripts: flags['rerun-scripts'] === true,
      interactive,
    }),
  );
}
