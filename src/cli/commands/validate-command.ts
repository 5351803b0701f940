import { loadStackConfig } from '../../engine/config/load-stack-config.js';
import { formatDiagnostics } from '../../ui/plain/diagnostics-printer.js';
import { createStyle } from '../output/style.js';
import { EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

export async function run(ctx: CommandContext): Promise<number> {
  const { options, io } = ctx;
  const loaded = await loadStackConfig({ cwd: ctx.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');

  if (options.json) {
    io.out(`${JSON.stringify({ ok: loaded.ok, file: loaded.file, stackName: loaded.resolved?.stackName, diagnostics: loaded.diagnostics })}\n`);
    return loaded.ok ? EXIT_OK : EXIT_USAGE;
  }
  if (loaded.diagnostics.length > 0) {
    io.err(formatDiagnostics(loaded.diagnostics, { source: loaded.source, file: loaded.file, color: io.color, cwd: ctx.cwd }));
  }
  if (!loaded.ok || errors.length > 0 || !loaded.resolved) return EXIT_USAGE;

  const style = createStyle(io.color);
  const resources = Object.keys(loaded.resolved.config.resources ?? {}).length;
  io.out(
    `${style.green('✓')} ${loaded.file ? relative(ctx.cwd, loaded.file) : 'config'} is valid: ` +
      `${resources} resource${resources === 1 ? '' : 's'}, stack ${style.bold(loaded.resolved.stackName)} (stage ${options.stage}, region ${options.region})\n`,
  );
  return EXIT_OK;
}

function relative(cwd: string, file: string): string {
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
