import { describe, expect, it } from 'vitest';
import { latencyFor, resourceLatency } from '../../../../../src/emulator/services/cloudformation/provisioning/latencies.js';

describe('latencies', () => {
  it('gives each type its typical duration and a default for the rest', () => {
    expect(latencyFor('AWS::Lambda::Function', 'create')).toBe(2_000);
    expect(latencyFor('AWS::IAM::Role', 'create')).toBe(10_000);
    expect(latencyFor('AWS::RDS::DBInstance', 'create')).toBe(300_000);
    expect(latencyFor('AWS::ECS::Service', 'update')).toBe(60_000);
    expect(latencyFor('AWS::Some::Thing', 'create')).toBe(2_000);
  });

  it('lets stp:emulator latencySeconds override it', () => {
    expect(resourceLatency('AWS::SNS::Topic', 'create', { 'stp:emulator': { latencySeconds: 3600 } })).toBe(3_600_000);
    expect(resourceLatency('AWS::SNS::Topic', 'create', { 'stp:emulator': { latencySeconds: 'x' } })).toBe(2_000);
    expect(resourceLatency('AWS::SNS::Topic', 'create', undefined)).toBe(2_000);
  });
});
