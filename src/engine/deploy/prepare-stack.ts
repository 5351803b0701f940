/**
 * The `resolve` and `package` phases: config → template → packaged, uploaded code → everything
 * CreateChangeSet needs (body or URL, parameters, tags), plus what the plan and the watchers need
 * (owners map, deployment scripts, ECS services). Config mistakes come back as diagnostics.
 */
import type { AwsClients } from '../../aws/client-factory.js';
import { callerAccountId, deploymentBucketName, ensureBucket } from '../../aws/s3/deployment-bucket.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { StpError } from '../../errors/stp-error.js';
import type { CfnTemplate } from '../compile/compile-contract.js';
import { compileResolvedStack } from '../compile/compile-stack.js';
import { resourceHandles, type ResourceHandles } from '../compile/compute-names.js';
import { stackInputFromResolved } from '../compile/stack-input-from-resolved.js';
import { deploymentScriptResourceType } from '../compile/resources/deployment-script.js';
import { validateTemplate } from '../compile/validate/validate-template.js';
import { loadStackConfig, type LoadStackConfigResult } from '../config/load-stack-config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DeployEventBody } from '../events.js';
import { applyAssetLocations } from '../package/apply-asset-locations.js';
import { packageAssets, PackagingError, type PackageableAsset } from '../package/package-assets.js';
import { needsTemplateUrl, uploadTemplate } from '../package/upload-template.js';
import type { WatchedScript, WatchedService } from '../watch/watch-contract.js';
import type { WatchedScriptWithTrigger } from '../watch/watch-operation.js';
import { resolveDeployParameters } from './deploy-parameters.js';

export interface ProjectInput {
  cwd: string;
  configPath?: string;
  stage: string;
  region: string;
}

/** A config that does not load or compile: the diagnostics, for the CLI's code frames. */
export class ConfigDiagnostics extends StpError {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly loaded: Pick<LoadStackConfigResult, 'file' | 'source'>,
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('config', `The stack config has ${errors.length} error${errors.length === 1 ? '' : 's'}.`, {
      code: errors[0]?.code ?? 'STP_CONFIG_INVALID',
      fix: 'Fix the errors listed (stp validate shows them with code frames).',
    });
    this.name = 'ConfigDiagnostics';
  }

  /** One line per error, for the `error` event's cause chain. */
  lines(): string[] {
    return this.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.position ? `${d.position.file}:${d.position.line}:${d.position.column} ` : ''}${d.code} ${d.message}`);
  }
}

export interface ResolvedProject {
  stackName: string;
  stage: string;
  region: string;
  configDir: string;
  compiled: CfnTemplate;
  /** The code to package (compile's assets). */
  assets: PackageableAsset[];
  owners: Record<string, string>;
  scripts: WatchedScript[];
  /** Script name → the logical id of its function. */
  scriptFunctions: Record<string, string>;
  services: WatchedService[];
  /** Where each compute resource lives in AWS (its log group), for the session's tailLogs. */
  handles: ResourceHandles;
  warnings: Diagnostic[];
  /** stp's stack tags. */
  tags: Record<string, string>;
}

/** Loads and compiles; throws ConfigDiagnostics for mistakes in the config. */
export async function resolveProject(project: ProjectInput): Promise<ResolvedProject> {
  const loaded = await loadStackConfig({ cwd: project.cwd, configPath: project.configPath, stage: project.stage, region: project.region });
  if (!loaded.ok || !loaded.resolved) throw new ConfigDiagnostics(loaded.diagnostics, loaded);
  const resolved = loaded.resolved;
  const compiled = compileResolvedStack(resolved, loaded.positions);
  const all = [...loaded.diagnostics, ...compiled.diagnostics];
  if (compiled.diagnostics.some((d) => d.severity === 'error')) throw new ConfigDiagnostics(all, loaded);
  const templateErrors = validateTemplate(compiled.template).filter((d) => d.severity === 'error');
  if (templateErrors.length > 0) throw new ConfigDiagnostics([...all, ...templateErrors], loaded);
  const scripts: WatchedScriptWithTrigger[] = [];
  const services: WatchedService[] = [];
  const scriptFunctions: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(compiled.template.Resources)) {
    const owner = compiled.owners[logicalId] ?? logicalId;
    if (resource.Type === deploymentScriptResourceType) {
      // Trigger and function from the compiled template: the watchers then need no API call to
      // know them (a before:delete script's stack may be gone before one could be made).
      const ref = (resource.Properties?.ScriptFunctionName as { Ref?: unknown } | undefined)?.Ref;
      const trigger = resource.Properties?.Trigger;
      const functionName = typeof ref === 'string' ? compiled.template.Resources[ref]?.Properties?.FunctionName : undefined;
      scripts.push({
        name: owner,
        logicalId,
        ...(trigger === 'after:deploy' || trigger === 'before:delete' ? { trigger } : {}),
        ...(typeof functionName === 'string' ? { functionName, logGroup: `/aws/lambda/${functionName}` } : {}),
      });
      if (typeof ref === 'string') scriptFunctions[owner] = ref;
    }
    if (resource.Type === 'AWS::ECS::Service') services.push({ name: owner, logicalId });
  }
  const userTags = Object.fromEntries(
    (resolved.config.stackConfig?.tags ?? []).filter((t) => typeof t.value === 'string').map((t) => [t.name, t.value as string]),
  );
  return {
    stackName: resolved.stackName,
    stage: resolved.stage,
    region: resolved.region,
    configDir: resolved.configDir,
    compiled: compiled.template,
    assets: compiled.assets,
    owners: compiled.owners,
    scripts,
    scriptFunctions,
    services,
    handles: resourceHandles(stackInputFromResolved(resolved, loaded.positions)),
    warnings: all.filter((d) => d.severity === 'warning'),
    tags: { 'stp:stack': resolved.stackName, 'stp:stage': resolved.stage, ...userTags },
  };
}

export interface PackagedStack {
  template: CfnTemplate;
  body: string;
  templateUrl?: string;
  parameters: Record<string, string>;
  bucket: string;
  account: string;
}

/** Packages and uploads the code, fills the parameters, and puts a large template in S3. */
export async function packageProject(
  project: ResolvedProject,
  clients: AwsClients,
  options: { deploymentId: string; emit(event: DeployEventBody): void },
): Promise<PackagedStack> {
  const account = await awsCall({ doing: 'identify the AWS account (STS GetCallerIdentity)' }, () => callerAccountId(clients.sts));
  const upload = { s3: clients.s3, sts: clients.sts, region: project.region };
  let packaged;
  try {
    packaged = await awsCall({ doing: 'upload the packaged code' }, () =>
      packageAssets(
        project.assets,
        {
          projectDir: project.configDir,
          upload,
          onProgress: (progress) => {
            if (progress.stage === 'packaged') options.emit({ type: 'package.progress', asset: progress.id, state: progress.rebuilt ? 'built' : 'cached' });
            else options.emit({ type: 'package.progress', asset: progress.id, state: progress.stage === 'uploaded' ? 'uploaded' : 'skipped' });
          },
        },
      ),
    );
  } catch (error) {
    if (error instanceof PackagingError) {
      throw new StpError('config', error.message, { code: 'STP_PACKAGING_FAILED', cause: error, fix: 'Fix the build errors of the functions named above.' });
    }
    throw error;
  }
  for (const warning of packaged.warnings) options.emit({ type: 'warning', code: 'STP_PACKAGE_WARNING', message: warning });
  let bucket = packaged.locations?.bucket;
  if (bucket === undefined) {
    bucket = deploymentBucketName(account, project.region);
    const ensured = await awsCall({ doing: 'create the deployment bucket', resource: bucket }, () => ensureBucket(clients.s3, bucket!, project.region, account));
    for (const warning of ensured.warnings) options.emit({ type: 'warning', code: 'STP_BUCKET_WARNING', message: warning, resource: bucket });
  }
  const applied = applyAssetLocations(project.compiled, packaged.locations ?? { bucket, keys: {} });
  const parameters = {
    ...applied.parameters,
    ...(await resolveDeployParameters(applied.template, { bucket, deploymentId: options.deploymentId, ec2: clients.ec2, region: project.region })),
  };
  const body = JSON.stringify(applied.template);
  let templateUrl: string | undefined;
  if (needsTemplateUrl(body)) {
    const location = await awsCall({ doing: 'upload the template', resource: bucket }, () => uploadTemplate(body, { ...upload, bucket }));
    templateUrl = location.url;
  }
  return { template: applied.template, body, ...(templateUrl ? { templateUrl } : {}), parameters, bucket, account };
}

