/**
 * Decides, per request or per provisioned resource, which fault rule fires (see fault-rules.ts).
 * Rules are checked in order; latency rules add up, and the first failing rule (throttle, error,
 * drop) that fires wins. Probabilities come from a seeded generator, so a given request sequence
 * always sees the same faults.
 */
import type { FaultAction, FaultRule, FaultRules } from './fault-rules.js';

export type RequestFault = { kind: 'throttle' } | { kind: 'error'; status: number } | { kind: 'drop' };

export interface RequestFaultDecision {
  /** Wall-clock milliseconds to wait before answering. */
  latencyMs: number;
  fault?: RequestFault;
}

export interface ResourceFailure {
  reason: string;
}

export interface FaultInjector {
  forRequest(service: string, operation: string | undefined): RequestFaultDecision;
  /** Consulted by the CloudFormation provisioner before it creates/updates/deletes a resource. */
  shouldFailResource(logicalId: string, resourceType: string, action?: FaultAction): ResourceFailure | undefined;
  /** ECS: how a container of a service fails, if a crash-container rule fires for it. */
  containerCrash(ecsService: string, container: string): { kind: 'exit'; exitCode: number } | { kind: 'health' } | undefined;
  /** ECS: whether a fail-hook rule fails this service's Lambda hook at this stage. */
  hookFails(ecsService: string, stage: string): boolean;
  /** ECS: emulated milliseconds a slow-steady-state rule adds before this service's deployment completes. */
  steadyStateDelayMs(ecsService: string): number;
}

/** mulberry32: tiny, fast, and good enough for reproducible coin flips. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultInjector(rules: FaultRules | undefined): FaultInjector {
  const list: FaultRule[] = rules?.rules ?? [];
  const random = seededRandom(rules?.seed ?? 1);
  const fired = new Map<FaultRule, number>();

  const fires = (rule: FaultRule): boolean => {
    const count = fired.get(rule) ?? 0;
    if (rule.times !== undefined && count >= rule.times) return false;
    const rate = 'rate' in rule && rule.rate !== undefined ? rule.rate : 1;
    // Always draw for a matching rule so one rule's cap does not shift the others' sequence.
    const hit = rate >= 1 ? (random(), true) : random() < rate;
    if (hit) fired.set(rule, count + 1);
    return hit;
  };

  return {
    forRequest(service, operation) {
      const decision: RequestFaultDecision = { latencyMs: 0 };
      for (const rule of list) {
        if (rule.type !== 'throttle' && rule.type !== 'error' && rule.type !== 'latency' && rule.type !== 'drop') continue;
        if (rule.service !== undefined && rule.service !== service) continue;
        if (rule.operation !== undefined && rule.operation !== operation) continue;
        if (rule.type !== 'latency' && decision.fault) continue;
        if (!fires(rule)) continue;
        if (rule.type === 'latency') decision.latencyMs += rule.ms;
        else if (rule.type === 'throttle') decision.fault = { kind: 'throttle' };
        else if (rule.type === 'error') decision.fault = { kind: 'error', status: rule.status ?? 500 };
        else decision.fault = { kind: 'drop' };
      }
      return decision;
    },
    shouldFailResource(logicalId, resourceType, action) {
      for (const rule of list) {
        if (rule.type !== 'fail-resource') continue;
        if (rule.logicalId !== undefined && rule.logicalId !== logicalId) continue;
        if (rule.resourceType !== undefined && rule.resourceType !== resourceType) continue;
        if (rule.action !== undefined && action !== undefined && rule.action !== action) continue;
        if (rule.action !== undefined && action === undefined) continue;
        if (!fires(rule)) continue;
        return { reason: rule.reason ?? `Resource ${logicalId} (${resourceType}) failed: injected by a local fault rule` };
      }
      return undefined;
    },
    containerCrash(ecsService, container) {
      for (const rule of list) {
        if (rule.type !== 'crash-container') continue;
        if (rule.ecsService !== undefined && rule.ecsService !== ecsService) continue;
        if (rule.container !== undefined && rule.container !== container) continue;
        if (!fires(rule)) continue;
        return rule.health ? { kind: 'health' } : { kind: 'exit', exitCode: rule.exitCode ?? 1 };
      }
      return undefined;
    },
    hookFails(ecsService, stage) {
      for (const rule of list) {
        if (rule.type !== 'fail-hook') continue;
        if (rule.ecsService !== undefined && rule.ecsService !== ecsService) continue;
        if (rule.stage !== undefined && rule.stage !== stage) continue;
        if (fires(rule)) return true;
      }
      return false;
    },
    steadyStateDelayMs(ecsService) {
      let total = 0;
      for (const rule of list) {
        if (rule.type !== 'slow-steady-state') continue;
        if (rule.ecsService !== undefined && rule.ecsService !== ecsService) continue;
        if (fires(rule)) total += rule.seconds * 1000;
      }
      return total;
    },
  };
}
