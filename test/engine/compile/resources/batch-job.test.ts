import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import { stackFixture } from '../stack-fixture.js';

const container = { packaging: { type: 'prebuilt-image', properties: { image: 'busybox:1', command: ['echo', 'hi'] } }, environment: [{ name: 'A', value: 1 }] };

describe('batch-job compiler', () => {
  it('compiles job definition, shared queue and compute environment, and a state machine wrapper', () => {
    const result = compileStack(
      stackFixture({
        job: {
          type: 'batch-job',
          properties: {
            container,
            resources: { cpu: 1, memory: 2048 },
            timeout: 3600,
            retryConfig: { attempts: 3, retryIntervalSeconds: 10, retryIntervalMultiplier: 2 },
            events: [{ type: 'schedule', properties: { scheduleRate: 'cron(0 3 * * ? *)' } }],
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    expect(r.JobJobDefinition!.Properties).toMatchObject({
      Type: 'container',
      PlatformCapabilities: ['FARGATE'],
      Timeout: { AttemptDurationSeconds: 3600 },
      ContainerProperties: {
        Image: 'busybox:1',
        Command: ['echo', 'hi'],
        Environment: [{ Name: 'A', Value: '1' }],
        ResourceRequirements: [
          { Type: 'VCPU', Value: '1' },
          { Type: 'MEMORY', Value: '2048' },
        ],
      },
    });
    expect(r.StpBatchOnDemandComputeEnvironment!.Properties).toMatchObject({ ComputeResources: { Type: 'FARGATE' } });
    expect(r.StpBatchOnDemandJobQueue).toBeDefined();
    const sm = r.JobJobExecutionStateMachine!.Properties!;
    expect(sm.Definition).toEqual({
      StartAt: 'SubmitJob',
      States: {
        SubmitJob: {
          Type: 'Task',
          Resource: 'arn:aws:states:::batch:submitJob.sync',
          Parameters: { JobName: 'job', JobQueue: '${JobQueueArn}', JobDefinition: '${JobDefinitionArn}' },
          End: true,
          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 10, BackoffRate: 2 }],
        },
      },
    });
    expect(r.JobEvent0Rule!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Targets: [{ Arn: { Ref: 'JobJobExecutionStateMachine' }, RoleArn: { 'Fn::GetAtt': ['StpBatchEventsRole', 'Arn'] } }],
    });
    expect(result.template.Outputs?.JobStateMachineArn?.Value).toEqual({ Ref: 'JobJobExecutionStateMachine' });
  });

  it('runs GPU jobs on an EC2 GPU compute environment', () => {
    const result = compileStack(stackFixture({ gpu: { type: 'batch-job', properties: { container, resources: { cpu: 4, memory: 16384, gpu: 1 } } } }));
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    expect(r.StpBatchOnDemandGpuComputeEnvironment!.Properties).toMatchObject({
      ComputeResources: { Type: 'EC2', Ec2Configuration: [{ ImageType: 'ECS_AL2_NVIDIA' }], InstanceRole: { 'Fn::GetAtt': ['StpBatchInstanceInstanceProfile', 'Arn'] } },
    });
    expect(r.GpuJobDefinition!.Properties).toMatchObject({
      PlatformCapabilities: ['EC2'],
      ContainerProperties: { ResourceRequirements: [{ Type: 'VCPU', Value: '4' }, { Type: 'MEMORY', Value: '16384' }, { Type: 'GPU', Value: '1' }] },
    });
    expect(r.GpuJobDefinition!.Properties!.ContainerProperties).not.toHaveProperty('FargatePlatformConfiguration');
  });

  it('starts a job from s3 events of a stack bucket through EventBridge', () => {
    const result = compileStack(
      stackFixture({
        input: { type: 'bucket', properties: {} },
        job: {
          type: 'batch-job',
          properties: {
            container,
            resources: { cpu: 1, memory: 2048 },
            events: [
              {
                type: 's3',
                properties: {
                  bucketArn: { kind: 'directive', name: 'ResourceParam', args: ['input', 'arn'], path: [], source: "$ResourceParam('input', 'arn')" },
                  s3EventType: 's3:ObjectCreated:*',
                  filterRule: { suffix: '.zip' },
                },
              },
            ],
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    const r = result.template.Resources;
    expect(r.JobEvent0Rule!.Properties!.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [{ Ref: 'InputBucket' }] }, object: { key: [{ suffix: '.zip' }] } },
    });
    expect(r.InputBucket!.Properties!.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
  });

  it('reports unsupported event sources at their config positions', () => {
    const result = compileStack(
      stackFixture({
        q: {
          type: 'batch-job',
          properties: { container, resources: { cpu: 1, memory: 2048 }, events: [{ type: 'sqs', properties: { sqsQueueArn: 'arn:aws:sqs:eu-west-1:1:q' } }] },
        },
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'resources.q.properties.events.0.type'],
    ]);
  });
});
