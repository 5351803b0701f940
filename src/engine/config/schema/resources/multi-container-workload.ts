import * as z from 'zod';
import {
  containerDeployment,
  workloadContainer,
  workloadResources,
  workloadScaling,
} from '../shared/container-workload.js';
import { resourceAccessShape } from '../shared/resource-access.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const multiContainerWorkloadProperties = z.strictObject({
  containers: z.array(workloadContainer).min(1),
  resources: workloadResources,
  scaling: workloadScaling.optional(),
  deployment: containerDeployment.optional(),
  enableRemoteSessions: z.boolean().optional(),
  usePrivateSubnetsWithNAT: z.boolean().optional(),
  ...resourceAccessShape,
});

export const multiContainerWorkloadResource = resourceEnvelope(
  'multi-container-workload',
  multiContainerWorkloadProperties,
);
export type MultiContainerWorkloadResource = z.output<typeof multiContainerWorkloadResource>;
export type MultiContainerWorkloadProperties = z.output<typeof multiContainerWorkloadProperties>;
export type WorkloadContainer = MultiContainerWorkloadProperties['containers'][number];
