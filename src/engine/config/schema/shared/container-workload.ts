import * as z from 'zod';
import { addStpIssue } from './custom-issue.js';
import { environment } from './environment.js';
import { httpMethod, logging } from './http.js';
import { albRuleShape } from './lambda-events.js';
import { containerPackaging } from './packaging.js';
import { freeObject } from './runtime-directive.js';

// Parts shared by web-service, private-service, worker-service and multi-container-workload.

export const fargateCpu = z.literal([0.25, 0.5, 1, 2, 4, 8, 16]);

/**
 * Fargate (`cpu` + `memory`) or EC2 (`instanceTypes`). Which cpu/memory pairs Fargate accepts is a
 * semantic check (STP_CONFIG_INVALID_FARGATE_SIZE, config-semantics).
 */
export const workloadResources = z
  .strictObject({
    cpu: fargateCpu.optional(),
    memory: z.int().min(128).optional(),
    instanceTypes: z.array(z.string()).min(1).optional(),
    enableWarmPool: z.boolean().optional(),
    architecture: z.enum(['x86_64', 'arm64']).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.instanceTypes) return;
    const expected = 'cpu and memory (Fargate), or instanceTypes (EC2)';
    if (value.cpu === undefined) {
      addStpIssue(ctx, ['cpu'], 'missing required property "cpu" (Fargate needs cpu and memory, or give instanceTypes for EC2)', {
        stpCode: 'STP_CONFIG_MISSING_PROPERTY',
        expected,
      });
    }
    if (value.memory === undefined) {
      addStpIssue(ctx, ['memory'], 'missing required property "memory" (Fargate needs cpu and memory, or give instanceTypes for EC2)', {
        stpCode: 'STP_CONFIG_MISSING_PROPERTY',
        expected,
      });
    }
  });

const utilizationPercent = z.int().min(1).max(100);

export const workloadScaling = z
  .strictObject({
    minInstances: z.int().min(0).default(1),
    maxInstances: z.int().min(1).default(1),
    scalingPolicy: z
      .strictObject({
        keepAvgCpuUtilizationUnder: utilizationPercent.optional(),
        keepAvgMemoryUtilizationUnder: utilizationPercent.optional(),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.maxInstances < value.minInstances) {
      addStpIssue(ctx, ['maxInstances'], `maxInstances (${value.maxInstances}) is lower than minInstances (${value.minInstances})`, {
        stpCode: 'STP_CONFIG_OUT_OF_RANGE',
        expected: `a number >= minInstances (${value.minInstances})`,
      });
    }
  });

/**
 * ECS gradual deployment strategies. Stacktape's schema spells the 1-minute linear strategy with a
 * plural (`Linear10PercentEvery1Minutes`) while its docs and the Lambda list use the singular; both
 * are accepted and mean the same.
 */
export const containerDeploymentStrategy = z.enum([
  'Canary10Percent5Minutes',
  'Canary10Percent15Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery1Minutes',
  'Linear10PercentEvery3Minutes',
  'AllAtOnce',
]);

export const containerDeployment = z.strictObject({
  strategy: containerDeploymentStrategy,
  beforeAllowTrafficFunction: z.string().optional(),
  afterTrafficShiftFunction: z.string().optional(),
  testListenerPort: z.int().min(1).max(65535).optional(),
  /**
   * New in stp: an ECS PAUSE lifecycle hook the operator continues or rolls back. `true` gates every
   * production traffic step (canary: before 10 % and before 100 %; linear: before each step);
   * `gate: before-production` pauses once, after test traffic reached the new version and before
   * any production traffic moves. Without an answer ECS applies `onTimeout` after `timeoutMinutes`.
   */
  manualApproval: z
    .union([
      z.boolean(),
      z.strictObject({
        gate: z.enum(['every-production-step', 'before-production']).optional(),
        timeoutMinutes: z.int().min(1).max(20160).optional(),
        onTimeout: z.enum(['rollback', 'continue']).optional(),
      }),
    ])
    .optional(),
});

export const internalHealthCheck = z.strictObject({
  healthCheckCommand: z.array(z.string()).min(1),
  intervalSeconds: z.int().min(5).max(300).optional(),
  timeoutSeconds: z.int().min(2).max(60).optional(),
  retries: z.int().min(1).max(10).optional(),
  startPeriodSeconds: z.int().min(0).max(300).optional(),
});

/** Seconds between SIGTERM and SIGKILL; ECS allows 2–120. */
export const stopTimeout = z.int().min(2).max(120);

export const volumeMount = z.strictObject({
  type: z.literal('efs'),
  properties: z.strictObject({
    efsFilesystemName: z.string(),
    rootDirectory: z.string().optional(),
    mountPath: z.string(),
  }),
});

export const loadBalancerHealthCheck = z.strictObject({
  healthcheckPath: z.string().optional(),
  healthcheckInterval: z.int().min(5).max(300).optional(),
  healthcheckTimeout: z.int().min(2).max(120).optional(),
  healthCheckProtocol: z.enum(['HTTP', 'TCP']).optional(),
  healthCheckPort: z.int().min(1).max(65535).optional(),
});

const containerPort = z.int().min(1).max(65535);

// --- Container event integrations (multi-container workload) ---

export const containerHttpApiGatewayEvent = z.strictObject({
  type: z.literal('http-api-gateway'),
  properties: z.strictObject({
    containerPort,
    httpApiGatewayName: z.string(),
    method: httpMethod,
    path: z.string(),
    authorizer: z.strictObject({ type: z.enum(['cognito', 'lambda']), properties: freeObject }).optional(),
    payloadFormat: z.enum(['1.0', '2.0']).optional(),
  }),
});

export const containerApplicationLoadBalancerEvent = z.strictObject({
  type: z.literal('application-load-balancer'),
  properties: z.strictObject({ containerPort, ...albRuleShape }),
});

export const containerNetworkLoadBalancerEvent = z.strictObject({
  type: z.literal('network-load-balancer'),
  properties: z.strictObject({
    containerPort,
    loadBalancerName: z.string(),
    listenerPort: z.int().min(1).max(65535),
  }),
});

export const workloadInternalEvent = z.strictObject({
  type: z.literal('workload-internal'),
  properties: z.strictObject({ containerPort, protocol: z.enum(['tcp', 'udp']).optional() }),
});

export const serviceConnectEvent = z.strictObject({
  type: z.literal('service-connect'),
  properties: z.strictObject({
    containerPort,
    alias: z.string().optional(),
    protocol: z.enum(['http', 'http2', 'grpc']).optional(),
  }),
});

export const containerEvent = z.discriminatedUnion('type', [
  containerHttpApiGatewayEvent,
  containerApplicationLoadBalancerEvent,
  containerNetworkLoadBalancerEvent,
  workloadInternalEvent,
  serviceConnectEvent,
]);

export const containerDependency = z.strictObject({
  containerName: z.string(),
  condition: z.enum(['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']),
});

/** The per-container props shared by multi-container workload containers and side containers. */
export const containerBaseShape = {
  name: z.string(),
  packaging: containerPackaging,
  essential: z.boolean().optional(),
  logging: logging.optional(),
  dependsOn: z.array(containerDependency).optional(),
  environment: environment.optional(),
  internalHealthCheck: internalHealthCheck.optional(),
  stopTimeout: stopTimeout.optional(),
  volumeMounts: z.array(volumeMount).optional(),
};

export const workloadContainer = z.strictObject({
  ...containerBaseShape,
  events: z.array(containerEvent).optional(),
  loadBalancerHealthCheck: loadBalancerHealthCheck.optional(),
});

/** Side containers of web/private/worker services: no events of their own. */
export const sideContainer = z.strictObject({ ...containerBaseShape });
