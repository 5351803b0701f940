/**
 * `stp status --watch`: when the stack is in the middle of an operation (started by another
 * terminal, a pipeline, or a session that was killed), stream that operation from its start —
 * stack events, scripts' output, ECS deployments — with the deploy's renderer, until it ends
 * (Ctrl-C stops watching and leaves it running). A settled stack is said to be settled.
 */
import { outcomeOfStatus } from '../engine/deploy/outcome.js';
import { ConfigDiagnostics, resolveProject } from '../engine/deploy/prepare-stack.js';
import { asStpError, failed, finish, type EngineResult } from '../engine/deploy/engine-context.js';
import { attachToOperation } from '../engine/watch/attach-operation.js';
import { EXIT_INTERRUPTED, EXIT_OK } from '../errors/stp-error.js';
import type { CommandContext } from './commands/command.js';
import { withEngine } from './engine-run.js';

export function runStatusWatch(cmd: CommandContext): Promise<number> {
  const { options } = cmd;
  return withEngine(cmd, { command: 'status --watch', onInterrupt: 'detach' }, async ({ ctx, session, clients }): Promise<EngineResult> => {
    const started = new Date();
    let stackName = '';
    try {
      const project = await resolveProject({ cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region });
      stackName = project.stackName;
      session.emit({ type: 'session.started', command: 'attach', stack: stackName, stage: project.stage, region: project.region, target: ctx.targetDescription, mode: ctx.mode });
      const attached = await attachToOperation(
        {
          clients: { cloudFormation: clients.cloudFormation, logs: clients.logs, lambda: clients.lambda, ...(project.services.length > 0 ? { ecs: clients.ecs, elbv2: clients.elbv2 } : {}) },
          stackName,
          plannedResources: 0,
          owners: project.owners,
          scripts: project.scripts,
          services: project.services,
          emit: (event) => session.emit(event),
          signal: session.watchAbort.signal,
        },
        ctx.watchOptions,
      );
      if (!attached.attached) {
        session.emit({ type: 'warning', code: 'STP_NOTHING_TO_ATTACH', message: `${stackName} is not in the middle of an operation (${attached.operation.status}); \`stp status\` shows it.`, resource: stackName });
        return finish(ctx, started, { outcome: 'succeeded', exitCode: EXIT_OK, stackStatus: attached.operation.status, outputs: {} });
      }
      if (attached.detached) {
        const byUser = session.watchAbort.signal.reason === 'interrupt';
        return finish(ctx, started, { outcome: byUser ? 'interrupted' : 'detached', exitCode: byUser ? EXIT_INTERRUPTED : EXIT_OK, outputs: {} });
      }
      const { outcome, exitCode } = outcomeOfStatus(attached.stackStatus);
      return finish(ctx, started, { outcome, exitCode, ...(attached.stackStatus ? { stackStatus: attached.stackStatus } : {}), outputs: {} });
    } catch (error) {
      const stpError = asStpError(error);
      if (!(error instanceof ConfigDiagnostics)) {
        session.emit({ type: 'error', code: stpError.code, message: stpError.message, phase: 'watch', ...(stackName ? { resource: stackName } : {}), ...(stpError.fix ? { fix: stpError.fix } : {}) });
      }
      return finish(ctx, started, failed(stpError));
    }
  });
}
