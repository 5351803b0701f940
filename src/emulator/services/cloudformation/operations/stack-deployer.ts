import { setMaxListeners } from 'node:events';
import type { EmulatorContext } from '../../../core/service.js';
import { replacementEffect } from '../change-set/replacement-spec.js';
import type { ProvisionerRegistry } from '../provisioning/provisioner-registry.js';
import { ResourceFailure, type StackIdentity } from '../provisioning/provisioner.js';
import { injectedFailure, type FailurePhase, type ResourceFaults } from '../provisioning/failure-injection.js';
import { customNameConflict } from '../provisioning/custom-names.js';
import { latencyFor, resourceLatency } from '../provisioning/latencies.js';
import { lookupAttribute } from '../stack/attribute-lookup.js';
import { resolveOutputs } from '../stack/outputs.js';
import type { DeployedTemplate, ResourceRecord, ResourceStatus, RollbackTarget, StackRecord, StackStatus } from '../stack/stack-model.js';
import type { StackStore } from '../stack/stack-store.js';
import { INTERRUPTED_STACK_STATUS } from '../stack/status-machine.js';
import { activeResources } from '../template/active-resources.js';
import { dependencyGraph } from '../template/dependency-graph.js';
import { pseudoParameters } from '../template/pseudo-parameters.js';
import { evaluateConditions, resolveValue, type ResolveContext } from '../template/resolve-intrinsics.js';
import { resolveParameters } from '../template/resolve-parameters.js';
import type { TemplateResource } from '../template/template-types.js';
import { invalidAttributeReason, invalidAttributeReference } from '../template/attribute-references.js';
import { propertyValidationFailure } from '../provisioning/property-validation.js';
import { runInDependencyOrder } from './run-in-dependency-order.js';

export interface StackDeployerDeps {
  ctx: EmulatorContext;
  store: StackStore;
  registry: ProvisionerRegistry;
  faults?: ResourceFaults;
  persist(): void;
}

/** Thrown inside a resource step that was cancelled (after another resource failed, or by CancelUpdateStack). */
class Cancelled extends Error {}

/** Unwinds an operation when the emulator shuts down; its state stays as it was for recovery. */
class ShuttingDown extends Error {}

interface Running {
  promise: Promise<void>;
  /** Aborts the forward phase of an update (CancelUpdateStack). */
  cancel?: (token: string | undefined) => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const clone = <T>(value: T): T => structuredClone(value);

/**
 * Runs stack operations the way CloudFormation does: resources in dependency order (independent
 * ones in parallel), per-type latencies on the emulator's clock, the documented event sequences,
 * rollback on failure, cleanup after success. Each operation runs in the background; the API
 * call that started it has already returned.
 */
export class StackDeployer {
  private readonly running = new Map<string, Running>();
  private readonly shutdownController = new AbortController();

  constructor(private readonly deps: StackDeployerDeps) {
    // One listener per running operation (many stacks may deploy at once).
    setMaxListeners(0, this.shutdownController.signal);
  }

  /** Resolves once every operation in flight has settled. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((run) => run.promise));
  }

  /**
   * Stops every operation where it stands without recording anything more, so the saved state
   * shows them in progress and the next start marks them failed (see interrupted-operations.ts).
   */
  shutdown(): void {
    this.shutdownController.abort();
  }

  private get stopped(): boolean {
    return this.shutdownController.signal.aborted;
  }

  /** The clock's sleep, also ended by a shutdown. */
  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.deps.ctx.clock.sleep(ms, signal ? AbortSignal.any([signal, this.shutdownController.signal]) : this.shutdownController.signal);
  }

  isRunning(stackId: string): boolean {
    return this.running.has(stackId);
  }

  // ---- entry points -------------------------------------------------------------------------

  startCreate(stack: StackRecord, target: DeployedTemplate, token: string | undefined, disableRollback: boolean, deleteOnFailure = false): Promise<void> {
    return this.launch(stack, 'CREATE', token, async () => {
      stack.deployed = target;
      stack.disableRollback = disableRollback;
      stack.imports = [];
      this.stackEvent(stack, 'CREATE_IN_PROGRESS', 'User Initiated', token);
      const invalid = invalidAttributeReference(target.template);
      if (invalid) {
        // AWS fails the whole operation before any resource starts.
        if (disableRollback) {
          this.stackEvent(stack, 'CREATE_FAILED', invalidAttributeReason(invalid), token);
          return;
        }
        this.stackEvent(stack, 'ROLLBACK_IN_PROGRESS', `${invalidAttributeReason(invalid)} Rollback requested by user.`, token);
        this.stackEvent(stack, 'ROLLBACK_COMPLETE', undefined, token);
        return;
      }
      const outcome = await this.applyForward(stack, target, token, undefined);
      if (outcome.failures.length === 0) {
        stack.outputs = this.outputs(stack, target);
        rememberPlanned(stack, target);
        this.stackEvent(stack, 'CREATE_COMPLETE', undefined, token);
        return;
      }
      const reason = `The following resource(s) failed to create: [${outcome.failures.map((f) => f.logicalId).join(', ')}]. `;
      if (disableRollback) {
        this.stackEvent(stack, 'CREATE_FAILED', reason, token);
        return;
      }
      if (deleteOnFailure) {
        // OnStackFailure=DELETE: the failed stack is deleted rather than rolled back.
        this.stackEvent(stack, 'DELETE_IN_PROGRESS', reason, token);
        const ids = Object.values(stack.resources).filter((record) => record.status !== 'DELETE_COMPLETE').map((record) => record.logicalId);
        const failed = await this.deleteResources(stack, ids, token, { retain: new Set(), rollbackOfCreate: true });
        if (failed.length > 0) {
          this.stackEvent(stack, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `, token);
          return;
        }
        stack.deletionTime = this.now();
        this.stackEvent(stack, 'DELETE_COMPLETE', undefined, token);
        this.deps.store.retire(stack);
        return;
      }
      this.stackEvent(stack, 'ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`, token);
      await this.rollbackCreate(stack, token);
    });
  }

  startUpdate(stack: StackRecord, target: DeployedTemplate, token: string | undefined, disableRollback: boolean): Promise<void> {
    const cancelled: { token?: string; requested: boolean } = { requested: false };
    const controller = new AbortController();
    const cancelWith = (cancelToken: string | undefined) => {
      cancelled.requested = true;
      cancelled.token = cancelToken;
      controller.abort();
    };
    return this.launch(
      stack,
      'UPDATE',
      token,
      async () => {
        const invalid = invalidAttributeReference(target.template);
        if (invalid) {
          // As on create (recorded there); the update sequence around it is the usual rollback's.
          this.stackEvent(stack, 'UPDATE_IN_PROGRESS', 'User Initiated', token);
          this.stackEvent(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', `${invalidAttributeReason(invalid)} Rollback requested by user.`, token);
          this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, token);
          this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, token);
          return;
        }
        stack.rollbackTarget = {
          deployed: stack.deployed!,
          resources: clone(stack.resources),
          outputs: clone(stack.outputs),
          imports: stack.imports,
          created: [],
          touched: [],
          replaced: [],
          replacementsToDelete: [],
          failedReverts: [],
        };
        stack.deployed = target;
        stack.disableRollback = disableRollback;
        stack.imports = [];
        this.stackEvent(stack, 'UPDATE_IN_PROGRESS', 'User Initiated', token);
        const outcome = await this.applyForward(stack, target, token, controller.signal);
        const running = this.running.get(stack.stackId);
        if (running) delete running.cancel;
        if (outcome.failures.length === 0 && !cancelled.requested) {
          await this.finishUpdate(stack, target, token);
          return;
        }
        const first = outcome.failures[0];
        const reason = first
          ? `The following resource(s) failed to ${first.phase}: [${outcome.failures.filter((f) => f.phase === first.phase).map((f) => f.logicalId).join(', ')}]. `
          : 'User Initiated';
        const rollbackToken = cancelled.requested ? (cancelled.token ?? token) : token;
        if (disableRollback && !cancelled.requested) {
          this.stackEvent(stack, 'UPDATE_FAILED', reason, token);
          return;
        }
        await this.updateRollback(stack, rollbackToken, reason, stack.rollbackTarget.touched, new Set());
      },
      cancelWith,
    );
  }

  startDelete(stack: StackRecord, token: string | undefined, retain: ReadonlySet<string>): Promise<void> {
    return this.launch(stack, 'DELETE', token, async () => {
      this.stackEvent(stack, 'DELETE_IN_PROGRESS', 'User Initiated', token);
      for (const output of stack.outputs) {
        const importer = output.ExportName === undefined ? undefined : this.deps.store.importersOf(output.ExportName, stack)[0];
        if (importer) {
          this.stackEvent(stack, 'DELETE_FAILED', `Export ${output.ExportName} cannot be deleted as it is in use by ${importer.stackName}`, token);
          return;
        }
      }
      const ids = Object.values(stack.resources)
        .filter((record) => record.status !== 'DELETE_COMPLETE' && record.status !== 'DELETE_SKIPPED')
        .map((record) => record.logicalId);
      const failed = await this.deleteResources(stack, ids, token, { retain, rollbackOfCreate: false });
      if (failed.length > 0) {
        this.stackEvent(stack, 'DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `, token);
        return;
      }
      stack.deletionTime = this.now();
      stack.rollbackTarget = undefined;
      this.stackEvent(stack, 'DELETE_COMPLETE', undefined, token);
      this.deps.store.retire(stack);
    });
  }

  startContinueUpdateRollback(stack: StackRecord, token: string | undefined, skip: ReadonlySet<string>): Promise<void> {
    return this.launch(stack, 'CONTINUE_UPDATE_ROLLBACK', token, async () => {
      const target = stack.rollbackTarget;
      if (!target) {
        this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, token);
        return;
      }
      await this.updateRollback(stack, token, 'User Initiated', target.failedReverts, skip);
    });
  }

  startRollback(stack: StackRecord, token: string | undefined): Promise<void> {
    return this.launch(stack, 'ROLLBACK', token, async () => {
      if (stack.status === 'CREATE_FAILED') {
        this.stackEvent(stack, 'ROLLBACK_IN_PROGRESS', 'User Initiated', token);
        await this.rollbackCreate(stack, token);
        return;
      }
      const target = stack.rollbackTarget;
      if (!target) {
        this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, token);
        return;
      }
      await this.updateRollback(stack, token, 'User Initiated', target.touched, new Set());
    });
  }

  /** CancelUpdateStack: stops the forward phase and rolls back (status already checked). */
  cancelUpdate(stack: StackRecord, token: string | undefined): boolean {
    const running = this.running.get(stack.stackId);
    if (!running?.cancel) return false;
    running.cancel(token);
    delete running.cancel;
    return true;
  }

  // ---- phases -------------------------------------------------------------------------------

  private launch(stack: StackRecord, kind: string, token: string | undefined, body: () => Promise<void>, cancel?: (token: string | undefined) => void): Promise<void> {
    stack.operation = { kind, clientRequestToken: token, startedAt: this.now() };
    const promise = (async () => {
      try {
        await body();
      } catch (error) {
        if (this.stopped) return;
        // A bug or an unexpected provider error: never leave the stack spinning.
        this.deps.ctx.log(`cloudformation: ${kind} of ${stack.stackName} stopped unexpectedly: ${(error as Error).stack ?? String(error)}`);
        const failed = stack.status.endsWith('_IN_PROGRESS') ? (INTERRUPTED_STACK_STATUS[stack.status] ?? stack.status) : stack.status;
        if (failed !== stack.status) this.stackEvent(stack, failed, `Internal error in the local cloud: ${(error as Error).message}`, token);
      } finally {
        // After a shutdown the operation stays recorded, for recovery on the next start.
        if (!this.stopped) stack.operation = undefined;
        this.running.delete(stack.stackId);
        this.deps.persist();
      }
    })();
    this.running.set(stack.stackId, { promise, cancel });
    return promise;
  }

  private async applyForward(
    stack: StackRecord,
    target: DeployedTemplate,
    token: string | undefined,
    cancelSignal: AbortSignal | undefined,
  ): Promise<{ failures: { logicalId: string; phase: 'create' | 'update' }[] }> {
    const ctx = this.liveContext(stack, target);
    const active = activeResources(target.template, ctx.conditions);
    const graph = dependencyGraph(target.template, active);
    const controller = new AbortController();
    // Every resource in flight waits on this signal; dozens at once is normal, not a leak.
    setMaxListeners(0, controller.signal);
    const onCancel = () => controller.abort();
    cancelSignal?.addEventListener('abort', onCancel, { once: true });
    this.shutdownController.signal.addEventListener('abort', onCancel, { once: true });
    const failures: { logicalId: string; phase: 'create' | 'update' }[] = [];
    await runInDependencyOrder(
      [...active],
      graph,
      async (logicalId) => {
        if (controller.signal.aborted) return false;
        try {
          await this.applyResource(stack, logicalId, target.template.Resources[logicalId]!, ctx, [...(graph.get(logicalId) ?? [])], token, controller.signal);
          return true;
        } catch (error) {
          if (!(error instanceof Cancelled)) {
            const existed = stack.rollbackTarget?.resources[logicalId] !== undefined && stack.rollbackTarget.resources[logicalId]!.status !== 'DELETE_COMPLETE';
            failures.push({ logicalId, phase: existed ? 'update' : 'create' });
          }
          return false;
        }
      },
      { stopOnFailure: true, onFirstFailure: () => controller.abort() },
    );
    cancelSignal?.removeEventListener('abort', onCancel);
    this.shutdownController.signal.removeEventListener('abort', onCancel);
    if (this.stopped) throw new ShuttingDown();
    return { failures };
  }

  private async applyResource(
    stack: StackRecord,
    logicalId: string,
    definition: TemplateResource,
    ctx: ResolveContext,
    dependsOn: string[],
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const existing = stack.resources[logicalId];
    const isNew = !existing || existing.status === 'DELETE_COMPLETE' || existing.physicalId === '';
    let properties: Record<string, unknown>;
    try {
      properties = resolveValue(definition.Properties ?? {}, ctx) as Record<string, unknown>;
    } catch (error) {
      const record = existing && !isNew ? existing : this.newRecord(stack, logicalId, definition, {}, dependsOn);
      this.resourceEvent(stack, record, isNew ? 'CREATE_FAILED' : 'UPDATE_FAILED', { reason: (error as Error).message, token });
      throw error;
    }
    if (isNew) {
      await this.createResource(stack, logicalId, definition, properties, dependsOn, token, signal);
      return;
    }
    const changed = [...new Set([...Object.keys(existing.properties), ...Object.keys(properties)])].filter(
      (name) => !same(existing.properties[name], properties[name]),
    );
    const metadataChanged = !same(existing.metadata, definition.Metadata);
    existing.deletionPolicy = definition.DeletionPolicy;
    existing.updateReplacePolicy = definition.UpdateReplacePolicy;
    existing.dependsOn = dependsOn;
    if (changed.length === 0 && !metadataChanged && existing.status !== 'UPDATE_FAILED' && existing.status !== 'CREATE_FAILED') return;
    stack.rollbackTarget?.touched.push(logicalId);
    const replace =
      existing.type !== definition.Type ||
      changed.some((name) => replacementEffect(definition.Type, name, existing.properties[name], properties[name]) === 'yes');
    if (replace) await this.replaceResource(stack, existing, definition, properties, token, signal);
    else await this.updateResource(stack, existing, definition, properties, token, signal);
  }

  private newRecord(stack: StackRecord, logicalId: string, definition: TemplateResource, properties: Record<string, unknown>, dependsOn: string[]): ResourceRecord {
    const record: ResourceRecord = {
      logicalId,
      type: definition.Type,
      physicalId: '',
      status: 'CREATE_IN_PROGRESS',
      lastUpdated: this.now(),
      properties,
      attributes: {},
      deletionPolicy: definition.DeletionPolicy,
      updateReplacePolicy: definition.UpdateReplacePolicy,
      metadata: definition.Metadata,
      dependsOn,
    };
    stack.resources[logicalId] = record;
    return record;
  }

  private async createResource(
    stack: StackRecord,
    logicalId: string,
    definition: TemplateResource,
    properties: Record<string, unknown>,
    dependsOn: string[],
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const record = this.newRecord(stack, logicalId, definition, properties, dependsOn);
    if (stack.rollbackTarget && !stack.rollbackTarget.created.includes(logicalId)) stack.rollbackTarget.created.push(logicalId);
    this.resourceEvent(stack, record, 'CREATE_IN_PROGRESS', { token, properties, physicalId: '' });
    try {
      const invalid = propertyValidationFailure(record.type, properties);
      if (invalid) throw new ResourceFailure(invalid);
      await this.failIfInjected(record, definition.Metadata, 'create', signal);
      const result = await this.deps.registry.provisionerFor(record.type).create({ logicalId, type: record.type, properties, stack: this.identity(stack), signal });
      record.physicalId = result.physicalId;
      record.attributes = result.attributes;
      this.resourceEvent(stack, record, 'CREATE_IN_PROGRESS', { token, properties, reason: 'Resource creation Initiated' });
      await this.sleep(resourceLatency(record.type, 'create', record.metadata), signal);
      this.resourceEvent(stack, record, 'CREATE_COMPLETE', { token });
    } catch (error) {
      if (error instanceof ResourceFailure && error.physicalId && record.physicalId === '') record.physicalId = error.physicalId;
      this.failStep(stack, record, token, signal, error, 'CREATE_FAILED', 'Resource creation cancelled');
    }
  }

  private async updateResource(
    stack: StackRecord,
    record: ResourceRecord,
    definition: TemplateResource,
    properties: Record<string, unknown>,
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    this.resourceEvent(stack, record, 'UPDATE_IN_PROGRESS', { token, properties });
    try {
      const invalid = propertyValidationFailure(record.type, properties);
      if (invalid) throw new ResourceFailure(invalid);
      await this.failIfInjected(record, definition.Metadata, 'update', signal);
      const before = clone(record);
      const result = await this.deps.registry.provisionerFor(record.type).update({
        logicalId: record.logicalId,
        type: record.type,
        properties,
        stack: this.identity(stack),
        signal,
        physicalId: record.physicalId,
        oldProperties: record.properties,
        attributes: record.attributes,
      });
      if (result.physicalId !== before.physicalId) stack.rollbackTarget?.replaced.push(before);
      record.physicalId = result.physicalId;
      record.attributes = result.attributes;
      record.properties = properties;
      record.metadata = definition.Metadata;
      await this.sleep(resourceLatency(record.type, 'update', record.metadata), signal);
      this.resourceEvent(stack, record, 'UPDATE_COMPLETE', { token });
    } catch (error) {
      this.failStep(stack, record, token, signal, error, 'UPDATE_FAILED', 'Resource update cancelled');
    }
  }

  private async replaceResource(
    stack: StackRecord,
    record: ResourceRecord,
    definition: TemplateResource,
    properties: Record<string, unknown>,
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const old = clone(record);
    this.resourceEvent(stack, record, 'UPDATE_IN_PROGRESS', {
      token,
      properties,
      reason: 'Requested update requires the creation of a new physical resource; hence creating one.',
    });
    try {
      const conflict = record.type === definition.Type ? customNameConflict(definition.Type, old.properties, properties) : undefined;
      if (conflict) throw new ResourceFailure(conflict);
      const invalid = propertyValidationFailure(definition.Type, properties);
      if (invalid) throw new ResourceFailure(invalid);
      await this.failIfInjected(record, definition.Metadata, 'update', signal);
      const result = await this.deps.registry.provisionerFor(definition.Type).create({
        logicalId: record.logicalId,
        type: definition.Type,
        properties,
        stack: this.identity(stack),
        signal,
      });
      stack.rollbackTarget?.replaced.push(old);
      record.type = definition.Type;
      record.physicalId = result.physicalId;
      record.attributes = result.attributes;
      record.properties = properties;
      record.metadata = definition.Metadata;
      this.resourceEvent(stack, record, 'UPDATE_IN_PROGRESS', { token, properties, reason: 'Resource creation Initiated' });
      await this.sleep(resourceLatency(record.type, 'create', record.metadata), signal);
      this.resourceEvent(stack, record, 'UPDATE_COMPLETE', { token });
    } catch (error) {
      this.failStep(stack, record, token, signal, error, 'UPDATE_FAILED', 'Resource update cancelled');
    }
  }

  /**
   * A resource step that threw: an abort that is not the resource's own failure is a cancellation
   * (CancelUpdateStack, shutdown); anything else fails the resource with its reason.
   */
  private failStep(
    stack: StackRecord,
    record: ResourceRecord,
    token: string | undefined,
    signal: AbortSignal,
    error: unknown,
    status: 'CREATE_FAILED' | 'UPDATE_FAILED',
    cancelledReason: string,
  ): never {
    if (signal.aborted && !(error instanceof ResourceFailure)) {
      this.resourceEvent(stack, record, status, { token, reason: cancelledReason });
      throw new Cancelled();
    }
    this.resourceEvent(stack, record, status, { token, reason: reasonOf(error) });
    throw error;
  }

  private async finishUpdate(stack: StackRecord, target: DeployedTemplate, token: string | undefined): Promise<void> {
    const journal = stack.rollbackTarget!;
    this.stackEvent(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined, token);
    const ctx = this.liveContext(stack, target);
    const active = activeResources(target.template, ctx.conditions);
    let cleanupFailed = false;
    if (!(await this.deleteOldPhysicals(stack, journal.replaced, token, true))) cleanupFailed = true;
    const removed = Object.values(stack.resources)
      .filter((record) => !active.has(record.logicalId) && record.status !== 'DELETE_COMPLETE')
      .map((record) => record.logicalId);
    // Removed resources go in the cleanup phase, with cleanup events (`<LogicalId>-<uuid>` IDs, no
    // ResourceProperties), as recorded in LocalStack test_change_set_fn_get_attr test_resource_deletion.
    const failed = await this.deleteResources(stack, removed, token, { retain: new Set(), rollbackOfCreate: false, cleanup: true });
    if (failed.length > 0) cleanupFailed = true;
    for (const logicalId of Object.keys(stack.resources)) if (!active.has(logicalId)) delete stack.resources[logicalId];
    stack.outputs = this.outputs(stack, target);
    rememberPlanned(stack, target);
    stack.rollbackTarget = undefined;
    this.stackEvent(stack, 'UPDATE_COMPLETE', cleanupFailed ? 'Update successful. One or more resources could not be deleted.' : undefined, token);
  }

  /** Deletes replaced physical resources, dependants first. Returns false when one failed. */
  private async deleteOldPhysicals(stack: StackRecord, records: ResourceRecord[], token: string | undefined, honorPolicy: boolean): Promise<boolean> {
    const byId = new Map(records.map((record) => [record.logicalId, record]));
    const dependents = new Map<string, Set<string>>([...byId.keys()].map((id) => [id, new Set<string>()]));
    for (const record of records) for (const dep of record.dependsOn) if (byId.has(dep)) dependents.get(dep)!.add(record.logicalId);
    const result = await runInDependencyOrder(
      [...byId.keys()],
      dependents,
      (id) => this.deleteOldPhysical(stack, byId.get(id)!, token, honorPolicy ? byId.get(id)!.updateReplacePolicy : undefined),
      { stopOnFailure: false },
    );
    return result.failed.length === 0;
  }

  /** Deletes the physical resource behind an old (replaced) record; events carry `<LogicalId>-<uuid>` IDs. */
  private async deleteOldPhysical(stack: StackRecord, old: ResourceRecord, token: string | undefined, policy: string | undefined): Promise<boolean> {
    if (old.physicalId === '') return true;
    if (policy === 'Retain') {
      this.resourceEvent(stack, old, 'DELETE_SKIPPED', { token, cleanup: true });
      return true;
    }
    this.resourceEvent(stack, old, 'DELETE_IN_PROGRESS', { token, cleanup: true });
    try {
      const failure = injectedFailure(old.metadata, 'delete', old, this.deps.faults);
      if (failure) throw new ResourceFailure(failure);
      await this.deps.registry.provisionerFor(old.type).delete({
        logicalId: old.logicalId,
        type: old.type,
        properties: old.properties,
        stack: this.identity(stack),
        signal: new AbortController().signal,
        physicalId: old.physicalId,
        attributes: old.attributes,
      });
      await this.sleep(resourceLatency(old.type, 'delete', old.metadata));
      this.resourceEvent(stack, old, 'DELETE_COMPLETE', { token, cleanup: true });
      return true;
    } catch (error) {
      this.resourceEvent(stack, old, 'DELETE_FAILED', { token, cleanup: true, reason: reasonOf(error) });
      return false;
    }
  }

  private async rollbackCreate(stack: StackRecord, token: string | undefined): Promise<void> {
    const ids = Object.values(stack.resources)
      .filter((record) => record.status !== 'DELETE_COMPLETE')
      .map((record) => record.logicalId);
    const failed = await this.deleteResources(stack, ids, token, { retain: new Set(), rollbackOfCreate: true });
    if (failed.length > 0) {
      this.stackEvent(stack, 'ROLLBACK_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}]. `, token);
      return;
    }
    this.stackEvent(stack, 'ROLLBACK_COMPLETE', undefined, token);
  }

  private async updateRollback(
    stack: StackRecord,
    token: string | undefined,
    reason: string | undefined,
    toRevert: readonly string[],
    skip: ReadonlySet<string>,
  ): Promise<void> {
    const target = stack.rollbackTarget as RollbackTarget;
    this.stackEvent(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', reason, token);
    const ids = [...new Set(toRevert)].filter((id) => target.resources[id] && stack.resources[id]);
    const dependencies = new Map(ids.map((id) => [id, new Set(target.resources[id]!.dependsOn)]));
    const result = await runInDependencyOrder(ids, dependencies, (id) => this.revertResource(stack, target, id, token, skip.has(id)), {
      stopOnFailure: false,
    });
    const failed = [...result.failed, ...result.notStarted];
    if (failed.length > 0) {
      target.failedReverts = failed;
      this.stackEvent(stack, 'UPDATE_ROLLBACK_FAILED', `The following resource(s) failed to update: [${result.failed.join(', ')}]. `, token);
      return;
    }
    target.failedReverts = [];
    this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, token);
    const created = target.created.filter((id) => stack.resources[id] && stack.resources[id]!.status !== 'DELETE_COMPLETE');
    await this.deleteResources(stack, created, token, { retain: new Set(), rollbackOfCreate: false });
    await this.deleteOldPhysicals(stack, target.replacementsToDelete, token, false);
    for (const id of target.created) if (!target.resources[id]) delete stack.resources[id];
    stack.deployed = target.deployed;
    stack.outputs = target.outputs;
    stack.imports = target.imports;
    stack.rollbackTarget = undefined;
    this.stackEvent(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, token);
  }

  private async revertResource(stack: StackRecord, target: RollbackTarget, logicalId: string, token: string | undefined, skip: boolean): Promise<boolean> {
    const current = stack.resources[logicalId]!;
    const old = target.resources[logicalId]!;
    if (skip) {
      // ContinueUpdateRollback ResourcesToSkip: CloudFormation marks the resource UPDATE_COMPLETE as is.
      current.properties = clone(old.properties);
      current.metadata = clone(old.metadata);
      this.resourceEvent(stack, current, 'UPDATE_COMPLETE', { token, reason: 'Resource skipped during UpdateRollback' });
      return true;
    }
    if (current.physicalId !== old.physicalId) {
      // Replaced during the update: the old physical resource still exists; go back to it.
      const replacement = clone(current);
      this.resourceEvent(stack, current, 'UPDATE_IN_PROGRESS', { token, physicalId: old.physicalId, properties: old.properties });
      const failure = injectedFailure(current.metadata, 'rollback', current, this.deps.faults);
      if (failure) {
        await this.sleep(Math.min(1000, latencyFor(current.type, 'update')));
        this.resourceEvent(stack, current, 'UPDATE_FAILED', { token, reason: failure });
        return false;
      }
      stack.resources[logicalId] = { ...clone(old), status: current.status, lastUpdated: current.lastUpdated };
      if (replacement.physicalId !== '') target.replacementsToDelete.push(replacement);
      this.resourceEvent(stack, stack.resources[logicalId]!, 'UPDATE_COMPLETE', { token });
      return true;
    }
    this.resourceEvent(stack, current, 'UPDATE_IN_PROGRESS', { token, properties: old.properties });
    try {
      const failure = injectedFailure(current.metadata, 'rollback', current, this.deps.faults);
      if (failure) {
        await this.sleep(Math.min(1000, latencyFor(current.type, 'update')));
        throw new ResourceFailure(failure);
      }
      const result = await this.deps.registry.provisionerFor(current.type).update({
        logicalId,
        type: current.type,
        properties: old.properties,
        stack: this.identity(stack),
        signal: new AbortController().signal,
        physicalId: current.physicalId,
        oldProperties: current.properties,
        attributes: current.attributes,
      });
      await this.sleep(resourceLatency(current.type, 'update', old.metadata));
      stack.resources[logicalId] = { ...clone(old), physicalId: result.physicalId, attributes: result.attributes, status: current.status, lastUpdated: current.lastUpdated };
      this.resourceEvent(stack, stack.resources[logicalId]!, 'UPDATE_COMPLETE', { token });
      return true;
    } catch (error) {
      this.resourceEvent(stack, current, 'UPDATE_FAILED', { token, reason: reasonOf(error) });
      return false;
    }
  }

  /**
   * Deletes resources in reverse dependency order (a resource goes once everything depending on
   * it is gone). Returns the logical IDs that failed to delete.
   */
  private async deleteResources(
    stack: StackRecord,
    ids: readonly string[],
    token: string | undefined,
    options: { retain: ReadonlySet<string>; rollbackOfCreate: boolean; cleanup?: boolean },
  ): Promise<string[]> {
    const cleanup = options.cleanup === true;
    const set = new Set(ids);
    const dependents = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
    for (const id of ids) {
      for (const dep of stack.resources[id]?.dependsOn ?? []) if (set.has(dep)) dependents.get(dep)!.add(id);
    }
    const result = await runInDependencyOrder(ids, dependents, async (id) => {
      const record = stack.resources[id]!;
      const policy = record.deletionPolicy;
      // RetainResources is honoured for every named resource, also one that never got a physical ID.
      const retained =
        options.retain.has(id) || ((policy === 'Retain' || (policy === 'RetainExceptOnCreate' && !options.rollbackOfCreate)) && record.physicalId !== '');
      if (retained) {
        this.resourceEvent(stack, record, 'DELETE_SKIPPED', { token, cleanup });
        return true;
      }
      this.resourceEvent(stack, record, 'DELETE_IN_PROGRESS', { token, cleanup });
      try {
        const failure = injectedFailure(record.metadata, 'delete', record, this.deps.faults);
        if (failure) {
          await this.sleep(Math.min(1000, latencyFor(record.type, 'delete')));
          throw new ResourceFailure(failure);
        }
        if (record.physicalId !== '') {
          await this.deps.registry.provisionerFor(record.type).delete({
            logicalId: id,
            type: record.type,
            properties: record.properties,
            stack: this.identity(stack),
            signal: new AbortController().signal,
            physicalId: record.physicalId,
            attributes: record.attributes,
          });
          if (policy === 'Snapshot') this.deps.ctx.log(`cloudformation: ${stack.stackName}/${id} has DeletionPolicy Snapshot; the local cloud deletes it without a snapshot`);
          await this.sleep(resourceLatency(record.type, 'delete', record.metadata));
        }
        this.resourceEvent(stack, record, 'DELETE_COMPLETE', { token, cleanup });
        return true;
      } catch (error) {
        this.resourceEvent(stack, record, 'DELETE_FAILED', { token, cleanup, reason: reasonOf(error) });
        return false;
      }
    }, { stopOnFailure: false });
    return result.failed;
  }

  // ---- shared helpers -----------------------------------------------------------------------

  private async failIfInjected(record: ResourceRecord, metadata: Record<string, unknown> | undefined, phase: FailurePhase, signal: AbortSignal): Promise<void> {
    const failure = injectedFailure(metadata, phase, record, this.deps.faults);
    if (!failure) return;
    // Fail part-way through, as a real provider would, not instantly.
    await this.sleep(Math.min(1000, latencyFor(record.type, phase === 'create' ? 'create' : 'update')), signal);
    throw new ResourceFailure(failure);
  }

  private outputs(stack: StackRecord, target: DeployedTemplate) {
    try {
      return resolveOutputs(this.liveContext(stack, target));
    } catch (error) {
      this.deps.ctx.log(`cloudformation: outputs of ${stack.stackName} could not be resolved: ${(error as Error).message}`);
      return [];
    }
  }

  /** Resolution against the live stack: Ref/GetAtt read the provisioned resources. */
  liveContext(stack: StackRecord, target: DeployedTemplate): ResolveContext {
    const supplied = Object.entries(target.parameterValues).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
    const values = resolveParameters(target.template, supplied).values;
    const parameters = new Map([...pseudoParameters({ ...this.identity(stack) }), ...values]);
    const identity = this.identity(stack);
    const base = {
      template: target.template,
      parameters,
      region: stack.region,
      ref: (logicalId: string) => {
        const record = stack.resources[logicalId];
        if (!record || record.physicalId === '') throw new ResourceFailure(`Unresolved resource dependency ${logicalId}: it has not been created`);
        return record.physicalId;
      },
      getAtt: (logicalId: string, attribute: string) => {
        const record = stack.resources[logicalId];
        if (!record || record.physicalId === '') throw new ResourceFailure(`Unresolved resource dependency ${logicalId}: it has not been created`);
        return lookupAttribute(record, attribute, identity);
      },
      importValue: (name: string) => {
        if (!stack.imports?.includes(name)) stack.imports = [...(stack.imports ?? []), name];
        return this.deps.store.exportedValue(name);
      },
    };
    return { ...base, conditions: evaluateConditions(base) };
  }

  private identity(stack: StackRecord): StackIdentity {
    return { stackId: stack.stackId, stackName: stack.stackName, region: stack.region, accountId: this.deps.ctx.accountId };
  }

  private now(): string {
    return this.deps.ctx.clock.now().toISOString();
  }

  stackEvent(stack: StackRecord, status: StackStatus, reason: string | undefined, token: string | undefined): void {
    if (this.stopped) throw new ShuttingDown();
    stack.status = status;
    stack.statusReason = reason;
    // AWS stamps DeletionTime when resources start being deleted: a delete, or the rollback of a
    // create (so ROLLBACK_COMPLETE/ROLLBACK_FAILED/DELETE_FAILED stacks show it too).
    if ((status === 'DELETE_IN_PROGRESS' || status === 'ROLLBACK_IN_PROGRESS') && stack.deletionTime === undefined) stack.deletionTime = this.now();
    this.deps.store.events.append(
      {
        StackId: stack.stackId,
        StackName: stack.stackName,
        LogicalResourceId: stack.stackName,
        PhysicalResourceId: stack.stackId,
        ResourceType: 'AWS::CloudFormation::Stack',
        Timestamp: this.now(),
        ResourceStatus: status,
        ResourceStatusReason: reason,
        ClientRequestToken: token,
      },
      'stack',
    );
    this.deps.persist();
  }

  resourceEvent(
    stack: StackRecord,
    record: ResourceRecord,
    status: ResourceStatus,
    options: { token?: string; reason?: string; physicalId?: string; properties?: Record<string, unknown>; cleanup?: boolean },
  ): void {
    if (this.stopped) throw new ShuttingDown();
    const timestamp = this.now();
    if (!options.cleanup) {
      record.status = status;
      record.statusReason = options.reason;
      record.lastUpdated = timestamp;
    }
    this.deps.store.events.append(
      {
        StackId: stack.stackId,
        StackName: stack.stackName,
        LogicalResourceId: record.logicalId,
        PhysicalResourceId: options.physicalId ?? record.physicalId,
        ResourceType: record.type,
        Timestamp: timestamp,
        ResourceStatus: status,
        ResourceStatusReason: options.reason,
        // Every event of the resource itself carries its properties (AWS: CREATE_COMPLETE,
        // *_FAILED, DELETE_* too); events about an old physical resource during cleanup do not.
        ResourceProperties: options.cleanup ? undefined : JSON.stringify(options.properties ?? record.properties),
        ClientRequestToken: options.token,
      },
      options.cleanup ? 'cleanup' : 'resource',
    );
    this.deps.persist();
  }
}

/** Keeps what the executed change set planned for each resource it touched. */
function rememberPlanned(stack: StackRecord, target: DeployedTemplate): void {
  for (const [logicalId, planned] of Object.entries(target.planned ?? {})) {
    const record = stack.resources[logicalId];
    if (record) record.plannedProperties = planned;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
