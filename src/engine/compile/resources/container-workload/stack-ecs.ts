import type { CfnValue } from '../../compile-contract.js';
import type { CompileContext } from '../../compile-context.js';
import { buildLogicalName } from '../../logical-names.js';
import { physicalName } from '../../physical-names.js';
import { computeNames } from '../../compute-names.js';
import { defaultVpc } from '../../workload/default-vpc.js';

/** Stack-wide ECS pieces, created once by the first workload that needs them. */

/**
 * One ECS cluster per stack, with the Fargate capacity providers; workloads on EC2
 * (`instanceTypes`) add their own capacity provider to `capacityProviders`.
 */
export function ecsCluster(ctx: CompileContext): { id: string; capacityProviders: CfnValue[] } {
  return ctx.once('ecs-cluster', () => {
    const id = ctx.names.ecsCluster();
    const capacityProviders: CfnValue[] = ['FARGATE', 'FARGATE_SPOT'];
    ctx.addResource(id, {
      Type: 'AWS::ECS::Cluster',
      Properties: { ClusterName: computeNames.ecsCluster(ctx.stack.stackName), CapacityProviders: capacityProviders },
    });
    return { id, capacityProviders };
  });
}

/**
 * The Cloud Map namespace workloads register in: HTTP API private integrations resolve services
 * through it (SRV records), and Service Connect uses it for its names.
 */
export function discoveryNamespace(ctx: CompileContext): { id: string; arn: CfnValue; namespaceId: CfnValue } {
  return ctx.once('discovery-namespace', () => {
    const id = ctx.names.serviceDiscoveryNamespace();
    ctx.addResource(id, {
      Type: 'AWS::ServiceDiscovery::PrivateDnsNamespace',
      Properties: { Name: `${ctx.stack.stackName}.stp.internal`, Vpc: defaultVpc(ctx).vpcId },
    });
    return { id, arn: { 'Fn::GetAtt': [id, 'Arn'] }, namespaceId: { 'Fn::GetAtt': [id, 'Id'] } };
  });
}

/** One VPC link per stack for HTTP APIs that reach ECS services, with its own security group. */
export function httpApiVpcLink(ctx: CompileContext): { id: string; securityGroupId: string } {
  return ctx.once('http-api-vpc-link', () => {
    const id = buildLogicalName({ cfnType: 'AWS::ApiGatewayV2::VpcLink' });
    const securityGroupId = buildLogicalName({ specifier: { type: 'VpcLink' }, cfnType: 'AWS::EC2::SecurityGroup' });
    const vpc = defaultVpc(ctx);
    ctx.addResource(securityGroupId, {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `stp ${ctx.stack.stackName} HTTP API VPC link`,
        VpcId: vpc.vpcId,
        SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'to services' }],
      },
    });
    ctx.addResource(id, {
      Type: 'AWS::ApiGatewayV2::VpcLink',
      Properties: {
        Name: physicalName([ctx.stack.stackName, 'vpc-link'], 128),
        SubnetIds: vpc.subnetIds,
        SecurityGroupIds: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
      },
    });
    return { id, securityGroupId };
  });
}
