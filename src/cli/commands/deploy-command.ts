/**
 * `stp deploy`: compile, package, plan, gate, execute and watch. At a terminal it runs in the Ink
 * console, launched first so its frame is up while the engine loads (`--exit` leaves it when the
 * deploy ends); otherwise plain lines (or NDJSON). Exit codes: 0 deployed or no changes, 1 failed
 * or rolled back, 2 bad config, 3 refused by policy, 4 the stack needs attention, 130 interrupted.
 */
import type { ApprovalPolicy } from '../../engine/plan/gate.js';
import { interactiveTerminal, launchConsole } from '../console-launch.js';
import type { InterruptPolicy } from '../engine-run.js';
import type { CommandContext } from './command.js';

export function protectList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  const launch = interactiveTerminal(options, cmd.io) ? launchConsole({ exitOnEnd: flags.exit === true, color: cmd.io.color }) : undefined;
  try {
    // The console's first frame before the engine and the SDK load (one thread: loading them
    // alongside would hold the frame back); a mount that fails is reported by withEngine.
    await launch?.handle.catch(() => undefined);
    const [{ runDeploy }, { withEngine }] = await Promise.all([import('../../engine/deploy/deploy-machine.js'), import('../engine-run.js')]);
    return await withEngine(cmd, { command: 'deploy', onInterrupt: flags['on-interrupt'] as InterruptPolicy | undefined, ...(launch ? { console: launch } : {}) }, ({ ctx, interactive }) =>
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
  } finally {
    await launch?.close();
  }
}
