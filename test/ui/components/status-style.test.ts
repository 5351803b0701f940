import { describe, expect, it } from 'vitest';
import { statusKind, statusStyle } from '../../../src/ui/components/status-style.js';

describe('status style', () => {
  it('reads CloudFormation statuses as failed, rollback, in progress, complete or pending', () => {
    expect(['CREATE_FAILED', 'UPDATE_ROLLBACK_FAILED', 'DELETE_FAILED'].map(statusKind)).toEqual(['failed', 'failed', 'failed']);
    expect(['UPDATE_ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'].map(statusKind)).toEqual(['rollback', 'rollback', 'rollback']);
    expect(['CREATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'].map(statusKind)).toEqual(['in-progress', 'in-progress']);
    expect(['CREATE_COMPLETE', 'DELETE_COMPLETE', 'DELETE_SKIPPED'].map(statusKind)).toEqual(['complete', 'complete', 'complete']);
    expect(statusKind(undefined)).toBe('pending');
  });

  it('gives every kind but in-progress (a spinner) a symbol of its own', () => {
    expect(statusStyle('CREATE_FAILED')).toEqual({ kind: 'failed', symbol: '✗', color: 'red' });
    expect(statusStyle('ROLLBACK_COMPLETE')).toEqual({ kind: 'rollback', symbol: '↺', color: 'yellow' });
    expect(statusStyle('CREATE_IN_PROGRESS')).toEqual({ kind: 'in-progress', color: 'cyan' });
    expect(statusStyle('UPDATE_COMPLETE')).toEqual({ kind: 'complete', symbol: '✓', color: 'green' });
    expect(statusStyle(undefined)).toEqual({ kind: 'pending', symbol: '·', dim: true });
  });
});
