import { describe, expect, it } from 'vitest';
import { defaultLogGroupName, logStreamName } from '../../../../src/emulator/services/lambda/log-stream-name.js';

describe('log stream names', () => {
  const at = new Date('2026-06-02T23:59:59Z');
  it('uses YYYY/MM/DD/[$LATEST]<32-hex> in the default group', () => {
    expect(logStreamName(at, { functionName: 'f', version: '$LATEST', customGroup: false })).toMatch(/^2026\/06\/02\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(defaultLogGroupName('f')).toBe('/aws/lambda/f');
  });
  it('names the function in a custom group', () => {
    expect(logStreamName(at, { functionName: 'f', version: '$LATEST', customGroup: true })).toMatch(/^2026\/06\/02\/f\[\$LATEST\]\[[0-9a-f]{32}\]$/);
  });
  it('gives every execution environment its own stream', () => {
    const a = logStreamName(at, { functionName: 'f', version: '$LATEST', customGroup: false });
    const b = logStreamName(at, { functionName: 'f', version: '$LATEST', customGroup: false });
    expect(a).not.toBe(b);
  });
});
