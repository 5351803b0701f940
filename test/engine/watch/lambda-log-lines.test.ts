import { describe, expect, it } from 'vitest';
import { outputLines, parseLambdaLogLine } from '../../../src/engine/watch/lambda-log-lines.js';

describe('Lambda log lines', () => {
  it('reads the platform lines without showing them', () => {
    expect(parseLambdaLogLine('START RequestId: 6f1d3c1e-1111-2222-3333-444455556666 Version: $LATEST\n')).toEqual({ kind: 'start', requestId: '6f1d3c1e-1111-2222-3333-444455556666' });
    expect(parseLambdaLogLine('END RequestId: 6f1d3c1e-1111-2222-3333-444455556666')).toEqual({ kind: 'end', requestId: '6f1d3c1e-1111-2222-3333-444455556666' });
    expect(
      parseLambdaLogLine('REPORT RequestId: 6f1d3c1e-1111-2222-3333-444455556666\tDuration: 1.35 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 37 MB\t'),
    ).toEqual({ kind: 'report', requestId: '6f1d3c1e-1111-2222-3333-444455556666', durationMs: 1.35 });
    expect(parseLambdaLogLine('INIT_START Runtime Version: nodejs:20.v30')).toEqual({ kind: 'platform' });
  });

  it("keeps the user's output, without the Node runtime's time / request id / level prefix", () => {
    expect(parseLambdaLogLine('2026-01-01T00:00:01.000Z\t6f1d3c1e-1111-2222-3333-444455556666\tINFO\tmigrating 3 tables\n')).toEqual({
      kind: 'output',
      requestId: '6f1d3c1e-1111-2222-3333-444455556666',
      level: 'INFO',
      text: 'migrating 3 tables',
    });
    expect(parseLambdaLogLine('2026-12-06T09:17:17.196Z 4f756587-078e-4172-a074-67c73d4e8843 Task timed out after 10.00 seconds')).toEqual({
      kind: 'output',
      requestId: '4f756587-078e-4172-a074-67c73d4e8843',
      level: 'ERROR',
      text: 'Task timed out after 10.00 seconds',
    });
    expect(parseLambdaLogLine('plain print from another runtime')).toEqual({ kind: 'output', text: 'plain print from another runtime' });
  });

  it('splits multi-line output into lines', () => {
    expect(outputLines('a\nb\r\nc\n')).toEqual(['a', 'b', 'c']);
    expect(outputLines('')).toEqual(['']);
  });
});
