import { describe, expect, it } from 'vitest';
import type { ResourceHandles } from '../../../src/engine/compile/compute-names.js';
import { parseSince, resolveLogSource } from '../../../src/engine/logs/log-source.js';

const handles: ResourceHandles = {
  functions: [
    { resourceName: 'api', kind: 'function', functionName: 'shop-dev-api', logGroupName: '/aws/lambda/shop-dev-api' },
    { resourceName: 'quiet', kind: 'function', functionName: 'shop-dev-quiet' },
    { resourceName: 'migrate', kind: 'deployment-script', trigger: 'after:deploy', parametersOutput: 'MigrateScriptParameters', functionName: 'shop-dev-migrate', logGroupName: '/aws/lambda/shop-dev-migrate' },
  ],
  services: [
    { resourceName: 'web', type: 'web-service', clusterName: 'shop-dev', serviceName: 'shop-dev-web', containers: [{ name: 'web', logGroupName: '/stp/shop-dev/web/web' }, { name: 'proxy', logGroupName: '/stp/shop-dev/web/proxy' }] },
  ],
  batchJobs: [{ resourceName: 'report', stateMachineName: 'shop-dev-report', logGroupName: '/stp/shop-dev/report' }],
};

describe('resolveLogSource', () => {
  it('finds the log group of a function, a script, a container and a batch job', () => {
    expect(resolveLogSource(handles, 'api')).toEqual({ source: 'api', logGroupName: '/aws/lambda/shop-dev-api', format: 'lambda' });
    expect(resolveLogSource(handles, 'migrate')).toEqual({ source: 'migrate', logGroupName: '/aws/lambda/shop-dev-migrate', format: 'lambda' });
    expect(resolveLogSource(handles, 'web')).toEqual({ source: 'web', logGroupName: '/stp/shop-dev/web/web', format: 'raw' });
    expect(resolveLogSource(handles, 'web', 'proxy')).toEqual({ source: 'web/proxy', logGroupName: '/stp/shop-dev/web/proxy', format: 'raw' });
    expect(resolveLogSource(handles, 'report')).toEqual({ source: 'report', logGroupName: '/stp/shop-dev/report', format: 'raw' });
  });

  it('explains what is wrong: unknown resource, unknown container, disabled logging, a container flag on a function', () => {
    expect(() => resolveLogSource(handles, 'apj')).toThrow(expect.objectContaining({ message: 'no resource "apj" with logs in this stack', fix: 'did you mean "api"?', kind: 'usage' }));
    expect(() => resolveLogSource(handles, 'web', 'proxi')).toThrow(expect.objectContaining({ message: '"web" has no container "proxi" (containers: web, proxy)', fix: 'did you mean --container proxy?' }));
    expect(() => resolveLogSource(handles, 'quiet')).toThrow(expect.objectContaining({ message: 'logging is disabled for "quiet"', kind: 'config' }));
    expect(() => resolveLogSource(handles, 'api', 'x')).toThrow(expect.objectContaining({ message: '"api" is a function, it has no containers' }));
  });
});

describe('parseSince', () => {
  const now = Date.parse('2026-01-01T12:00:00.000Z');
  it('reads durations and ISO times', () => {
    expect(parseSince('10m', now)).toBe(now - 600_000);
    expect(parseSince('90s', now)).toBe(now - 90_000);
    expect(parseSince('2h', now)).toBe(now - 7_200_000);
    expect(parseSince('1d', now)).toBe(now - 86_400_000);
    expect(parseSince('2026-01-01T11:00:00Z', now)).toBe(now - 3_600_000);
  });
  it('refuses anything else with a usage error', () => {
    expect(() => parseSince('yesterday', now)).toThrow(expect.objectContaining({ kind: 'usage', code: 'STP_LOGS_BAD_SINCE' }));
    expect(() => parseSince('10', now)).toThrow('--since "10" is neither a duration (10m, 90s, 2h, 1d) nor an ISO time');
  });
});
