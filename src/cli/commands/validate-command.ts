import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkCapabilities } from '../../engine/compile/capabilities/check-capabilities.js';
import { loadStackConfig } from '../../engine/config/load-stack-config.js';
import { formatDiagnostics } from '../../ui/plain/diagnostics-printer.js';
import { UsageError } from '../argv/parse-argv.js';
import { createStyle } from '../output/style.js';
import { EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

export async function run(ctx: CommandContext): Promise<number> {
  const { options, io } = ctx;
  if (typeof ctx.flags.template === 'string') {
    // A template has no stage, region or stack config: those flags would be silently ignored.
    const ignored = ['config', 'stage', 'region'].filter((name) => typeof ctx.flags[name] === 'string');
    if (ignored.length > 0) {
      throw new UsageError(
        `${ignored.map((n) => `--${n}`).join(' and ')} cannot be combined with --template`,
        '--template checks a CloudFormation template as it is; run stp validate without --template to check the stack config',
      );
    }
    return validateTemplateFile(ctx, ctx.flags.template);
  }
  const loaded = await loadStackConfig({ cwd: ctx.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  if (loaded.ok && loaded.resolved) {
    // What compile would refuse because stp cannot compile it yet: the same checks compile runs.
    const unsupported = checkCapabilities(loaded.resolved, loaded.positions);
    if (unsupported.length > 0) {
      loaded.diagnostics.push(...unsupported);
      loaded.ok = false;
    }
  }
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

/** `--template FILE`: a CloudFormation template (JSON or YAML) against the resource specification. */
async function validateTemplateFile(ctx: CommandContext, given: string): Promise<number> {
  const { io, options } = ctx;
  const file = path.resolve(ctx.cwd, given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`error cannot read the template ${given}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}\n`);
    return EXIT_USAGE;
  }
  const { validateTemplateText } = await import('../../engine/compile/validate/parse-template.js');
  const diagnostics = validateTemplateText(text, file);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  if (options.json) {
    io.out(`${JSON.stringify({ ok, file, diagnostics })}\n`);
    return ok ? EXIT_OK : EXIT_USAGE;
  }
  if (diagnostics.length > 0) io.err(formatDiagnostics(diagnostics, { source: text, file, color: io.color, cwd: ctx.cwd }));
  if (!ok) return EXIT_USAGE;
  const style = createStyle(io.color);
  io.out(`${style.green('✓')} ${relative(ctx.cwd, file)} passes the CloudFormation resource specification\n`);
  return EXIT_OK;
}
