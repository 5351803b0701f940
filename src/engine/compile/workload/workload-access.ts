import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';
import type { IamStatement } from './iam-role.js';
import { connectWorkload } from '../connect-to/connect-workload.js';

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

export function workloadAccess(ctx: CompileContext, workload: ResourceView): WorkloadAccess {
  return connectWorkload(ctx, workload);
}
