import type { ResourceCompiler } from '../resource-compiler.js';
import { logicalNames } from '../logical-names.js';
import { compileContainerWorkload } from './container-workload/compile-workload.js';
import { defaultServicePort } from './container-workload/workload-model.js';

/**
 * `type: private-service` → an ECS service on Fargate reachable inside the VPC: by its Service
 * Connect name (default; every ECS service of the stack is a Service Connect client) or through
 * its own internal application load balancer.
 */
export const privateServiceCompiler: ResourceCompiler = {
  type: 'private-service',
  compile: (resource, ctx) => compileContainerWorkload(ctx, resource),
  referenceableParams: {
    address: ({ resourceName, properties }) => {
      const port = typeof properties.port === 'number' ? properties.port : defaultServicePort;
      if ((properties.loadBalancing as { type?: string } | undefined)?.type === 'application-load-balancer') {
        return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalNames.loadBalancer(resourceName), 'DNSName'] }, ':80']] };
      }
      return `${resourceName.toLowerCase()}:${port}`;
    },
  },
};
