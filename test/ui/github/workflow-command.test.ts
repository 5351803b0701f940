import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, workflowCommand } from '../../../src/ui/github/workflow-command.js';

describe('GitHub workflow commands', () => {
  it('escapes % first, then CR and LF in the message', () => {
    expect(escapeData('100%\r\nnext: a,b')).toBe('100%25%0D%0Anext: a,b');
    // Already-escaped-looking text survives a round trip through the runner's unescaping.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('also escapes : and , in property values (their delimiters)', () => {
    expect(escapeProperty('First cause: db, api\n%')).toBe('First cause%3A db%2C api%0A%25');
  });

  it('builds ::name props::message, leaving out empty properties', () => {
    expect(workflowCommand('error', { file: 'infra/stacktape.yml', line: 12, col: 5, title: 'STP_X: y', endLine: undefined }, 'bad\nvalue')).toBe(
      '::error file=infra/stacktape.yml,line=12,col=5,title=STP_X%3A y::bad%0Avalue',
    );
    expect(workflowCommand('group', {}, 'Plan: 1 to add')).toBe('::group::Plan: 1 to add');
    expect(workflowCommand('endgroup', {}, '')).toBe('::endgroup::');
  });
});
