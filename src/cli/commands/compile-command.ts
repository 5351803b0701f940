import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { compileResolvedStack } from '../../engine/compile/compile-stack.js';
import { validateTemplate } from '../../engine/compile/validate/validate-template.js';
import { loadStackConfig } from '../../engine/config/load-stack-config.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { applyAssetLocations } from '../../engine/package/apply-asset-locations.js';
import { packageAssets, PackagingError } from '../../engine/package/package-assets.js';
import { packagingDiagnostics } from '../../engine/package/packaging-diagnostics.js';
import { StpError } from '../../errors/stp-error.js';
import { formatDiagnostics } from '../../ui/plain/diagnostics-printer.js';
import { UsageError } from '../argv/parse-argv.js';
import { assetsBucketOption } from '../assets-bucket-option.js';
import { resolveAwsTarget } from '../aws-target.js';
import { createStyle } from '../output/style.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CommandContext } from './command.js';

/**
 * `stp compile`: config → CloudFormation template + packaged code. Bundles and hashes function
 * code locally (so the template names the exact S3 keys), validates the template against the
 * CloudFormation resource specification, and with --upload puts the code in the deployment bucket.
 */
export async function run(ctx: CommandContext): Promise<number> {
  const { options, io } = ctx;
  const style = createStyle(io.color);
  const format = (ctx.flags.format as string | undefined) ?? 'json';
  const upload = ctx.flags.upload === true;
  const assetsBucket = assetsBucketOption(ctx.flags);
  if (assetsBucket !== undefined && !upload) throw new UsageError('--assets-bucket needs --upload (without it compile makes no AWS call)', 'add --upload');
  const loaded = await loadStackConfig({ cwd: ctx.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  const printDiagnostics = (diagnostics: readonly Diagnostic[]) => {
    if (diagnostics.length > 0) io.err(formatDiagnostics(diagnostics, { source: loaded.source, file: loaded.file, color: io.color, cwd: ctx.cwd }));
  };
  if (!loaded.ok || !loaded.resolved) {
    printDiagnostics(loaded.diagnostics);
    return EXIT_USAGE;
  }
  const resolved = loaded.resolved;
  const compiled = compileResolvedStack(resolved, loaded.positions);
  const compileDiagnostics = [...loaded.diagnostics, ...compiled.diagnostics];
  if (compiled.diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(compileDiagnostics);
    return EXIT_USAGE;
  }

  const aws = upload ? await resolveAwsTarget(options, { command: 'compile', cwd: ctx.cwd, env: ctx.env, stopOnSignal: true }, (line) => io.err(`${style.dim('local')} ${line}\n`)) : undefined;
  if (aws && options.local) io.err(`${style.dim('local')} using ${aws.description}\n`);
  let packaged;
  try {
    packaged = await packageAssets(compiled.assets, {
      projectDir: resolved.configDir,
      ...(aws ? { upload: { ...(await uploadTarget(aws.target, options.region)), ...(assetsBucket !== undefined ? { bucket: assetsBucket } : {}) } } : {}),
    });
  } catch (error) {
    if (error instanceof PackagingError) {
      const placed = packagingDiagnostics(error, compiled.assets, loaded.positions, ctx.cwd);
      printDiagnostics([...compileDiagnostics, ...placed.diagnostics]);
      if (placed.unplaced.length > 0) {
        // stp's own functions (src/runtime) failed to bundle: not something the user wrote.
        throw new StpError('bug', `Packaging stp's own Lambda code failed:\n${placed.unplaced.map((f) => `  ${f.id}: ${f.message}`).join('\n')}`, {
          code: 'STP_PACKAGE_RUNTIME_FAILED',
          cause: error,
        });
      }
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    await aws?.dispose();
  }

  const keys = Object.fromEntries(packaged.assets.filter((a) => a.key).map((a) => [a.id, a.key!]));
  const { template } = applyAssetLocations(compiled.template, packaged.locations ?? { bucket: '', keys });
  const templateDiagnostics = validateTemplate(template);
  printDiagnostics([...compileDiagnostics, ...templateDiagnostics]);
  for (const warning of packaged.warnings) io.err(`${style.yellow('warning')} ${warning}\n`);
  const templateErrors = templateDiagnostics.filter((d) => d.severity === 'error');
  if (templateErrors.length > 0) {
    // Quotas and raw `cloudformationResources` come from the user's config; anything else means
    // stp generated something CloudFormation would reject.
    if (templateErrors.every((d) => USER_TEMPLATE_ERRORS.has(d.code))) return EXIT_USAGE;
    io.err(`${style.red('error')} the compiled template does not pass the CloudFormation resource specification; this is a bug in stp's compiler, please report it\n`);
    return EXIT_FAILED;
  }

  const text = format === 'yaml' ? stringify(template, { aliasDuplicateObjects: false, lineWidth: 0 }) : `${JSON.stringify(template, null, 2)}\n`;
  const out = typeof ctx.flags.out === 'string' ? path.resolve(ctx.cwd, ctx.flags.out) : undefined;
  if (out) await writeFile(out, text);
  else io.out(text);

  const s = packaged.summary;
  const resources = Object.keys(template.Resources).length;
  io.err(
    `${style.green('✓')} compiled ${style.bold(resolved.stackName)}: ${resources} CloudFormation resources` +
      `; code: ${s.functions} function bundle${s.functions === 1 ? '' : 's'}, ${s.rebuilt} rebuilt` +
      (upload ? `, ${s.uploaded} uploaded to ${packaged.locations?.bucket ?? 'the deployment bucket'}` : ' (not uploaded; add --upload)') +
      (out ? `; template written to ${path.relative(ctx.cwd, out) || out}` : '') +
      '\n',
  );
  return EXIT_OK;
}

/** Template findings caused by what the user wrote (limits, raw resources), not by the compiler. */
const USER_TEMPLATE_ERRORS = new Set(['STP_TEMPLATE_QUOTA_EXCEEDED', 'STP_TEMPLATE_UNKNOWN_RESOURCE_TYPE']);

/** The SDK clients load only when uploading, so a plain compile stays fast. */
async function uploadTarget(target: import('../../aws/client-factory.js').AwsTarget, region: string) {
  const { createS3Client, createStsClient } = await import('../../aws/client-factory.js');
  return { s3: createS3Client(target), sts: createStsClient(target), region };
}
