import { describe, expect, it } from 'vitest';
import { endLine, reportLine, startLine, tailLogResult } from '../../../../src/emulator/services/lambda/execution-log-lines.js';

describe('execution log lines', () => {
  it('writes START, END and REPORT in AWS text', () => {
    expect(startLine('id-1', '$LATEST')).toBe('START RequestId: id-1 Version: $LATEST');
    expect(endLine('id-1')).toBe('END RequestId: id-1');
    expect(reportLine({ requestId: 'id-1', durationMs: 1.349, memorySizeMb: 128, maxMemoryUsedMb: 37, initDurationMs: 105.234 })).toBe(
      'REPORT RequestId: id-1\tDuration: 1.35 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 37 MB\tInit Duration: 105.23 ms\t',
    );
    expect(reportLine({ requestId: 'id-2', durationMs: 3000, memorySizeMb: 256, maxMemoryUsedMb: 50, status: 'timeout' })).toBe(
      'REPORT RequestId: id-2\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 256 MB\tMax Memory Used: 50 MB\tStatus: timeout',
    );
  });

  it('tails the last 4 KB of the log, base64-encoded', () => {
    const short = tailLogResult(['a', 'b']);
    expect(Buffer.from(short, 'base64').toString('utf8')).toBe('a\nb\n');
    const long = tailLogResult(['x'.repeat(5000), 'last line']);
    const decoded = Buffer.from(long, 'base64').toString('utf8');
    expect(Buffer.byteLength(decoded)).toBe(4096);
    expect(decoded.endsWith('last line\n')).toBe(true);
  });
});
