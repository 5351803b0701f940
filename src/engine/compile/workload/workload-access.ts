import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';
import type { IamStatement } from './iam-role.js';

/** What `connectTo` gives a workload (function, script, container workload, batch job). */
export interface WorkloadAccess {
  /** IAM statements for the workload's role. */
  statements: IamStatement[];
  /** `STP_<TARGET>_<PARAM>` variables (stacktape-language §6). */
  environment: Record<string, CfnValue>;
}

/**
 * Compiles a workload's `connectTo` (compile-data's src/engine/compile/connect-to/). It may also
 * add security-group ingress on the targets from the workload's security group
 * (`ctx.names.workloadSecurityGroup(workload.name)`), which the workload compilers create for
 * every workload that runs in the VPC.
 */
export type ConnectToCompiler = (ctx: CompileContext, workload: ResourceView) => WorkloadAccess;

const notWired: ConnectToCompiler = (ctx, workload) => {
  const connectTo = workload.properties.connectTo;
  if (Array.isArray(connectTo) && connectTo.length > 0) {
    ctx.unsupported([...workload.path, 'properties', 'connectTo'], 'connectTo (its compiler is not wired in yet)');
  }
  return { statements: [], environment: {} };
};

export function workloadAccess(ctx: CompileContext, workload: ResourceView): WorkloadAccess {
  return notWired(ctx, workload);
}
