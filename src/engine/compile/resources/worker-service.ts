import type { ResourceCompiler } from '../resource-compiler.js';
import { compileContainerWorkload } from './container-workload/compile-workload.js';

/** `type: worker-service` → an ECS service on Fargate with no inbound ports. */
export const workerServiceCompiler: ResourceCompiler = {
  type: 'worker-service',
  compile: (resource, ctx) => compileContainerWorkload(ctx, resource),
};
