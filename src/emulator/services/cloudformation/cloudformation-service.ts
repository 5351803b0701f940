/**
 * The local CloudFormation: change sets computed from the resource specification, stacks
 * provisioned in dependency order on the emulator's clock with CloudFormation's event sequences,
 * rollbacks, custom resources through their service token and response URL, and state that
 * survives a restart.
 *
 * Known limits (each answers with a clear error or log line, never silently):
 * - no template Transforms (SAM), no IMPORT change sets, no nested stacks (the resource fails);
 * - dynamic references `{{resolve:…}}` stay opaque strings (no SSM / Secrets Manager store yet);
 * - change sets are computed synchronously (CREATE_COMPLETE or FAILED when the call returns);
 * - a "maybe replace" property (spec `Conditional`) shows Replacement Conditional and is then
 *   updated in place; DeletionPolicy Snapshot deletes without a snapshot (logged);
 * - types without a provisioner are recorded with AWS-shaped IDs only (logged once per type).
 */
import { randomUUID } from 'node:crypto';
import type { LambdaBackend, LogsBackend, ParametersBackend, S3Backend, SecretsBackend } from '../../core/backends.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorContext, EmulatorService, RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import type { CloudFormationRuntime } from './cloudformation-runtime.js';
import { CustomResourceBroker } from './custom-resource/custom-resource-broker.js';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSetOperation,
  executeChangeSet,
  listChangeSets,
} from './operations/change-set-operations.js';
import {
  describeStackDriftDetectionStatus,
  describeStackResourceDrifts,
  detectStackDrift,
  detectStackResourceDrift,
} from './operations/drift-operations.js';
import { describeAccountLimits, describeType } from './operations/registry-operations.js';
import { StackDeployer } from './operations/stack-deployer.js';
import { getStackPolicy, setStackPolicy, updateTerminationProtection } from './operations/stack-settings.js';
import { cancelUpdateStack, continueUpdateRollback, createStack, deleteStack, rollbackStack, updateStack } from './operations/stack-actions.js';
import {
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  describeStacks,
  getTemplate,
  getTemplateSummary,
  listExports,
  listImports,
  listStackResources,
  listStacks,
  validateTemplate,
} from './operations/stack-queries.js';
import type { ResourceFaults } from './provisioning/failure-injection.js';
import { createProvisionerRegistry } from './provisioning/provisioner-registry.js';
import { withDynamicReferences } from './provisioning/dynamic-reference-resolution.js';
import { secretsManagerSecretProvisioner } from './provisioning/types/secrets-manager-secret.js';
import { ssmParameterProvisioner } from './provisioning/types/ssm-parameter.js';
import type { Provisioner } from './provisioning/provisioner.js';
import { recoverInterruptedOperations } from './stack/interrupted-operations.js';
import { StackStore, type CloudFormationSnapshot } from './stack/stack-store.js';

export const CLOUDFORMATION_STATE_NAMESPACE = 'cloudformation';

/** How long close() lets operations in flight finish (wall clock) before leaving them to recovery. */
const CLOSE_GRACE_MS = 3000;

export interface CloudFormationServiceDeps {
  lambda: LambdaBackend;
  logs: LogsBackend;
  s3: S3Backend;
  faults?: ResourceFaults;
  /** Where `{{resolve:secretsmanager:…}}` and `{{resolve:ssm…}}` references are read (absent: they fail the resource). */
  secrets?: SecretsBackend;
  parameters?: ParametersBackend;
  /** Provisioners for more resource types, by type (see provisioning/provisioner.ts). */
  provisioners?: Record<string, Provisioner>;
}

export type CloudFormationService = EmulatorService & {
  handleCustomResourceResponse(token: string, body: Buffer): Promise<void>;
  /** Resolves when no stack operation is running (tests, benchmarks). */
  drain(): Promise<void>;
  close(): Promise<void>;
};

type Handler = (runtime: CloudFormationRuntime, input: Record<string, unknown>, request: RequestInfo) => unknown;

const HANDLERS: Record<string, Handler> = {
  CreateChangeSet: (runtime, input, request) => createChangeSet(runtime, input, request),
  DescribeChangeSet: describeChangeSetOperation,
  ExecuteChangeSet: (runtime, input) => executeChangeSet(runtime, input),
  DeleteChangeSet: deleteChangeSet,
  ListChangeSets: listChangeSets,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  ListExports: (runtime) => listExports(runtime),
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  DescribeStackResource: describeStackResource,
  ListStackResources: listStackResources,
  GetTemplate: getTemplate,
  GetTemplateSummary: getTemplateSummary,
  ListImports: listImports,
  ValidateTemplate: validateTemplate,
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  CancelUpdateStack: cancelUpdateStack,
  ContinueUpdateRollback: continueUpdateRollback,
  RollbackStack: rollbackStack,
  SetStackPolicy: setStackPolicy,
  GetStackPolicy: getStackPolicy,
  UpdateTerminationProtection: updateTerminationProtection,
  DetectStackDrift: detectStackDrift,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatus,
  DescribeStackResourceDrifts: describeStackResourceDrifts,
  DetectStackResourceDrift: detectStackResourceDrift,
  DescribeType: describeType,
  DescribeAccountLimits: () => describeAccountLimits(),
};

function hasStateStore(ctx: EmulatorContext): ctx is EmulatorRuntimeContext {
  return typeof (ctx as Partial<EmulatorRuntimeContext>).state?.register === 'function';
}

export function createCloudFormationService(ctx: EmulatorContext, deps: CloudFormationServiceDeps): CloudFormationService {
  const store = new StackStore();
  const broker = new CustomResourceBroker();
  const persist = hasStateStore(ctx) ? () => ctx.state.markDirty() : () => undefined;
  const provisioners = createProvisionerRegistry({
    lambda: deps.lambda,
    logs: deps.logs,
    s3: deps.s3,
    broker,
    clock: ctx.clock,
    endpoint: () => ctx.endpoint(),
    log: (line) => ctx.log(line),
    requestToken: () => randomUUID(),
    extra: {
      ...(deps.parameters ? { 'AWS::SSM::Parameter': ssmParameterProvisioner(deps.parameters, () => randomUUID()) } : {}),
      ...(deps.secrets ? { 'AWS::SecretsManager::Secret': secretsManagerSecretProvisioner(deps.secrets, () => randomUUID()) } : {}),
      ...deps.provisioners,
    },
  });
  const registry = withDynamicReferences(provisioners, { secrets: deps.secrets, parameters: deps.parameters });
  const deployer = new StackDeployer({ ctx, store, registry, faults: deps.faults, persist });
  const runtime: CloudFormationRuntime = {
    ctx,
    store,
    deployer,
    deps,
    persist,
    now: () => ctx.clock.now().toISOString(),
  };

  if (hasStateStore(ctx)) {
    ctx.state.register<CloudFormationSnapshot>(CLOUDFORMATION_STATE_NAMESPACE, {
      serialize: () => store.snapshot(),
      restore: (saved) => {
        store.restore(saved);
        // Operations cut short by a stop or crash are reported as failed, never left spinning.
        const recovered = recoverInterruptedOperations(store, deployer);
        if (recovered > 0) ctx.log(`cloudformation: ${recovered} stack operation(s) interrupted by the last shutdown were marked failed`);
      },
    });
  }

  return {
    signingName: 'cloudformation',
    async handle(operation, input, request) {
      const handler = HANDLERS[operation];
      if (!handler) throw new UnsupportedOperationError('cloudformation', operation);
      return handler(runtime, input, request);
    },
    handleCustomResourceResponse: (token, body) => broker.deliver(token, body),
    drain: () => deployer.drain(),
    async close() {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        deployer.drain().then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS))),
      ]);
      if (timer) clearTimeout(timer);
      if (!drained) {
        ctx.log('cloudformation: stopping with stack operations still running; they will be marked failed on the next start');
        deployer.shutdown();
      }
    },
  };
}
