/** `stp status`: the deployed stack — status, resources, outputs, last operation (--json: one object). */
import { createAwsClients } from '../../aws/client-factory.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { resolveProject } from '../../engine/deploy/prepare-stack.js';
import { ConfigDiagnostics } from '../../engine/deploy/prepare-stack.js';
import { readStackReport } from '../../engine/status/stack-report.js';
import { isStpError } from '../../errors/stp-error.js';
import { UsageError } from '../argv/parse-argv.js';
import { formatDiagnostics } from '../../ui/plain/diagnostics-printer.js';
import { resolveAwsTarget } from '../aws-target.js';
import { applyProfileRegion } from '../engine-run.js';
import { createStyle } from '../output/style.js';
import { STP_VERSION } from '../version.js';
import { EXIT_OK, type CommandContext } from './command.js';

export async function run(cmd: CommandContext): Promise<number> {
  // --watch streams the operation the stack is in (src/cli/status-watch.ts).
  if (cmd.flags.watch === true) return (await import('../status-watch.js')).runStatusWatch(cmd);
  if (cmd.flags.record !== undefined) throw new UsageError('--record records a watched operation: it needs --watch', 'stp status --watch --record FILE');
  const { options, io } = cmd;
  const style = createStyle(io.color);
  await applyProfileRegion(cmd, { env: cmd.env, ...(options.profile ? { profile: options.profile } : {}) });
  let project;
  try {
    project = await resolveProject({ cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region });
  } catch (error) {
    if (error instanceof ConfigDiagnostics) {
      io.err(formatDiagnostics(error.diagnostics, { source: error.loaded.source, file: error.loaded.file, color: io.color, cwd: cmd.cwd }));
      return error.exitCode;
    }
    throw error;
  }
  const aws = await resolveAwsTarget(options, { command: 'status', cwd: cmd.cwd, env: cmd.env, stopOnSignal: true }, () => {});
  const clients = createAwsClients({ ...aws.target, appVersion: STP_VERSION });
  try {
    const report = await awsCall({ doing: 'read the stack', resource: project.stackName }, () => readStackReport(clients.cloudFormation, project.stackName, project.owners));
    if (options.json) {
      io.out(`${JSON.stringify({ stackName: project.stackName, exists: report !== undefined, ...(report ?? {}) })}\n`);
      return EXIT_OK;
    }
    if (!report) {
      io.out(`${project.stackName} is not deployed (${aws.description}). Deploy it with \`stp deploy\`.\n`);
      return EXIT_OK;
    }
    const { stack } = report;
    const paint = stack.status.endsWith('_FAILED') || stack.status.includes('ROLLBACK') ? style.red : stack.status.endsWith('_IN_PROGRESS') ? style.yellow : style.green;
    io.out(`${style.bold(stack.stackName)} ${paint(stack.status)}${stack.statusReason ? ` — ${stack.statusReason}` : ''} (${aws.description})\n`);
    if (report.lastOperation) io.out(`last operation: ${report.lastOperation.status} at ${report.lastOperation.at}\n`);
    io.out(`resources (${report.resources.length}):\n`);
    const ownerWidth = Math.max(8, ...report.resources.map((r) => (r.owner ?? '(stp)').length));
    const idWidth = Math.max(10, ...report.resources.map((r) => r.logicalId.length));
    for (const r of report.resources) {
      io.out(`  ${(r.owner ?? '(stp)').padEnd(ownerWidth)}  ${r.logicalId.padEnd(idWidth)}  ${r.resourceType.padEnd(36)}  ${r.status}\n`);
    }
    const outputs = Object.entries(stack.outputs).sort(([a], [b]) => a.localeCompare(b));
    if (outputs.length > 0) {
      io.out('outputs:\n');
      const width = Math.max(...outputs.map(([k]) => k.length));
      for (const [key, value] of outputs) io.out(`  ${key.padEnd(width)}  ${value}\n`);
    }
    return EXIT_OK;
  } catch (error) {
    if (!isStpError(error)) throw error;
    io.err(`${style.red('error')} ${error.message}\n`);
    if (error.fix) io.err(`${style.yellow('fix')}   ${error.fix}\n`);
    return error.exitCode;
  } finally {
    clients.destroy();
    await aws.dispose();
  }
}
