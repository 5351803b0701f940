import * as z from 'zod';
import { containerServiceShape } from '../shared/container-service.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const workerServiceProperties = z.strictObject({ ...containerServiceShape });

export const workerServiceResource = resourceEnvelope('worker-service', workerServiceProperties);
export type WorkerServiceResource = z.output<typeof workerServiceResource>;
export type WorkerServiceProperties = z.output<typeof workerServiceProperties>;
