import type { ResourceCompiler } from '../resource-compiler.js';
import { compileContainerWorkload } from './container-workload/compile-workload.js';

/** `type: multi-container-workload` → an ECS service on Fargate (see container-workload/). */
export const multiContainerWorkloadCompiler: ResourceCompiler = {
  type: 'multi-container-workload',
  compile: (resource, ctx) => compileContainerWorkload(ctx, resource),
};
