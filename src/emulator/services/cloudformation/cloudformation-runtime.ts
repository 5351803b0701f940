import type { LambdaBackend, LogsBackend, S3Backend } from '../../core/backends.js';
import type { EmulatorContext } from '../../core/service.js';
import type { StackDeployer } from './operations/stack-deployer.js';
import type { StackStore } from './stack/stack-store.js';

/** What the operation handlers share. */
export interface CloudFormationRuntime {
  ctx: EmulatorContext;
  store: StackStore;
  deployer: StackDeployer;
  deps: { lambda: LambdaBackend; logs: LogsBackend; s3: S3Backend };
  persist(): void;
  now(): string;
}
