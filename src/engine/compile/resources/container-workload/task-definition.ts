import { isRuntimeDirective } from '../../../config/directives/directive.js';
import type { CfnValue } from '../../compile-contract.js';
import { imageBuildRefusal } from './image-build-refusal.js';
import type { CompileContext, ConfigPath } from '../../compile-context.js';
import { secretDynamicReference } from '../../intrinsics/secret-reference.js';
import { computeNames } from '../../compute-names.js';
import { environmentMap } from '../../workload/environment.js';
import { iamRole, userRoleStatements, type IamStatement } from '../../workload/iam-role.js';
import { logGroup } from '../../workload/log-group.js';
import type { WorkloadAccess } from '../../workload/workload-access.js';
import type { ContainerModel, WorkloadModel } from './workload-model.js';

/**
 * Container ports a container listens on (from its events and the service type), each with the
 * application protocol Service Connect should speak to it (`http`, `http2`, `grpc`), if known.
 */
export type ContainerPorts = Map<string, Map<number, string | undefined>>;

export function portMappingName(port: number): string {
  return `port-${port}`;
}

export interface ExecutionRole {
  roleId: string;
  /** Secrets tasks of this stack read at start (each workload adds its own). */
  secretResources: CfnValue[];
}

/** One execution role per stack: image pulls, awslogs, and the secrets containers reference. */
export function executionRole(ctx: CompileContext): ExecutionRole {
  return ctx.once('ecs-execution-role', () => {
    const roleId = ctx.names.ecsExecutionRole();
    const secretResources: CfnValue[] = [];
    const role = iamRole({
      servicePrincipals: ['ecs-tasks.amazonaws.com'],
      policyName: 'stp-ecs-execution',
      statements: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secretResources }],
      managedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }],
    });
    ctx.addResource(roleId, role);
    ctx.addFinalizer(() => {
      // A policy statement with no resources is invalid: drop the inline policy if no secret is used.
      if (secretResources.length === 0) delete role.Properties?.Policies;
    });
    return { roleId, secretResources };
  });
}

const secretArn = (rest: string): CfnValue => ({
  'Fn::Sub': `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${rest}`,
});

/**
 * `environment` split into plain variables and ECS secrets: a value that is exactly `$Secret(...)`
 * becomes a task-definition secret (`ValueFrom`), read by the execution role when the task starts,
 * so the value never appears in the task definition.
 */
export function containerEnvironment(
  ctx: CompileContext,
  container: Pick<ContainerModel, 'environment' | 'impliedEnvironment' | 'at'>,
  access: WorkloadAccess,
  execution: ExecutionRole,
): { environment: CfnValue[]; secrets: CfnValue[] } {
  const at: ConfigPath = [...container.at, 'environment'];
  const list = Array.isArray(container.environment) ? (container.environment as { name: string; value: unknown }[]) : [];
  const plain: { name: string; value: unknown }[] = [];
  const secrets: { Name: string; ValueFrom: CfnValue }[] = [];
  list.forEach((entry, i) => {
    const v = entry.value;
    if (isRuntimeDirective(v) && v.name === 'Secret' && typeof v.args[0] === 'string') {
      const ref = secretDynamicReference(v.args[0], v.path);
      if (!ref.ok) {
        ctx.addDiagnostic({ code: 'STP_DIRECTIVE_BAD_SECRET', message: `${v.source}: ${ref.message}`, path: [...at, i, 'value'], expected: ref.expected });
        return;
      }
      const name = ref.secretName;
      const valueFrom = name.startsWith('arn:')
        ? ref.jsonKey ? `${name}:${ref.jsonKey}::` : name
        : ref.jsonKey ? secretArn(`${name}:${ref.jsonKey}::`) : name;
      secrets.push({ Name: entry.name, ValueFrom: valueFrom });
      execution.secretResources.push(name.startsWith('arn:') ? `${name}*` : secretArn(`${name}-??????`));
      return;
    }
    plain.push(entry);
  });
  const variables: Record<string, CfnValue> = {
    ...container.impliedEnvironment,
    ...environmentMap(ctx, plain, at),
    ...access.environment,
  };
  const environment = Object.keys(variables)
    .sort()
    .map((name) => ({ Name: name, Value: variables[name] }));
  return { environment, secrets: secrets.sort((a, b) => (a.Name < b.Name ? -1 : 1)) };
}

/**
 * The image of a container. `prebuilt-image` goes straight in. stp does not build images yet, so
 * the image-building types (stacktape-image-buildpack, custom-dockerfile, external-buildpack,
 * nixpacks) are a config error placed at `packaging.type`, naming the resource and the
 * alternative — not a template with an image nobody packages.
 */
export function containerImage(
  ctx: CompileContext,
  container: Pick<ContainerModel, 'packaging' | 'at'>,
  label: string,
): Record<string, CfnValue> | undefined {
  const p = container.packaging;
  const props = p.properties ?? {};
  const out: Record<string, CfnValue> = {};
  if (p.type === 'prebuilt-image') {
    out.Image = props.image;
    if (props.repositoryCredentialsSecretArn !== undefined) {
      out.RepositoryCredentials = {
        CredentialsParameter: ctx.resolveValue(props.repositoryCredentialsSecretArn, [...container.at, 'packaging', 'properties', 'repositoryCredentialsSecretArn']),
      };
    }
  } else if (typeof p.type === 'string' && imageBuildingTypes.includes(p.type)) {
    ctx.addDiagnostic({
      code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE',
      severity: 'error',
      message: imageBuildRefusal(p.type, label),
      path: [...container.at, 'packaging', 'type'],
      expected: 'prebuilt-image',
      hint: 'build and push the image yourself (e.g. docker build + docker push to Amazon ECR), then use packaging: { type: prebuilt-image, properties: { image: <repository>:<tag> } }',
    });
    return undefined;
  } else {
    ctx.unsupported([...container.at, 'packaging', 'type'], `container packaging "${String(p.type)}"`);
    return undefined;
  }
  if (Array.isArray(props.command)) out.Command = props.command;
  if (Array.isArray(props.entryPoint)) out.EntryPoint = props.entryPoint;
  return out;
}

const imageBuildingTypes = ['stacktape-image-buildpack', 'custom-dockerfile', 'external-buildpack', 'nixpacks'];

export interface TaskDefinitionResult {
  taskDefinitionId: string;
  taskRoleId: string;
}

/** Task definition, task role, execution role (shared) and one log group per container. */
export function compileTaskDefinition(
  ctx: CompileContext,
  model: WorkloadModel,
  ports: ContainerPorts,
  access: WorkloadAccess,
): TaskDefinitionResult | undefined {
  const name = model.resource.name;
  const execution = executionRole(ctx);
  const taskRoleId = ctx.names.ecsTaskRole(name);
  const statements: IamStatement[] = [...access.statements, ...userRoleStatements(ctx, model.resource.properties, model.at)];
  if (model.enableRemoteSessions) {
    statements.push({
      Effect: 'Allow',
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      Resource: '*',
    });
  }

  const definitions: CfnValue[] = [];
  let ok = true;
  for (const container of model.containers) {
    const img = containerImage(ctx, container, model.containers.length > 1 ? `${name}, container "${container.name}"` : name);
    if (!img) {
      ok = false;
      continue;
    }
    const env = containerEnvironment(ctx, container, access, execution);
    const def: Record<string, CfnValue> = { Name: container.name, ...img, Essential: container.essential };
    const containerPorts = [...(ports.get(container.name) ?? new Map<number, string | undefined>())].sort((a, b) => a[0] - b[0]);
    if (containerPorts.length > 0) {
      def.PortMappings = containerPorts.map(([port, appProtocol]) => ({
        ContainerPort: port,
        // On EC2 (bridge networking) each task gets dynamic host ports, so tasks can share an instance.
        ...(model.launch === 'EC2' ? { HostPort: 0 } : {}),
        Protocol: 'tcp',
        Name: portMappingName(port),
        ...(appProtocol ? { AppProtocol: appProtocol } : {}),
      }));
    }
    if (env.environment.length > 0) def.Environment = env.environment;
    if (env.secrets.length > 0) def.Secrets = env.secrets;
    if (container.dependsOn.length > 0) {
      def.DependsOn = container.dependsOn.map((d) => ({ ContainerName: d.containerName, Condition: d.condition }));
    }
    const hc = container.internalHealthCheck;
    if (hc) {
      const check: Record<string, CfnValue> = { Command: hc.healthCheckCommand };
      if (hc.intervalSeconds !== undefined) check.Interval = hc.intervalSeconds;
      if (hc.timeoutSeconds !== undefined) check.Timeout = hc.timeoutSeconds;
      if (hc.retries !== undefined) check.Retries = hc.retries;
      if (hc.startPeriodSeconds !== undefined) check.StartPeriod = hc.startPeriodSeconds;
      def.HealthCheck = check;
    }
    if (container.stopTimeout !== undefined) def.StopTimeout = container.stopTimeout;
    if (container.logging?.disabled !== true) {
      const logGroupId = ctx.names.ecsLogGroup(name, container.name);
      ctx.addResource(logGroupId, logGroup(computeNames.containerLogGroup(ctx.stack.stackName, name, container.name), container.logging), container.at);
      def.LogConfiguration = {
        LogDriver: 'awslogs',
        Options: {
          'awslogs-group': { Ref: logGroupId },
          'awslogs-region': { Ref: 'AWS::Region' },
          'awslogs-stream-prefix': container.name,
        },
      };
    }
    definitions.push(def);
  }
  if (!ok) return undefined;

  ctx.addResource(
    taskRoleId,
    iamRole({ servicePrincipals: ['ecs-tasks.amazonaws.com'], statements, policyName: 'stp-workload' }),
    model.at,
  );
  const r = model.resources;
  const taskDefinitionId = ctx.names.ecsTaskDefinition(name);
  const ec2 = model.launch === 'EC2';
  const properties: Record<string, CfnValue> = {
    Family: computeNames.taskFamily(ctx.stack.stackName, name),
    NetworkMode: ec2 ? 'bridge' : 'awsvpc',
    RequiresCompatibilities: [model.launch],
  };
  if (!ec2 || r.cpu !== undefined) properties.Cpu = String(Math.round((r.cpu ?? 0.25) * 1024));
  properties.Memory = String(r.memory ?? 512);
  // On EC2 the instance's AMI fixes the architecture.
  if (!ec2) properties.RuntimePlatform = { CpuArchitecture: r.architecture === 'arm64' ? 'ARM64' : 'X86_64', OperatingSystemFamily: 'LINUX' };
  properties.ExecutionRoleArn = { 'Fn::GetAtt': [execution.roleId, 'Arn'] };
  properties.TaskRoleArn = { 'Fn::GetAtt': [taskRoleId, 'Arn'] };
  properties.ContainerDefinitions = definitions;
  ctx.addResource(taskDefinitionId, { Type: 'AWS::ECS::TaskDefinition', Properties: properties }, model.at);
  return { taskDefinitionId, taskRoleId };
}
