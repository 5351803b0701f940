import { describe, expect, it } from 'vitest';
import { expandIndentedLines, expandLambdaErrorLine } from '../../../src/ui/plain/lambda-error-line.js';

const INVOKE_ERROR =
  'Invoke Error \t{"errorType":"Error","errorMessage":"smoke check failed: expected 200, got 503","stack":["Error: smoke check failed: expected 200, got 503",' +
  '"    at greet_default (file:///var/task/index.mjs:11:9)","    at invoke (/var/runtime/bootstrap.cjs:234:22)","    at Interface.emit (node:events:524:28)",' +
  '"    at [_onLine] [as _onLine] (node:internal/readline/interface:419:12)","    at main (file:///var/task/index.mjs:20:3)"]}';

describe('expandLambdaErrorLine', () => {
  it("turns the runtime's one-line JSON error into the error and the user's frames", () => {
    expect(expandLambdaErrorLine(INVOKE_ERROR)).toEqual([
      'Invoke Error: Error: smoke check failed: expected 200, got 503',
      '    at greet_default (file:///var/task/index.mjs:11:9)',
      '    at main (file:///var/task/index.mjs:20:3)',
    ]);
  });

  it('keeps at most five frames', () => {
    const frames = Array.from({ length: 8 }, (_, i) => `"    at f${i} (file:///var/task/index.mjs:${i}:1)"`).join(',');
    const out = expandLambdaErrorLine(`Uncaught Exception \t{"errorType":"TypeError","errorMessage":"x is undefined","stack":["TypeError: x is undefined",${frames}]}`);
    expect(out).toEqual([
      'Uncaught Exception: TypeError: x is undefined',
      '    at f0 (file:///var/task/index.mjs:0:1)',
      '    at f1 (file:///var/task/index.mjs:1:1)',
      '    at f2 (file:///var/task/index.mjs:2:1)',
      '    at f3 (file:///var/task/index.mjs:3:1)',
      '    at f4 (file:///var/task/index.mjs:4:1)',
    ]);
  });

  it('leaves other lines, and JSON it does not understand, as they are', () => {
    expect(expandLambdaErrorLine('all good')).toEqual(['all good']);
    expect(expandLambdaErrorLine('Invoke Error \t{not json}')).toEqual(['Invoke Error \t{not json}']);
    expect(expandLambdaErrorLine('Invoke Error \t{"errorType":"Error"}')).toEqual(['Invoke Error \t{"errorType":"Error"}']);
  });

  it('expands indented detail lines keeping their indentation', () => {
    expect(expandIndentedLines(['last lines of the script:', `  ${INVOKE_ERROR}`])).toEqual([
      'last lines of the script:',
      '  Invoke Error: Error: smoke check failed: expected 200, got 503',
      '      at greet_default (file:///var/task/index.mjs:11:9)',
      '      at main (file:///var/task/index.mjs:20:3)',
    ]);
  });
});
