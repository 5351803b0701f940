import { describe, expect, it } from 'vitest';
import { createPlainRenderer } from '../../../src/ui/plain/deploy-lines.js';
import { sessionSummaryEvents } from '../../../src/ui/plain/session-summary.js';
import { sessionFixture } from '../support/session-fixture.js';

const started = { type: 'session.started', command: 'deploy', stack: 'shop-dev', stage: 'dev', region: 'eu-west-1', target: '123456789012', mode: 'interactive' } as const;

function printed(bodies: Parameters<typeof sessionFixture>[0]): string[] {
  const lines: string[] = [];
  const renderer = createPlainRenderer({ write: (line) => lines.push(line.replace(/^\S+ /, '')), color: false, phaseLines: false });
  for (const event of sessionSummaryEvents(sessionFixture(bodies).store.getState())) renderer.emit(event);
  return lines;
}

describe('the summary left on the screen after the console', () => {
  it('is nothing before a result', () => {
    expect(printed([started])).toEqual([]);
  });

  it('names the session and the result with its outputs', () => {
    expect(printed([started, { type: 'result', outcome: 'succeeded', exitCode: 0, durationMs: 2500, stackStatus: 'CREATE_COMPLETE', outputs: { Url: 'https://x' } }])).toEqual([
      'stp deploy shop-dev · stage dev · eu-west-1 · 123456789012',
      'Outputs:',
      '  Url  https://x',
      '✓ deployed shop-dev (CREATE_COMPLETE) in 2.5 s',
    ]);
  });

  it('keeps the first cause and the last error of a failure', () => {
    const lines = printed([
      started,
      { type: 'error', code: 'A', message: 'an earlier error' },
      { type: 'first-cause', logicalId: 'StpDb', owner: 'db', resourceType: 'AWS::RDS::DBInstance', reason: 'Storage too small', details: [] },
      { type: 'error', code: 'STP_ROLLED_BACK', message: 'The operation failed and CloudFormation rolled shop-dev back.', phase: 'watch', fix: 'Fix the first cause above and deploy again.' },
      { type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 9000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} },
    ]);
    expect(lines).toEqual([
      'stp deploy shop-dev · stage dev · eu-west-1 · 123456789012',
      'First cause: db (StpDb, AWS::RDS::DBInstance)',
      '  Storage too small',
      'error The operation failed and CloudFormation rolled shop-dev back. (in watch)',
      '  fix: Fix the first cause above and deploy again.',
      '✗ failed and rolled back: shop-dev (UPDATE_ROLLBACK_COMPLETE) after 9.0 s',
    ]);
  });

  it('says nothing changed when the session stopped before execute, without printing the phases', () => {
    const lines = printed([
      started,
      { type: 'phase.changed', phase: 'resolve' },
      { type: 'phase.changed', phase: 'gate', previous: 'resolve' },
      { type: 'error', code: 'STP_INTERRUPTED', message: 'Interrupted before anything changed in AWS.', phase: 'gate' },
      { type: 'result', outcome: 'interrupted', exitCode: 130, durationMs: 1200, stackStatus: 'CREATE_COMPLETE', outputs: {} },
    ]);
    expect(lines[0]).toBe('stp deploy shop-dev · stage dev · eu-west-1 · 123456789012');
    expect(lines.some((line) => line.startsWith('▸'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^✗ interrupted: nothing changed in shop-dev \(CREATE_COMPLETE\)/);
  });
});
