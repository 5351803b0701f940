/**
 * Fault rules for reliability tests, from `STP_LOCAL_FAULTS` (inline JSON, or a path to a JSON
 * file) or the `faults` option of startEmulator. Shape:
 *
 *   { "seed": 42, "rules": [
 *       { "type": "throttle", "service": "logs", "operation": "GetLogEvents", "rate": 0.3 },
 *       { "type": "error", "service": "cloudformation", "rate": 0.1, "status": 503 },
 *       { "type": "latency", "ms": 200 },
 *       { "type": "drop", "service": "s3", "operation": "PutObject", "times": 1 },
 *       { "type": "fail-resource", "logicalId": "Database", "reason": "Simulated failure" } ] }
 *
 * - `service` is the SigV4 signing name (cloudformation, logs, lambda, s3, sts, ecs); `operation`
 *   the API operation name. Both optional: a rule without them applies to every request.
 * - `rate` (0..1, default 1) is the probability per matching request, drawn from a generator
 *   seeded by `seed` (default 1), so a run is reproducible. `times` caps how often a rule fires.
 * - `latency.ms` is wall-clock milliseconds, NOT scaled by the time scale: it models the network
 *   between the client and the cloud, which the time scale does not compress.
 * - `fail-resource` is consulted by the CloudFormation provisioner (faults.shouldFailResource);
 *   `logicalId` and/or `resourceType` select resources, `action` (Create/Update/Delete) narrows it.
 * - ECS (by service name `ecsService` and container name, both optional):
 *   `{ "type": "crash-container", "ecsService": "web", "container": "app", "exitCode": 1 }` makes the
 *   container exit once running (`"health": true`: fail its health check instead);
 *   `{ "type": "fail-hook", "ecsService": "web", "stage": "POST_TEST_TRAFFIC_SHIFT" }` makes a Lambda
 *   lifecycle hook fail without invoking it; `{ "type": "slow-steady-state", "seconds": 120 }` delays
 *   a deployment's steady state by that many emulated seconds.
 */

import { StpError } from '../../errors/stp-error.js';

export type FaultAction = 'Create' | 'Update' | 'Delete';

interface RequestRuleBase {
  service?: string;
  operation?: string;
  rate?: number;
  times?: number;
}

export type FaultRule =
  | (RequestRuleBase & { type: 'throttle' })
  | (RequestRuleBase & { type: 'error'; status?: number })
  | (RequestRuleBase & { type: 'latency'; ms: number })
  | (RequestRuleBase & { type: 'drop' })
  | { type: 'fail-resource'; logicalId?: string; resourceType?: string; action?: FaultAction; reason?: string; times?: number }
  | { type: 'crash-container'; ecsService?: string; container?: string; exitCode?: number; health?: boolean; times?: number; rate?: number }
  | { type: 'fail-hook'; ecsService?: string; stage?: string; times?: number; rate?: number }
  | { type: 'slow-steady-state'; ecsService?: string; seconds: number; times?: number };

export interface FaultRules {
  seed?: number;
  rules: FaultRule[];
}

const FAULTS_FIX = 'Fix the rules (their shape is in src/emulator/faults/fault-rules.ts and src/emulator/README.md), or unset STP_LOCAL_FAULTS.';

/** Fault rules are the user's input for this run, like a flag: a mistake is a usage error (exit 2). */
function invalidFaults(message: string, cause?: unknown): StpError {
  return new StpError('usage', message, { code: 'STP_LOCAL_FAULTS_INVALID', fix: FAULTS_FIX, ...(cause !== undefined ? { cause } : {}) });
}

const REQUEST_TYPES = new Set(['throttle', 'error', 'latency', 'drop']);

function fail(where: string, message: string): never {
  throw invalidFaults(`Invalid fault rules (${where}): ${message}`);
}

/** Validates untrusted JSON into FaultRules; every mistake is an error naming the rule. */
export function parseFaultRules(value: unknown, where = 'faults'): FaultRules {
  if (Array.isArray(value)) value = { rules: value };
  if (typeof value !== 'object' || value === null) fail(where, 'expected an object {"seed"?, "rules": [...]}');
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (key !== 'seed' && key !== 'rules') fail(where, `unknown key "${key}" (expected "seed" and "rules")`);
  }
  const seed = object.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) fail(where, '"seed" must be an integer');
  if (!Array.isArray(object.rules)) fail(where, '"rules" must be an array');
  const rules = object.rules.map((raw, index): FaultRule => {
    const at = `${where}, rules[${index}]`;
    if (typeof raw !== 'object' || raw === null) fail(at, 'expected an object');
    const rule = raw as Record<string, unknown>;
    const type = rule.type;
    const checkRateAndTimes = () => {
      if (rule.rate !== undefined && (typeof rule.rate !== 'number' || rule.rate < 0 || rule.rate > 1)) {
        fail(at, '"rate" must be a number between 0 and 1');
      }
      if (rule.times !== undefined && (typeof rule.times !== 'number' || !Number.isInteger(rule.times) || rule.times < 0)) {
        fail(at, '"times" must be a non-negative integer');
      }
    };
    const allowed = (keys: string[]) => {
      for (const key of Object.keys(rule)) {
        if (!keys.includes(key)) fail(at, `unknown key "${key}" for a "${String(type)}" rule (allowed: ${keys.join(', ')})`);
      }
    };
    const optionalString = (key: string) => {
      if (rule[key] !== undefined && typeof rule[key] !== 'string') fail(at, `"${key}" must be a string`);
    };
    if (typeof type === 'string' && REQUEST_TYPES.has(type)) {
      const base = ['type', 'service', 'operation', 'rate', 'times'];
      allowed(type === 'error' ? [...base, 'status'] : type === 'latency' ? [...base, 'ms'] : base);
      optionalString('service');
      optionalString('operation');
      checkRateAndTimes();
      if (type === 'error' && rule.status !== undefined) {
        if (typeof rule.status !== 'number' || rule.status < 500 || rule.status > 599) fail(at, '"status" must be a 5xx status');
      }
      if (type === 'latency' && (typeof rule.ms !== 'number' || rule.ms < 0)) fail(at, '"ms" must be a non-negative number');
      return rule as FaultRule;
    }
    if (type === 'fail-resource') {
      allowed(['type', 'logicalId', 'resourceType', 'action', 'reason', 'times']);
      optionalString('logicalId');
      optionalString('resourceType');
      optionalString('reason');
      if (rule.logicalId === undefined && rule.resourceType === undefined) fail(at, 'needs "logicalId" or "resourceType"');
      if (rule.action !== undefined && !['Create', 'Update', 'Delete'].includes(rule.action as string)) {
        fail(at, '"action" must be Create, Update or Delete');
      }
      checkRateAndTimes();
      return rule as FaultRule;
    }
    if (type === 'crash-container') {
      allowed(['type', 'ecsService', 'container', 'exitCode', 'health', 'times', 'rate']);
      optionalString('ecsService');
      optionalString('container');
      if (rule.exitCode !== undefined && (typeof rule.exitCode !== 'number' || !Number.isInteger(rule.exitCode))) fail(at, '"exitCode" must be an integer');
      if (rule.health !== undefined && typeof rule.health !== 'boolean') fail(at, '"health" must be true or false');
      checkRateAndTimes();
      return rule as FaultRule;
    }
    if (type === 'fail-hook') {
      allowed(['type', 'ecsService', 'stage', 'times', 'rate']);
      optionalString('ecsService');
      optionalString('stage');
      checkRateAndTimes();
      return rule as FaultRule;
    }
    if (type === 'slow-steady-state') {
      allowed(['type', 'ecsService', 'seconds', 'times']);
      optionalString('ecsService');
      if (typeof rule.seconds !== 'number' || rule.seconds < 0) fail(at, '"seconds" must be a non-negative number');
      checkRateAndTimes();
      return rule as FaultRule;
    }
    return fail(at, `unknown "type" ${JSON.stringify(type)} (expected throttle, error, latency, drop, fail-resource, crash-container, fail-hook or slow-steady-state)`);
  });
  return { seed: seed as number | undefined, rules };
}

/**
 * Reads `STP_LOCAL_FAULTS`: inline JSON when it starts with `{` or `[`, otherwise a path to a JSON
 * file. Undefined when unset.
 */
export function faultRulesFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string,
): FaultRules | undefined {
  const raw = env.STP_LOCAL_FAULTS?.trim();
  if (!raw) return undefined;
  if (raw.startsWith('{') || raw.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw invalidFaults(`STP_LOCAL_FAULTS is not valid JSON: ${(error as Error).message}`, error);
    }
    return parseFaultRules(parsed, 'STP_LOCAL_FAULTS');
  }
  let text: string;
  try {
    text = readFile(raw);
  } catch (error) {
    throw invalidFaults(`STP_LOCAL_FAULTS names a file that cannot be read (${raw}): ${(error as Error).message}`, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidFaults(`The fault rules file ${raw} is not valid JSON: ${(error as Error).message}`, error);
  }
  return parseFaultRules(parsed, raw);
}
