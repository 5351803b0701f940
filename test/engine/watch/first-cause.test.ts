import { describe, expect, it } from 'vitest';
import type { StackEventRecord } from '../../../src/engine/events.js';
import { firstGenuineFailure, isGenuineFailure } from '../../../src/engine/watch/first-cause.js';

const STACK = 'arn:aws:cloudformation:us-east-1:1:stack/app/1';
let n = 0;
function ev(logicalId: string, status: string, reason?: string, type = 'AWS::SNS::Topic'): StackEventRecord {
  return {
    eventId: `e${n++}`,
    stackName: 'app',
    stackId: STACK,
    logicalId,
    resourceType: type,
    status,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    depth: 0,
    ...(reason ? { reason } : {}),
    ...(logicalId === 'app' ? { physicalId: STACK } : {}),
  };
}

describe('first cause', () => {
  it('skips cancellations, the stack summary and embedded-stack echoes, and picks the oldest genuine failure', () => {
    const events = [
      ev('app', 'CREATE_IN_PROGRESS', 'User Initiated', 'AWS::CloudFormation::Stack'),
      ev('Queue', 'CREATE_FAILED', 'Resource creation cancelled'),
      ev('Net', 'CREATE_FAILED', 'Embedded stack arn:aws:cloudformation:… was not successfully created: The following resource(s) failed to create: [Vpc].', 'AWS::CloudFormation::Stack'),
      ev('Db', 'CREATE_FAILED', 'Resource handler returned message: "The parameter MasterUserPassword is not a valid password." (HandlerErrorCode: InvalidRequest)'),
      ev('Bucket', 'CREATE_FAILED', 'my-bucket already exists'),
      ev('app', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Db, Bucket]. Rollback requested by user.', 'AWS::CloudFormation::Stack'),
      ev('Topic', 'DELETE_FAILED', 'Resource deletion cancelled'),
    ];
    expect(firstGenuineFailure(events)?.logicalId).toBe('Db');
  });

  it('is not a failure unless the status ends in _FAILED, and stack-level events never are', () => {
    expect(isGenuineFailure(ev('Topic', 'CREATE_COMPLETE'))).toBe(false);
    expect(isGenuineFailure(ev('Topic', 'UPDATE_IN_PROGRESS', 'Requested update requires the creation of a new physical resource; hence creating one.'))).toBe(false);
    expect(isGenuineFailure(ev('app', 'UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [Fn].', 'AWS::CloudFormation::Stack'))).toBe(false);
    expect(isGenuineFailure(ev('Fn', 'UPDATE_FAILED', 'Resource update cancelled'))).toBe(false);
    expect(isGenuineFailure(ev('Fn', 'UPDATE_FAILED', 'Handler error: out of capacity'))).toBe(true);
    expect(isGenuineFailure(ev('Fn', 'DELETE_FAILED'))).toBe(true);
  });

  it('finds none when every failure is a consequence', () => {
    expect(firstGenuineFailure([ev('A', 'CREATE_FAILED', 'Resource creation cancelled'), ev('B', 'UPDATE_FAILED', 'Resource update cancelled')])).toBeUndefined();
  });
});
