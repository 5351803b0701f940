import { isRuntimeDirective } from '../../config/directives/directive.js';
import { MAX_BATCH_JOBS_PER_ENVIRONMENT } from '../capabilities/unsupported-constructs.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import { computeNames } from '../compute-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { defaultVpc } from '../workload/default-vpc.js';
import { iamRole, userRoleStatements } from '../workload/iam-role.js';
import { logGroup, type LoggingConfig } from '../workload/log-group.js';
import { workloadSecurityGroup } from '../workload/security-group.js';
import { referencedResource } from '../workload/stack-reference.js';
import { workloadAccess } from '../workload/workload-access.js';
import { enableBucketEventBridge, s3EventPattern } from './bucket.js';
import { containerEnvironment, containerImage, executionRole } from './container-workload/task-definition.js';

/** A Fargate compute environment takes at most five security groups; each batch job brings one. */
const maxSecurityGroupsPerEnvironment = MAX_BATCH_JOBS_PER_ENVIRONMENT;

interface BatchEnvironment {
  queueId: string;
  securityGroups: CfnValue[];
}

/** GPU instance families a GPU job may land on (Batch picks the size). */
const gpuInstanceFamilies = ['g4dn', 'g5', 'g6'];

/** The EC2 instance profile GPU compute environments launch instances with (one per stack). */
function batchInstanceProfile(ctx: CompileContext): string {
  return ctx.once('batch-instance-profile', () => {
    const roleId = buildLogicalName({ specifier: { type: 'BatchInstance' }, cfnType: 'AWS::IAM::Role' });
    const profileId = buildLogicalName({ specifier: { type: 'BatchInstance' }, cfnType: 'AWS::IAM::InstanceProfile' });
    ctx.addResource(roleId, iamRole({
      servicePrincipals: ['ec2.amazonaws.com'],
      statements: [],
      policyName: 'stp-batch-instance',
      managedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role' }],
    }));
    ctx.addResource(profileId, { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: roleId }] } });
    return profileId;
  });
}

/**
 * One compute environment + job queue per kind, shared by the stack's batch jobs: Fargate (or
 * Fargate Spot) for CPU jobs; EC2 (or Spot) GPU instances with the ECS GPU AMI for GPU jobs.
 */
function batchEnvironment(ctx: CompileContext, spot: boolean, gpu: boolean): BatchEnvironment {
  return ctx.once(`batch-environment:${spot}:${gpu}`, () => {
    const ceId = ctx.names.batchComputeEnvironment(spot, gpu);
    const queueId = ctx.names.batchJobQueue(spot, gpu);
    const vpc = defaultVpc(ctx);
    const securityGroups: CfnValue[] = [];
    const computeResources: Record<string, CfnValue> = gpu
      ? {
          Type: spot ? 'SPOT' : 'EC2',
          AllocationStrategy: spot ? 'SPOT_CAPACITY_OPTIMIZED' : 'BEST_FIT_PROGRESSIVE',
          MinvCpus: 0,
          MaxvCpus: 256,
          InstanceTypes: gpuInstanceFamilies,
          InstanceRole: { 'Fn::GetAtt': [batchInstanceProfile(ctx), 'Arn'] },
          Ec2Configuration: [{ ImageType: 'ECS_AL2_NVIDIA' }],
          Subnets: vpc.subnetIds,
          SecurityGroupIds: securityGroups,
        }
      : { Type: spot ? 'FARGATE_SPOT' : 'FARGATE', MaxvCpus: 256, Subnets: vpc.subnetIds, SecurityGroupIds: securityGroups };
    ctx.addResource(ceId, {
      Type: 'AWS::Batch::ComputeEnvironment',
      Properties: { Type: 'MANAGED', State: 'ENABLED', ComputeResources: computeResources },
    });
    ctx.addResource(queueId, {
      Type: 'AWS::Batch::JobQueue',
      Properties: {
        Priority: 1,
        State: 'ENABLED',
        ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: { Ref: ceId } }],
      },
    });
    return { queueId, securityGroups };
  });
}

/** The role Step Functions uses to submit and watch batch jobs (one per stack). */
function stateMachineRole(ctx: CompileContext): { id: string; submittable: CfnValue[] } {
  return ctx.once('batch-state-machine-role', () => {
    const id = ctx.names.batchStateMachineExecutionRole();
    const submittable: CfnValue[] = [];
    ctx.addResource(id, iamRole({
      servicePrincipals: ['states.amazonaws.com'],
      policyName: 'stp-batch-state-machine',
      statements: [
        { Effect: 'Allow', Action: ['batch:SubmitJob'], Resource: submittable },
        { Effect: 'Allow', Action: ['batch:DescribeJobs', 'batch:TerminateJob'], Resource: '*' },
        // submitJob.sync watches the job through an EventBridge rule Step Functions manages.
        {
          Effect: 'Allow',
          Action: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForBatchJobsRule' },
        },
      ],
    }));
    return { id, submittable };
  });
}

/** The role EventBridge uses to start batch job state machines (schedule and event-bus events). */
function eventsRole(ctx: CompileContext): { id: string; startable: CfnValue[] } {
  return ctx.once('batch-events-role', () => {
    const id = ctx.names.batchEventsRole();
    const startable: CfnValue[] = [];
    ctx.addResource(id, iamRole({
      servicePrincipals: ['events.amazonaws.com'],
      policyName: 'stp-batch-events',
      statements: [{ Effect: 'Allow', Action: ['states:StartExecution'], Resource: startable }],
    }));
    return { id, startable };
  });
}

/**
 * `type: batch-job` → a Fargate (or Fargate Spot) AWS Batch job definition, a shared compute
 * environment and queue, and a Step Functions state machine that submits the job and waits for
 * it (retries per `retryConfig`). GPU jobs run on EC2 GPU instances (g4dn/g5/g6, ECS GPU AMI).
 */
export const batchJobCompiler: ResourceCompiler = {
  type: 'batch-job',
  compile(resource, ctx) {
    const p = resource.properties;
    const at: ConfigPath = [...resource.path, 'properties'];
    const res = (p.resources ?? {}) as { cpu?: number; memory?: number; gpu?: number };
    const gpu = res.gpu !== undefined && res.gpu > 0;
    const container = (p.container ?? {}) as { packaging?: { type?: string; properties?: Record<string, unknown> }; environment?: unknown };
    const containerAt: ConfigPath = [...at, 'container'];
    const img = containerImage(ctx, { packaging: container.packaging ?? {}, at: containerAt });
    if (!img) return;

    const name = resource.name;
    const spot = p.useSpotInstances === true;
    const env = batchEnvironment(ctx, spot, gpu);
    const securityGroupId = workloadSecurityGroup(ctx, resource, []);
    env.securityGroups.push({ 'Fn::GetAtt': [securityGroupId, 'GroupId'] });
    if (env.securityGroups.length > maxSecurityGroupsPerEnvironment) return; // reported by capabilities/

    const access = workloadAccess(ctx, resource);
    const execution = executionRole(ctx);
    const environment = containerEnvironment(ctx, { environment: container.environment, impliedEnvironment: {}, at: containerAt }, access, execution);
    const jobRoleId = ctx.names.batchJobExecutionRole(name);
    ctx.addResource(jobRoleId, iamRole({
      servicePrincipals: ['ecs-tasks.amazonaws.com'],
      policyName: 'stp-batch-job',
      statements: [...access.statements, ...userRoleStatements(ctx, p, at)],
    }), at);

    const logging = p.logging as LoggingConfig | undefined;
    const containerProps: Record<string, CfnValue> = {
      ...img,
      ResourceRequirements: [
        { Type: 'VCPU', Value: String(res.cpu ?? 0.25) },
        { Type: 'MEMORY', Value: String(res.memory ?? 512) },
        ...(gpu ? [{ Type: 'GPU', Value: String(res.gpu) }] : []),
      ],
      ExecutionRoleArn: { 'Fn::GetAtt': [execution.roleId, 'Arn'] },
      JobRoleArn: { 'Fn::GetAtt': [jobRoleId, 'Arn'] },
      // Fargate tasks in the default (public) subnets need a public IP to pull images.
      ...(gpu ? {} : { NetworkConfiguration: { AssignPublicIp: 'ENABLED' }, FargatePlatformConfiguration: { PlatformVersion: 'LATEST' } }),
    };
    if (environment.environment.length > 0) containerProps.Environment = environment.environment;
    if (environment.secrets.length > 0) containerProps.Secrets = environment.secrets;
    if (logging?.disabled !== true) {
      const logGroupId = ctx.names.batchJobLogGroup(name);
      ctx.addResource(logGroupId, logGroup(computeNames.batchLogGroup(ctx.stack.stackName, name), logging), at);
      containerProps.LogConfiguration = {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: logGroupId }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': name },
      };
    }
    const jobDefinitionId = ctx.names.batchJobDefinition(name);
    const jobDefinition: Record<string, CfnValue> = {
      Type: 'container',
      JobDefinitionName: computeNames.batchJobDefinition(ctx.stack.stackName, name),
      PlatformCapabilities: [gpu ? 'EC2' : 'FARGATE'],
      ContainerProperties: containerProps,
    };
    if (typeof p.timeout === 'number') jobDefinition.Timeout = { AttemptDurationSeconds: Math.max(60, p.timeout) };
    ctx.addResource(jobDefinitionId, { Type: 'AWS::Batch::JobDefinition', Properties: jobDefinition }, at);

    const sfnRole = stateMachineRole(ctx);
    sfnRole.submittable.push({ Ref: env.queueId }, { Ref: jobDefinitionId });
    const submit: Record<string, unknown> = {
      Type: 'Task',
      Resource: 'arn:aws:states:::batch:submitJob.sync',
      Parameters: { JobName: name, JobQueue: '${JobQueueArn}', JobDefinition: '${JobDefinitionArn}' },
      End: true,
    };
    const retry = p.retryConfig as { attempts?: number; retryIntervalSeconds?: number; retryIntervalMultiplier?: number } | undefined;
    if (retry && (retry.attempts ?? 1) > 1) {
      submit.Retry = [{
        ErrorEquals: ['States.TaskFailed'],
        MaxAttempts: (retry.attempts ?? 1) - 1,
        IntervalSeconds: retry.retryIntervalSeconds ?? 0,
        BackoffRate: retry.retryIntervalMultiplier ?? 1,
      }];
    }
    const stateMachineId = ctx.names.batchStateMachine(name);
    ctx.addResource(stateMachineId, {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: computeNames.batchStateMachine(ctx.stack.stackName, name),
        RoleArn: { 'Fn::GetAtt': [sfnRole.id, 'Arn'] },
        Definition: { StartAt: 'SubmitJob', States: { SubmitJob: submit } },
        DefinitionSubstitutions: { JobQueueArn: { Ref: env.queueId }, JobDefinitionArn: { Ref: jobDefinitionId } },
      },
      DependsOn: [sfnRole.id],
    }, at);

    compileBatchEvents(ctx, resource, stateMachineId);
  },
  referenceableParams: {
    jobDefinitionArn: ({ resourceName }) => ({ Ref: logicalNames.batchJobDefinition(resourceName) }),
    stateMachineArn: ({ resourceName }) => ({ Ref: logicalNames.batchStateMachine(resourceName) }),
    logGroupArn: ({ resourceName, properties }) =>
      (properties.logging as LoggingConfig | undefined)?.disabled === true
        ? undefined
        : { 'Fn::GetAtt': [logicalNames.batchJobLogGroup(resourceName), 'Arn'] },
  },
};

/** schedule and event-bus events start the job's state machine; other sources are reported. */
function compileBatchEvents(ctx: CompileContext, resource: ResourceView, stateMachineId: string): void {
  const events = resource.properties.events;
  if (!Array.isArray(events)) return;
  events.forEach((event: { type?: string; properties?: Record<string, unknown> }, index) => {
    const at: ConfigPath = [...resource.path, 'properties', 'events', index];
    const props = event.properties ?? {};
    const rule: Record<string, CfnValue> = { State: 'ENABLED' };
    if (event.type === 'schedule') {
      rule.ScheduleExpression = props.scheduleRate;
    } else if (event.type === 'event-bus') {
      rule.EventPattern = ctx.resolveValue(props.eventPattern, [...at, 'properties', 'eventPattern']);
      if (typeof props.eventBusName === 'string') {
        const bus = referencedResource(ctx, props.eventBusName, ['event-bus'], [...at, 'properties', 'eventBusName']);
        if (!bus) return;
        rule.EventBusName = ctx.referenceParam(bus.name, 'arn', [...at, 'properties', 'eventBusName']);
      } else if (props.eventBusArn !== undefined) {
        rule.EventBusName = ctx.resolveValue(props.eventBusArn, [...at, 'properties', 'eventBusArn']);
      }
    } else if (event.type === 's3') {
      const pattern = s3JobEventPattern(ctx, props);
      if (!pattern) return;
      rule.EventPattern = pattern;
    } else {
      return; // reported by capabilities/unsupported-constructs.ts
    }
    const role = eventsRole(ctx);
    const arn = { Ref: stateMachineId };
    if (!role.startable.some((s) => JSON.stringify(s) === JSON.stringify(arn))) role.startable.push(arn);
    const target: Record<string, CfnValue> = { Arn: arn, Id: 'StateMachine', RoleArn: { 'Fn::GetAtt': [role.id, 'Arn'] } };
    if (props.input !== undefined) target.Input = JSON.stringify(ctx.resolveValue(props.input, [...at, 'properties', 'input']));
    rule.Targets = [target];
    ctx.addResource(ctx.names.eventBusRule(resource.name, index), { Type: 'AWS::Events::Rule', Properties: rule }, at);
  });
}

/**
 * An s3 event of a batch job, through EventBridge (bucket.ts's `enableBucketEventBridge` and
 * `s3EventPattern`): the stack bucket sends its events to the default bus and a rule matching
 * bucket, event type and key filter starts the job's state machine.
 */
function s3JobEventPattern(ctx: CompileContext, props: Record<string, unknown>): CfnValue | undefined {
  const arn = props.bucketArn;
  const bucket = isRuntimeDirective(arn) && arn.name === 'ResourceParam' && arn.args[1] === 'arn' ? ctx.resource(String(arn.args[0])) : undefined;
  // A bucket outside the stack, or an event type without a pattern: reported by capabilities/.
  if (!bucket || bucket.type !== 'bucket') return undefined;
  const pattern = s3EventPattern(bucket.name, String(props.s3EventType), props.filterRule as { prefix?: string; suffix?: string } | undefined);
  if (!pattern.ok) return undefined;
  enableBucketEventBridge(ctx, bucket.name);
  return pattern.pattern;
}
