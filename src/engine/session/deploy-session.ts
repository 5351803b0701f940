/**
 * One running command (deploy, preview, delete, rollback…) as renderers see it: events go out
 * through the bus, operator commands come in as method calls (`DeploySessionCommands`). The
 * engine binds what each command does while it runs (e.g. `cancel` is CancelUpdateStack only while
 * an update is being watched); a command with nothing bound says so with an StpError, never
 * silently.
 */
import { StpError } from '../../errors/stp-error.js';
import type { DeployEvent, DeployEventBody, DeploySessionCommands, EventSink } from '../events.js';
import { createEventBus, type EventBus } from './event-bus.js';

export interface ApprovalAnswer {
  approved: boolean;
  by: 'key' | 'flag' | 'policy';
  reason?: string;
}

interface PendingApproval {
  id: string;
  confirmText?: string;
  resolve(answer: ApprovalAnswer): void;
}

/** What the engine binds while a command runs. */
export interface SessionOperations {
  cancel?: () => Promise<void>;
  rollback?: () => Promise<void>;
  recover?: (skip: string[]) => Promise<void>;
  continueCanary?: (service: string, hookId: string) => Promise<void>;
  rollbackCanary?: (service: string) => Promise<void>;
  rerunScript?: (name: string) => Promise<void>;
  tailLogs?: (resource: string, options?: { filterPattern?: string }) => Promise<void>;
}

export class DeploySession implements DeploySessionCommands {
  readonly bus: EventBus;
  /** Aborted on detach (reason 'detach') or interrupt (reason 'interrupt'): stops watching, leaves AWS running. */
  readonly watchAbort = new AbortController();
  /** Aborted by an interrupt (Ctrl-C, SIGTERM) before anything runs in AWS: the engine stops and cleans up. */
  readonly interruptAbort = new AbortController();
  /** Aborted by `end()`: whoever renders the session is done with it, background work (log tails) stops. */
  readonly endAbort = new AbortController();
  private pending: PendingApproval | undefined;
  private operations: SessionOperations = {};
  private approvalSeq = 0;

  constructor(sinks: readonly EventSink[] = [], now?: () => Date) {
    this.bus = createEventBus(sinks, now);
  }

  emit(body: DeployEventBody): DeployEvent {
    return this.bus.emit(body);
  }

  /** Binds (or with undefined, unbinds) what the operator's commands do now. */
  bind(operations: SessionOperations): void {
    this.operations = { ...this.operations, ...operations };
  }

  unbind(...names: (keyof SessionOperations)[]): void {
    for (const name of names) delete this.operations[name];
  }

  /** Emits approval.requested and resolves with the operator's answer (also emitted). */
  requestApproval(request: { level: 'changes' | 'destructive' | 'data-loss'; resources: string[]; confirmText?: string }, signal?: AbortSignal): Promise<ApprovalAnswer> {
    const id = `approval-${++this.approvalSeq}`;
    return new Promise<ApprovalAnswer>((resolve) => {
      const finish = (answer: ApprovalAnswer) => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        signal?.removeEventListener('abort', onAbort);
        this.emit({ type: 'approval.answered', id, approved: answer.approved, by: answer.by, ...(answer.reason ? { reason: answer.reason } : {}) });
        resolve(answer);
      };
      const onAbort = () => finish({ approved: false, by: 'key', reason: 'interrupted' });
      this.pending = { id, ...(request.confirmText !== undefined ? { confirmText: request.confirmText } : {}), resolve: finish };
      this.emit({ type: 'approval.requested', id, level: request.level, resources: request.resources, ...(request.confirmText !== undefined ? { confirmText: request.confirmText } : {}) });
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The approval waiting for an answer, if any (renderers ask for its confirm text). */
  get pendingApproval(): { id: string; confirmText?: string } | undefined {
    return this.pending ? { id: this.pending.id, ...(this.pending.confirmText !== undefined ? { confirmText: this.pending.confirmText } : {}) } : undefined;
  }

  approve(id: string): void {
    const pending = this.requirePending(id);
    if (pending.confirmText !== undefined) {
      throw new StpError('usage', 'This plan destroys data: type the stack name to approve it.', { code: 'STP_APPROVAL_NEEDS_CONFIRMATION', resource: pending.confirmText });
    }
    pending.resolve({ approved: true, by: 'key' });
  }

  approveWithConfirmation(id: string, typed: string): void {
    const pending = this.requirePending(id);
    if (pending.confirmText !== undefined && typed.trim() !== pending.confirmText) {
      pending.resolve({ approved: false, by: 'key', reason: `the typed confirmation "${typed.trim()}" is not the stack name` });
      return;
    }
    pending.resolve({ approved: true, by: 'key' });
  }

  reject(id: string): void {
    this.requirePending(id).resolve({ approved: false, by: 'key', reason: 'rejected by the operator' });
  }

  cancel(): Promise<void> {
    return this.run('cancel', 'There is no update to cancel right now.', (op) => op());
  }
  rollback(): Promise<void> {
    return this.run('rollback', 'There is no failed stack to roll back in this session; use `stp rollback`.', (op) => op());
  }
  recover(skip: string[]): Promise<void> {
    return this.run('recover', 'The stack is not in UPDATE_ROLLBACK_FAILED in this session; use `stp rollback --skip`.', (op) => op(skip));
  }
  continueCanary(service: string, hookId: string): Promise<void> {
    return this.run('continueCanary', 'No paused canary is being watched in this session.', (op) => op(service, hookId));
  }
  rollbackCanary(service: string): Promise<void> {
    return this.run('rollbackCanary', 'No canary deployment is being watched in this session.', (op) => op(service));
  }
  rerunScript(name: string): Promise<void> {
    return this.run('rerunScript', 'Rerunning a script is not available in this session; use `stp script:run`.', (op) => op(name));
  }

  tailLogs(resource: string, options?: { filterPattern?: string }): Promise<void> {
    return this.run('tailLogs', 'Logs cannot be opened in this session; use `stp logs`.', (op) => op(resource, options));
  }

  detach(): void {
    if (!this.watchAbort.signal.aborted) this.watchAbort.abort('detach');
  }

  /** The renderer is done with the session (the console quit, the command returns). */
  end(): void {
    if (!this.endAbort.signal.aborted) this.endAbort.abort('end');
  }

  /**
   * Ctrl-C / SIGTERM: stops work that has not reached AWS yet (packaging, a pending approval);
   * while an operation is watched the caller decides between `cancel()` and `detach()`.
   */
  interrupt(): void {
    if (!this.interruptAbort.signal.aborted) this.interruptAbort.abort('interrupt');
  }

  private requirePending(id: string): PendingApproval {
    if (!this.pending || this.pending.id !== id) {
      throw new StpError('usage', `No approval ${id} is waiting for an answer.`, { code: 'STP_NO_PENDING_APPROVAL' });
    }
    return this.pending;
  }

  private async run<K extends keyof SessionOperations>(name: K, unavailable: string, call: (op: NonNullable<SessionOperations[K]>) => Promise<void>): Promise<void> {
    const op = this.operations[name];
    if (!op) throw new StpError('usage', unavailable, { code: 'STP_COMMAND_UNAVAILABLE' });
    await call(op as NonNullable<SessionOperations[K]>);
  }
}
