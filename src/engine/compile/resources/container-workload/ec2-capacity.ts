import type { CfnValue } from '../../compile-contract.js';
import type { CompileContext } from '../../compile-context.js';
import { computeNames } from '../../compute-names.js';
import { buildLogicalName } from '../../logical-names.js';
import { defaultVpc } from '../../workload/default-vpc.js';
import { iamRole } from '../../workload/iam-role.js';
import { ecsCluster } from './stack-ecs.js';
import type { WorkloadModel } from './workload-model.js';

/**
 * EC2 capacity for a workload with `resources.instanceTypes`: a launch template (ECS-optimized
 * Amazon Linux 2023 AMI from the public SSM parameter, joined to the stack's cluster by user data),
 * an Auto Scaling group over the given instance types in the default subnets, and an ECS capacity
 * provider with managed scaling, registered on the cluster. Tasks use bridge networking: the
 * default subnets have no NAT, and only the instance (not an awsvpc task) gets a public IP there,
 * so images can be pulled. Host ports are dynamic (ECS's 32768–65535 range).
 */
export const dynamicHostPorts = { from: 32768, to: 65535 } as const;

const amiParameter: Record<string, string> = {
  x86_64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
  arm64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
};

/** Instance role and profile of the stack's ECS container instances (created once). */
function instanceProfile(ctx: CompileContext): string {
  return ctx.once('ecs-instance-profile', () => {
    const roleId = buildLogicalName({ specifier: { type: 'EcsInstance' }, cfnType: 'AWS::IAM::Role' });
    const profileId = buildLogicalName({ specifier: { type: 'EcsInstance' }, cfnType: 'AWS::IAM::InstanceProfile' });
    ctx.addResource(roleId, iamRole({
      servicePrincipals: ['ec2.amazonaws.com'],
      statements: [],
      policyName: 'stp-ecs-instance',
      managedPolicyArns: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role' },
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore' },
      ],
    }));
    ctx.addResource(profileId, { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: roleId }] } });
    return profileId;
  });
}

/** Returns the logical id of the workload's capacity provider. */
export function ec2Capacity(ctx: CompileContext, model: WorkloadModel, securityGroupId: string): string {
  const name = model.resource.name;
  const types = model.resources.instanceTypes ?? [];
  const cluster = ecsCluster(ctx);
  const vpc = defaultVpc(ctx);
  const launchTemplateId = buildLogicalName({ resourceName: name, cfnType: 'AWS::EC2::LaunchTemplate' });
  const asgId = buildLogicalName({ resourceName: name, cfnType: 'AWS::AutoScaling::AutoScalingGroup' });
  const capacityProviderId = buildLogicalName({ resourceName: name, cfnType: 'AWS::ECS::CapacityProvider' });
  const clusterName = computeNames.ecsCluster(ctx.stack.stackName);
  const arch = model.resources.architecture === 'arm64' ? 'arm64' : 'x86_64';

  const data: Record<string, CfnValue> = {
    ImageId: `{{resolve:ssm:${amiParameter[arch]}}}`,
    IamInstanceProfile: { Arn: { 'Fn::GetAtt': [instanceProfile(ctx), 'Arn'] } },
    NetworkInterfaces: [
      { DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }] },
    ],
    // The cluster name is known at compile time, so the template needs no Ref (and no cycle).
    UserData: { 'Fn::Base64': `#!/bin/bash\necho ECS_CLUSTER=${clusterName} >> /etc/ecs/ecs.config\n` },
    MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
  };
  if (types.length === 1) data.InstanceType = types[0];
  ctx.addResource(launchTemplateId, { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: data } }, model.at);

  const spec = { LaunchTemplateId: { Ref: launchTemplateId }, Version: { 'Fn::GetAtt': [launchTemplateId, 'LatestVersionNumber'] } };
  const max = Math.max(1, model.scaling?.maxInstances ?? model.scaling?.minInstances ?? 1);
  const asg: Record<string, CfnValue> = {
    MinSize: '0',
    MaxSize: String(max),
    VPCZoneIdentifier: vpc.subnetIds,
    // The capacity provider decides which instances may go; ECS drains them first.
    NewInstancesProtectedFromScaleIn: false,
  };
  if (types.length > 1) {
    asg.MixedInstancesPolicy = {
      LaunchTemplate: { LaunchTemplateSpecification: spec, Overrides: types.map((t) => ({ InstanceType: t })) },
    };
  } else {
    asg.LaunchTemplate = spec;
  }
  ctx.addResource(asgId, { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: asg }, model.at);

  ctx.addResource(capacityProviderId, {
    Type: 'AWS::ECS::CapacityProvider',
    Properties: {
      AutoScalingGroupProvider: {
        AutoScalingGroupArn: { Ref: asgId },
        ManagedScaling: { Status: 'ENABLED', TargetCapacity: 100 },
        ManagedTerminationProtection: 'DISABLED',
      },
    },
  }, model.at);
  cluster.capacityProviders.push({ Ref: capacityProviderId });
  return capacityProviderId;
}
