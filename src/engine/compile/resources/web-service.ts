import type { ResourceCompiler } from '../resource-compiler.js';
import { logicalNames } from '../logical-names.js';
import { compileContainerWorkload } from './container-workload/compile-workload.js';

const usesAlb = (properties: Record<string, unknown>): boolean =>
  (properties.loadBalancing as { type?: string } | undefined)?.type === 'application-load-balancer';

/**
 * `type: web-service` → an ECS service on Fargate behind its own HTTP API (default: VPC link +
 * Cloud Map) or its own internet-facing application load balancer (HTTP on port 80).
 */
export const webServiceCompiler: ResourceCompiler = {
  type: 'web-service',
  compile: (resource, ctx) => compileContainerWorkload(ctx, resource),
  referenceableParams: {
    url: ({ resourceName, properties }) =>
      usesAlb(properties)
        ? { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [logicalNames.loadBalancer(resourceName), 'DNSName'] }]] }
        : { 'Fn::GetAtt': [logicalNames.httpApi(resourceName), 'ApiEndpoint'] },
    domain: ({ resourceName, properties }) =>
      usesAlb(properties)
        ? { 'Fn::GetAtt': [logicalNames.loadBalancer(resourceName), 'DNSName'] }
        : { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalNames.httpApi(resourceName), 'ApiEndpoint'] }] }] },
  },
};
