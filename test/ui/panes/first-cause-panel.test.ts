import { describe, expect, it } from 'vitest';
import { fitDetails, wrapLines } from '../../../src/ui/panes/first-cause-panel.js';

describe('first cause panel text', () => {
  const details = ['script error: boom', 'last lines of the script:', '  one', '  two', '  three', '  four', '  five'];

  it('keeps the error lines and the newest log lines, counting the middle', () => {
    expect(fitDetails(details, 7)).toEqual(details);
    expect(fitDetails(details, 5)).toEqual(['script error: boom', 'last lines of the script:', '  … 3 lines not shown', '  four', '  five']);
    expect(fitDetails(details, 4)).toEqual(['script error: boom', 'last lines of the script:', '  … 4 lines not shown', '  five']);
    expect(fitDetails(['task abc stopped: Essential container exited', '  x', '  y', '  z'], 3)).toEqual(['task abc stopped: Essential container exited', '  … 2 lines not shown', '  z']);
    expect(fitDetails(details, 2)).toEqual(['  four', '  five']);
    expect(fitDetails(details, 0)).toEqual([]);
  });

  it('word-wraps the reason into a bounded number of lines, marking a cut', () => {
    expect(wrapLines('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('one two three four', 9, 2)).toEqual(['one two', 'three fo…']);
    expect(wrapLines('averyveryverylongword x', 8, 2)).toEqual(['averyve…', 'x']);
    expect(wrapLines('', 10, 2)).toEqual([]);
  });
});
