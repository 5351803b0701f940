import type { CompileContext } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';
import { buildLogicalName } from '../logical-names.js';
import { defaultVpc } from './default-vpc.js';

export interface IngressRule {
  port: number;
  /** Upper end of a port range (e.g. ECS's dynamic host ports on EC2); default `port`. */
  toPort?: number;
  protocol?: 'tcp' | 'udp';
  /** Logical id of the security group allowed in. */
  fromSecurityGroupId: string;
  description: string;
}

/**
 * The security group of a workload that runs in the VPC (Lambda with joinDefaultVpc, ECS tasks,
 * batch jobs): all egress, ingress only as given. Others (connectTo targets, load balancers) add
 * rules naming it. Returns its logical id; a second call for the same workload adds the rules only.
 * Ingress rules become AWS::EC2::SecurityGroupIngress resources.
 */
export function workloadSecurityGroup(ctx: CompileContext, workload: ResourceView, ingress: IngressRule[]): string {
  const id = ctx.names.workloadSecurityGroup(workload.name);
  if (!ctx.hasResource(id)) {
    const vpc = defaultVpc(ctx);
    ctx.addResource(
      id,
      {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: `stp ${ctx.stack.stackName} ${workload.name}`,
          VpcId: vpc.vpcId,
          SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'all outbound' }],
        },
      },
      workload.path,
    );
  }
  // Separate ingress resources: inline rules naming each other's groups would be a dependency cycle.
  for (const rule of ingress) {
    const protocol = rule.protocol ?? 'tcp';
    const ingressId = buildLogicalName({
      resourceName: workload.name,
      specifier: { type: `From-${rule.fromSecurityGroupId}-${protocol}${rule.port}${rule.toPort !== undefined ? `To${rule.toPort}` : ''}` },
      cfnType: 'AWS::EC2::SecurityGroupIngress',
    });
    if (ctx.hasResource(ingressId)) continue;
    ctx.addResource(
      ingressId,
      {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: { 'Fn::GetAtt': [id, 'GroupId'] },
          IpProtocol: protocol,
          FromPort: rule.port,
          ToPort: rule.toPort ?? rule.port,
          SourceSecurityGroupId: { 'Fn::GetAtt': [rule.fromSecurityGroupId, 'GroupId'] },
          Description: rule.description,
        },
      },
      workload.path,
    );
  }
  return id;
}
