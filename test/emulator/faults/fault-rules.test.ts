import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { faultRulesFromEnv, parseFaultRules } from '../../../src/emulator/faults/fault-rules.js';

const read = (path: string) => readFileSync(path, 'utf8');

it('parses inline JSON from STP_LOCAL_FAULTS, and a bare array of rules', () => {
  expect(faultRulesFromEnv({ STP_LOCAL_FAULTS: '{"seed":3,"rules":[{"type":"drop","service":"s3"}]}' }, read)).toEqual({
    seed: 3,
    rules: [{ type: 'drop', service: 's3' }],
  });
  expect(faultRulesFromEnv({ STP_LOCAL_FAULTS: '[{"type":"latency","ms":5}]' }, read)).toEqual({ rules: [{ type: 'latency', ms: 5 }] });
  expect(faultRulesFromEnv({}, read)).toBeUndefined();
});

it('reads a rules file named by STP_LOCAL_FAULTS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stp-faults-'));
  try {
    const path = join(dir, 'faults.json');
    writeFileSync(path, JSON.stringify({ rules: [{ type: 'fail-resource', logicalId: 'Db' }] }));
    expect(faultRulesFromEnv({ STP_LOCAL_FAULTS: path }, read)?.rules).toEqual([{ type: 'fail-resource', logicalId: 'Db' }]);
    expect(() => faultRulesFromEnv({ STP_LOCAL_FAULTS: join(dir, 'missing.json') }, read)).toThrow(/cannot be read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it.each([
  [{ rules: [{ type: 'explode' }] }, /unknown "type" "explode"/],
  [{ rules: [{ type: 'throttle', rate: 2 }] }, /"rate" must be a number between 0 and 1/],
  [{ rules: [{ type: 'error', status: 404 }] }, /"status" must be a 5xx status/],
  [{ rules: [{ type: 'latency' }] }, /"ms" must be a non-negative number/],
  [{ rules: [{ type: 'fail-resource' }] }, /needs "logicalId" or "resourceType"/],
  [{ rules: [{ type: 'drop', sevrice: 's3' }] }, /unknown key "sevrice"/],
  [{ rules: [{ type: 'fail-resource', logicalId: 'A', action: 'Explode' }] }, /"action" must be Create, Update or Delete/],
  [{ seed: 1.5, rules: [] }, /"seed" must be an integer/],
  [{ rule: [] }, /unknown key "rule"/],
])('rejects %j naming the mistake', (value, message) => {
  expect(() => parseFaultRules(value)).toThrow(message);
});

it('names the source of invalid JSON', () => {
  expect(() => faultRulesFromEnv({ STP_LOCAL_FAULTS: '{nope' }, read)).toThrow(/STP_LOCAL_FAULTS is not valid JSON/);
});
