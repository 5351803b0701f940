import type { CompileContext } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';
import { defaultVpc } from './default-vpc.js';

export interface IngressRule {
  port: number;
  protocol?: 'tcp' | 'udp';
  /** Logical id of the security group allowed in. */
  fromSecurityGroupId: string;
  description: string;
}

/**
 * The security group of a workload that runs in the VPC (Lambda with joinDefaultVpc, ECS tasks,
 * batch jobs): all egress, ingress only as given. Others (connectTo targets, load balancers) add
 * rules naming it. Returns its logical id; a second call for the same workload adds the rules only.
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
  const group = ctx.getResource(id);
  if (group && ingress.length > 0) {
    const props = (group.Properties ??= {});
    const rules = (props.SecurityGroupIngress as unknown[] | undefined) ?? [];
    for (const rule of ingress) {
      rules.push({
        IpProtocol: rule.protocol ?? 'tcp',
        FromPort: rule.port,
        ToPort: rule.port,
        SourceSecurityGroupId: { 'Fn::GetAtt': [rule.fromSecurityGroupId, 'GroupId'] },
        Description: rule.description,
      });
    }
    props.SecurityGroupIngress = rules;
  }
  return id;
}
