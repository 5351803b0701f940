import * as z from 'zod';
import {
  internalHealthCheck,
  sideContainer,
  stopTimeout,
  volumeMount,
  workloadResources,
  workloadScaling,
} from './container-workload.js';
import { environment } from './environment.js';
import { logging } from './http.js';
import { containerPackaging } from './packaging.js';
import { resourceAccessShape } from './resource-access.js';

/** Props shared by web-service, private-service and worker-service (a single-container workload). */
export const containerServiceShape = {
  packaging: containerPackaging,
  resources: workloadResources,
  environment: environment.optional(),
  logging: logging.optional(),
  scaling: workloadScaling.optional(),
  internalHealthCheck: internalHealthCheck.optional(),
  stopTimeout: stopTimeout.optional(),
  enableRemoteSessions: z.boolean().optional(),
  volumeMounts: z.array(volumeMount).optional(),
  sideContainers: z.array(sideContainer).optional(),
  usePrivateSubnetsWithNAT: z.boolean().optional(),
  ...resourceAccessShape,
};
