import { describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { createStepSummary, logGroupConsoleUrl } from '../../../src/ui/github/step-summary.js';

const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev/4c1';

function summarise(bodies: DeployEventBody[], consoleLinks: boolean): string | undefined {
  const summary = createStepSummary({ consoleLinks });
  const bus = createEventBus([summary], () => new Date('2026-01-01T12:00:05.000Z'));
  for (const body of bodies) bus.emit(body);
  return summary.markdown();
}

const DEPLOY: DeployEventBody[] = [
  { type: 'session.started', command: 'deploy', stack: 'shop-dev', stage: 'dev', region: 'eu-west-1', target: '123456789012', mode: 'ci' },
  {
    type: 'plan.ready',
    changeSetType: 'UPDATE',
    changes: [
      { logicalId: 'Fn', owner: 'api', resourceType: 'AWS::Lambda::Function', action: 'modify', causes: [{ path: 'Properties.MemorySize' }], dataLoss: false, securityBroadening: false, protectedViolation: false },
      { logicalId: 'Uploads', owner: 'up|loads', resourceType: 'AWS::S3::Bucket', action: 'remove', causes: [], dataLoss: true, securityBroadening: false, protectedViolation: false },
    ],
    counts: { add: 0, modify: 1, replace: 0, mayReplace: 0, remove: 1, dataLoss: 1, total: 2 },
  },
  { type: 'stack.event', event: { eventId: '1', stackName: 'shop-dev', stackId: STACK_ID, logicalId: 'FnLogGroup', owner: 'api', physicalId: '/aws/lambda/shop-dev-api', resourceType: 'AWS::Logs::LogGroup', status: 'UPDATE_COMPLETE', at: 't', depth: 0 } },
  { type: 'script.started', script: 'migrate', functionName: 'shop-dev-migrate', logGroup: '/aws/lambda/shop-dev-migrate', trigger: 'deploy' },
  { type: 'result', outcome: 'succeeded', exitCode: 0, durationMs: 61_500, stackStatus: 'UPDATE_COMPLETE', outputs: { url: 'https://x', MigrateScriptParameters: '{}' }, counts: { add: 0, modify: 1, replace: 0, mayReplace: 0, remove: 1, dataLoss: 1, total: 2 } },
];

describe('GitHub step summary', () => {
  it('is nothing until the result is in', () => {
    expect(summarise(DEPLOY.slice(0, 2), true)).toBeUndefined();
  });

  it('gives the outcome, duration, plan table, log groups with console links and outputs', () => {
    expect(summarise(DEPLOY, true)).toBe(
      [
        '### stp deploy `shop-dev`: ✅ succeeded',
        '',
        '| | |',
        '|---|---|',
        '| outcome | succeeded (exit 0) |',
        `| stack status | [\`UPDATE_COMPLETE\`](https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/stackinfo?stackId=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack%2Fshop-dev%2F4c1) |`,
        '| stage · region | dev · eu-west-1 |',
        '| target | 123456789012 |',
        '| duration | 61.5 s |',
        '| plan | 1 to modify, 1 to remove, 1 with data loss |',
        '',
        '#### Plan (update): 1 to modify, 1 to remove, 1 with data loss',
        '',
        '| | resource | logical id | type | change | details |',
        '|---|---|---|---|---|---|',
        '| ~ | api | `Fn` | `AWS::Lambda::Function` | modify | `Properties.MemorySize` |',
        '| − | up\\|loads | `Uploads` | `AWS::S3::Bucket` | remove | **DATA LOSS** |',
        '',
        '#### Log groups',
        '',
        '| resource | | log group |',
        '|---|---|---|',
        '| api | log group | [`/aws/lambda/shop-dev-api`](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fshop-dev-api) |',
        '| migrate | deployment script | [`/aws/lambda/shop-dev-migrate`](https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fshop-dev-migrate) |',
        '',
        '#### Outputs',
        '',
        '| output | value |',
        '|---|---|',
        '| url | `https://x` |',
        '',
        '',
      ].join('\n'),
    );
  });

  it('names log groups without links for another endpoint, and shows the error, fix and first cause of a failure', () => {
    const failed: DeployEventBody[] = [
      ...DEPLOY.slice(0, 4),
      { type: 'first-cause', logicalId: 'MigrateScript', owner: 'migrate', resourceType: 'Custom::StpDeploymentScript', reason: 'migration failed', details: ['last lines of the script:', '  step 1'] },
      { type: 'error', code: 'STP_ROLLED_BACK', message: 'The operation failed and CloudFormation rolled shop-dev back.', phase: 'watch', fix: 'Fix the first cause above and deploy again.' },
      { type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 900, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: { url: 'https://x' } },
    ];
    const md = summarise(failed, false)!;
    expect(md.split('\n').slice(0, 12)).toEqual([
      '### stp deploy `shop-dev`: ❌ failed and rolled back',
      '',
      '| | |',
      '|---|---|',
      '| outcome | rolled-back (exit 1) |',
      '| stack status | `UPDATE_ROLLBACK_COMPLETE` |',
      '| stage · region | dev · eu-west-1 |',
      '| target | 123456789012 |',
      '| duration | 900 ms |',
      '',
      '**STP_ROLLED_BACK**: The operation failed and CloudFormation rolled shop-dev back.  ',
      '**fix**: Fix the first cause above and deploy again.',
    ]);
    expect(md).toContain('#### First cause\n\n**migrate** (`MigrateScript`, `Custom::StpDeploymentScript`): migration failed\n\n```text\nlast lines of the script:\n  step 1\n```\n');
    expect(md).toContain('| migrate | deployment script | `/aws/lambda/shop-dev-migrate` |');
    expect(md).not.toContain('console.aws.amazon.com');
    // The outputs of a rolled-back stack are not this run's.
    expect(md).not.toContain('#### Outputs');
  });

  it("encodes a log group name for the console's fragment", () => {
    expect(logGroupConsoleUrl('us-east-1', '/ecs/shop dev/web')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fshop$2520dev$252Fweb',
    );
  });
});
