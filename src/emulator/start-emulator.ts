/**
 * Starts the embedded local cloud: one clock, one state store (locked), the services (STS, S3,
 * CloudWatch Logs, Secrets Manager, SSM Parameter Store, Lambda, CloudFormation) and the HTTP endpoint on 127.0.0.1.
 *
 *   const cloud = await startEmulator({ stateDir: '<project>/.stp/local', port: 0 });
 *   // point SDK clients at cloud.endpoint (credentials: test/test, S3 forcePathStyle)
 *   await cloud.stop();
 *
 * `timeScale` defaults to STP_LOCAL_TIME_SCALE (1), `faults` to STP_LOCAL_FAULTS (none).
 * `services` starts a subset (tests); state of services not started is kept untouched.
 * A second start on the same stateDir fails with StateLockedError; `runningEmulator(stateDir)`
 * (state/state-lock.ts) tells whether a live process holds it and which endpoint it serves.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { StpError } from '../errors/stp-error.js';
import type { HttpResponseData, LambdaBackend, LogsBackend, ParametersBackend, S3Backend, SecretsBackend } from './core/backends.js';
import { createClock, timeScaleFromEnv, type Clock } from './core/clock.js';
import type { EmulatorRuntimeContext } from './core/runtime-context.js';
import { EMULATOR_ACCOUNT_ID, type EmulatorService } from './core/service.js';
import { createFaultInjector, type FaultInjector } from './faults/fault-injector.js';
import { faultRulesFromEnv, parseFaultRules, type FaultRules } from './faults/fault-rules.js';
import { startEmulatorServer } from './server/emulator-server.js';
import { createLogsService } from './services/logs/logs-service.js';
import { createS3Service } from './services/s3/s3-service.js';
import { createEc2Service } from './services/ec2/ec2-service.js';
import { createSecretsManagerService } from './services/secretsmanager/secrets-manager-service.js';
import { createSsmService } from './services/ssm/ssm-service.js';
import { createStsService } from './services/sts/sts-service.js';
import { openStateStore, type StateStore } from './state/state-store.js';
import type { Provisioner } from './services/cloudformation/provisioning/provisioner.js';

export type LocalServiceName = 'sts' | 's3' | 'logs' | 'secretsmanager' | 'ssm' | 'lambda' | 'ec2' | 'elbv2' | 'ecs' | 'cloudformation';

export const ALL_LOCAL_SERVICES: readonly LocalServiceName[] = ['sts', 's3', 'logs', 'secretsmanager', 'ssm', 'lambda', 'ec2', 'elbv2', 'ecs', 'cloudformation'];

export interface StartEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Where state lives; the CLI passes `<project>/.stp/local`. */
  stateDir: string;
  timeScale?: number;
  faults?: FaultRules;
  /** One line per notable event (unsupported operations, injected faults). Default: stderr. */
  log?: (line: string) => void;
  /** One line per answered request (service, operation, status, duration), e.g. for `stp local --verbose`. */
  requestLog?: (line: string) => void;
  /** Which services to run (default all). Lambda needs logs and s3; CloudFormation needs all three. */
  services?: readonly LocalServiceName[];
  /** Environment to read STP_LOCAL_TIME_SCALE / STP_LOCAL_FAULTS from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The command holding the state, named to a second command that finds it locked (e.g. "stp local"). */
  command?: string;
  /**
   * Write the endpoint into the state lock so other commands use this cloud (default true). Only a
   * long-lived `stp local` should: an in-process cloud of a short command would vanish under them.
   */
  advertise?: boolean;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  stateDir: string;
  clock: Clock;
  faults: FaultInjector;
  /** Internal APIs of the running services (tests, benchmarks). */
  backends: { logs?: LogsBackend; s3?: S3Backend; lambda?: LambdaBackend; secrets?: SecretsBackend; parameters?: ParametersBackend };
  /** Writes the state now. */
  flush(): Promise<void>;
  /** Stops the endpoint and the functions, saves the state and releases the lock. */
  stop(): Promise<void>;
}

interface Closable {
  close?: () => void | Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = createClock(options.timeScale ?? timeScaleFromEnv(env));
  const rules = options.faults ? parseFaultRules(options.faults, 'startEmulator faults') : faultRulesFromEnv(env, (path) => readFileSync(path, 'utf8'));
  const faults = createFaultInjector(rules);
  const wanted = new Set(options.services ?? ALL_LOCAL_SERVICES);
  if (wanted.has('lambda') && (!wanted.has('logs') || !wanted.has('s3'))) throw new Error('The local Lambda needs the logs and s3 services.');
  if (wanted.has('ecs') && !wanted.has('elbv2')) throw new Error('The local ECS needs the elbv2 service (it shifts listener weights).');
  if (wanted.has('cloudformation') && !(wanted.has('lambda') && wanted.has('logs') && wanted.has('s3'))) {
    throw new Error('The local CloudFormation needs the lambda, logs and s3 services.');
  }

  const state: StateStore = openStateStore({ dir: options.stateDir, log, ...(options.command !== undefined ? { command: options.command } : {}) });
  let endpoint = '';
  const ctx: EmulatorRuntimeContext = {
    clock,
    endpoint: () => endpoint,
    accountId: EMULATOR_ACCOUNT_ID,
    log,
    state,
  };

  const services: EmulatorService[] = [];
  // CloudFormation drains with the endpoint still up (custom resources PUT their responses to
  // it, and their Lambda functions must still run); Lambda's processes go after the endpoint.
  const drainFirst: Closable[] = [];
  const closables: Closable[] = [];
  const backends: RunningEmulator['backends'] = {};
  let customResourceResponse: ((token: string, body: Buffer) => Promise<void>) | undefined;
  let loadBalancerTraffic: ((request: { host: string; port: number; method: string; path: string }) => HttpResponseData) | undefined;
  try {
    if (wanted.has('sts')) services.push(createStsService(ctx));
    if (wanted.has('ec2')) services.push(createEc2Service(ctx));
    if (wanted.has('s3')) {
      const s3 = createS3Service(ctx);
      services.push(s3.service);
      backends.s3 = s3.backend;
    }
    if (wanted.has('logs')) {
      const logs = createLogsService(ctx);
      services.push(logs.service);
      backends.logs = logs.backend;
    }
    if (wanted.has('secretsmanager')) {
      const secrets = createSecretsManagerService(ctx);
      services.push(secrets.service);
      backends.secrets = secrets.backend;
    }
    if (wanted.has('ssm')) {
      const ssm = createSsmService(ctx);
      services.push(ssm.service);
      backends.parameters = ssm.backend;
    }
    if (wanted.has('lambda')) {
      // Loaded on demand so a subset without Lambda/CloudFormation never loads their code.
      const { createLambdaService } = await import('./services/lambda/lambda-service.js');
      const lambda = createLambdaService(ctx, { logs: backends.logs!, s3: backends.s3! });
      services.push(lambda);
      closables.push(lambda);
      backends.lambda = lambda;
    }
    // ELBv2 and ECS: what CloudFormation's load balancers and ECS services become, so canary
    // deployments really run (stages, hooks, listener weights) and are observable through the SDK.
    let provisioners: Record<string, Provisioner> = {};
    if (wanted.has('elbv2') || wanted.has('ecs')) {
      const [{ createElbv2Service }, { elbv2Provisioners }, { LoadBalancerTraffic }] = await Promise.all([
        import('./services/elbv2/elbv2-service.js'),
        import('./services/elbv2/elbv2-provisioners.js'),
        import('./services/elbv2/load-balancer-traffic.js'),
      ]);
      const elbv2 = createElbv2Service(ctx);
      services.push(elbv2.service);
      const traffic = new LoadBalancerTraffic(elbv2.store);
      loadBalancerTraffic = (request) => traffic.route(request);
      provisioners = { ...provisioners, ...elbv2Provisioners(elbv2.store, () => clock.now().toISOString()) };
      if (wanted.has('ecs')) {
        const [{ EcsBackend }, { createEcsService }, { ecsProvisioners }] = await Promise.all([
          import('./services/ecs/ecs-backend.js'),
          import('./services/ecs/ecs-service.js'),
          import('./services/ecs/ecs-provisioners.js'),
        ]);
        const ecs = new EcsBackend({
          clock,
          accountId: EMULATOR_ACCOUNT_ID,
          lambda: backends.lambda,
          logs: backends.logs,
          elbv2: elbv2.store,
          log,
          onChange: () => state.markDirty(),
          crashFromFaults: (service, container) => faults.containerCrash(service, container),
          hookFault: (service, stage) => (faults.hookFails(service, stage) ? 'FAILED' : undefined),
          steadyStateDelay: (service) => faults.steadyStateDelayMs(service),
        });
        services.push(createEcsService(ctx, ecs));
        closables.push(ecs);
        provisioners = { ...provisioners, ...ecsProvisioners(ecs, () => randomUUID()) };
      }
    }
    if (wanted.has('cloudformation')) {
      const { createCloudFormationService } = await import('./services/cloudformation/cloudformation-service.js');
      const cloudformation = createCloudFormationService(ctx, {
        lambda: backends.lambda!,
        logs: backends.logs!,
        s3: backends.s3!,
        secrets: backends.secrets,
        parameters: backends.parameters,
        faults,
        provisioners,
      });
      services.push(cloudformation);
      drainFirst.push(cloudformation);
      customResourceResponse = (token, body) => cloudformation.handleCustomResourceResponse(token, body);
    }
  } catch (error) {
    await closeAll([...closables, ...drainFirst], log);
    await state.close();
    throw error;
  }

  let server;
  try {
    server = await startEmulatorServer({
      port: options.port,
      services,
      faults,
      accountId: EMULATOR_ACCOUNT_ID,
      log,
      customResourceResponse,
      requestLog: options.requestLog,
      loadBalancerTraffic,
    });
  } catch (error) {
    await closeAll([...closables, ...drainFirst], log);
    await state.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StpError('environment', `port ${options.port} on 127.0.0.1 is already in use`, {
        code: 'STP_LOCAL_PORT_IN_USE',
        fix: 'Pick another with --port, or --port 0 for a free one (another `stp local` or LocalStack may hold this one).',
        cause: error,
      });
    }
    throw error;
  }
  endpoint = server.endpoint;
  if (options.advertise !== false) state.advertiseEndpoint(endpoint);

  let stopping: Promise<void> | undefined;
  return {
    endpoint: server.endpoint,
    port: server.port,
    stateDir: options.stateDir,
    clock,
    faults,
    backends,
    flush: () => state.flush(),
    stop() {
      stopping ??= (async () => {
        await closeAll(drainFirst, log);
        await server.close();
        await closeAll(closables, log);
        await state.close();
      })();
      return stopping;
    },
  };
}

async function closeAll(closables: Closable[], log: (line: string) => void): Promise<void> {
  for (const closable of closables.reverse()) {
    try {
      await closable.close?.();
    } catch (error) {
      log(`local cloud: a service failed to shut down cleanly: ${(error as Error).message}`);
    }
  }
}
