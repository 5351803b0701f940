import { describe, expect, it } from 'vitest';
import { toStpError } from '../../src/errors/classify-error.js';
import { StpError } from '../../src/errors/stp-error.js';
import { formatStpError } from '../../src/cli/output/report-error.js';
import { createStyle } from '../../src/cli/output/style.js';

const style = createStyle(false);

describe('formatStpError', () => {
  it('says what failed, the resource when the message does not name it, and the fix', () => {
    const error = new StpError('aws', 'the stack is stuck', { code: 'STP_X', resource: 'api-dev', fix: 'Continue the rollback.' });
    expect(formatStpError(error, { command: 'deploy', debug: false, style })).toBe('error the stack is stuck\n      resource: api-dev\nfix   Continue the rollback.\n');
  });

  it('asks for a report only for a bug, and shows the stack with --debug', () => {
    const bug = toStpError(new TypeError('x is not a function'));
    expect(formatStpError(bug, { command: 'compile', debug: false, style })).toBe(
      'error stp compile failed unexpectedly: x is not a function\nRun again with --debug for the internal stack trace, and please report it.\n',
    );
    const debug = formatStpError(bug, { command: 'compile', debug: true, style });
    expect(debug).toContain('      (STP_BUG, kind bug, exit 1)\ncause x is not a function\nTypeError: x is not a function\n    at ');
    expect(debug).not.toContain('please report');
  });

  it('prints the cause chain with --debug, outermost first', () => {
    const root = new Error('connect ECONNREFUSED 127.0.0.1:1');
    const middle = new Error('upload failed', { cause: root });
    const error = new StpError('environment', 'cannot reach it', { code: 'STP_Y', cause: middle });
    const text = formatStpError(error, { command: 'compile', debug: true, style });
    expect(text.split('\n').slice(0, 4)).toEqual(['error cannot reach it', '      (STP_Y, kind environment, exit 1)', 'cause upload failed', 'cause connect ECONNREFUSED 127.0.0.1:1']);
  });
});
