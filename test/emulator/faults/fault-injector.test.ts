import { expect, it } from 'vitest';
import { createFaultInjector, seededRandom } from '../../../src/emulator/faults/fault-injector.js';

it('is reproducible under a seed and honours the rate', () => {
  const run = (seed: number) => {
    const faults = createFaultInjector({ seed, rules: [{ type: 'throttle', service: 'logs', rate: 0.3 }] });
    return Array.from({ length: 1000 }, () => faults.forRequest('logs', 'GetLogEvents').fault?.kind ?? '-');
  };
  const first = run(7);
  expect(run(7)).toEqual(first);
  expect(run(8)).not.toEqual(first);
  // Seed 7 is a fixed sequence: exactly these requests are throttled (≈ the 30 % asked for).
  expect(first.filter((kind) => kind === 'throttle').length).toBe(271);
  expect(first.slice(0, 12).map((kind) => (kind === 'throttle' ? 'T' : '.')).join('')).toBe('TT.....T..TT');
});

it('matches by service and operation and caps firings with times', () => {
  const faults = createFaultInjector({ rules: [{ type: 'error', service: 'cloudformation', operation: 'DescribeStacks', status: 503, times: 2 }] });
  expect(faults.forRequest('logs', 'DescribeStacks').fault).toBeUndefined();
  expect(faults.forRequest('cloudformation', 'DescribeStackEvents').fault).toBeUndefined();
  expect(faults.forRequest('cloudformation', 'DescribeStacks').fault).toEqual({ kind: 'error', status: 503 });
  expect(faults.forRequest('cloudformation', 'DescribeStacks').fault).toEqual({ kind: 'error', status: 503 });
  expect(faults.forRequest('cloudformation', 'DescribeStacks').fault).toBeUndefined();
});

it('adds latency from every matching rule and lets the first failing rule win', () => {
  const faults = createFaultInjector({
    rules: [
      { type: 'latency', ms: 10 },
      { type: 'drop', service: 's3' },
      { type: 'throttle', service: 's3' },
      { type: 'latency', service: 's3', ms: 5 },
    ],
  });
  expect(faults.forRequest('s3', 'PutObject')).toEqual({ latencyMs: 15, fault: { kind: 'drop' } });
  expect(faults.forRequest('sts', undefined)).toEqual({ latencyMs: 10 });
});

it('fails named resources, optionally only for one action, with the given reason', () => {
  const faults = createFaultInjector({
    rules: [
      { type: 'fail-resource', logicalId: 'Database', reason: 'Simulated outage' },
      { type: 'fail-resource', resourceType: 'AWS::SQS::Queue', action: 'Delete' },
    ],
  });
  expect(faults.shouldFailResource('Database', 'AWS::RDS::DBInstance', 'Create')).toEqual({ reason: 'Simulated outage' });
  expect(faults.shouldFailResource('Other', 'AWS::RDS::DBInstance', 'Create')).toBeUndefined();
  expect(faults.shouldFailResource('Queue', 'AWS::SQS::Queue', 'Create')).toBeUndefined();
  expect(faults.shouldFailResource('Queue', 'AWS::SQS::Queue', 'Delete')?.reason).toMatch(/Queue \(AWS::SQS::Queue\) failed/);
});

it('draws uniformly distributed numbers in [0, 1)', () => {
  const random = seededRandom(1);
  const values = Array.from({ length: 500 }, random);
  expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  expect(new Set(values).size).toBe(500);
});
