import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName } from '../logical-names.js';
import type { ResourceView } from '../resource-compiler.js';
import { defaultVpc } from '../workload/default-vpc.js';

/**
 * The security group of a network-bound data store (relational-database, redis-cluster): who may
 * reach its port. `connectTo` adds rules to it from each connecting workload's security group
 * (see security-group-ingress below), so `scoping-workloads-in-vpc` admits exactly those.
 */
export type DataStoreAccessibility = 'internet' | 'vpc' | 'scoping-workloads-in-vpc' | 'whitelisted-ips-only';

export const vpcCidrParameter = 'StpVpcCidr';
/** Every default VPC has this CIDR; an operator who passes another VPC passes its CIDR too. */
export const defaultVpcCidr = '172.31.0.0/16';

export const dataStoreSecurityGroupLogicalId = (resourceName: string): string =>
  buildLogicalName({ resourceName, cfnType: 'AWS::EC2::SecurityGroup' });

/** The CIDR of the stack's VPC, for "reachable from inside the VPC" rules. */
export function vpcCidr(ctx: CompileContext): CfnValue {
  return ctx.once('stp-vpc-cidr', () => {
    ctx.addParameter(vpcCidrParameter, {
      Type: 'String',
      Default: defaultVpcCidr,
      Description: 'CIDR block of the VPC in StpVpcId (the default VPC has 172.31.0.0/16).',
    });
    return { Ref: vpcCidrParameter };
  });
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;

function whitelistRules(ctx: CompileContext, port: number, ips: string[], at: ConfigPath): CfnValue[] {
  return ips.flatMap((ip, index): CfnValue[] => {
    if (!IPV4.test(ip)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${ip}" is not an IPv4 address or CIDR block.`,
        path: [...at, index],
        expected: 'e.g. 203.0.113.7 or 203.0.113.0/24',
      });
      return [];
    }
    const cidr = ip.includes('/') ? ip : `${ip}/32`;
    return [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: cidr, Description: `whitelisted ${cidr}` }];
  });
}

/**
 * Adds the data store's security group with the ingress its accessibility mode allows:
 * `internet` anyone; `vpc` the VPC's CIDR plus whitelisted IPs; `scoping-workloads-in-vpc`
 * whitelisted IPs only (connected workloads get their own rules); `whitelisted-ips-only` those IPs.
 */
export function dataStoreSecurityGroup(
  ctx: CompileContext,
  resource: ResourceView,
  opts: { port: number; mode: DataStoreAccessibility; whitelistedIps?: string[]; whitelistAt: ConfigPath; description: string },
): string {
  const id = dataStoreSecurityGroupLogicalId(resource.name);
  const vpc = defaultVpc(ctx);
  const ips = opts.whitelistedIps ?? [];
  if (opts.mode === 'internet' && ips.length > 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      severity: 'warning',
      message: 'whitelistedIps has no effect in internet mode: every address may connect.',
      path: opts.whitelistAt,
      hint: 'use accessibilityMode: whitelisted-ips-only to admit only these addresses',
    });
  }
  if (opts.mode === 'whitelisted-ips-only' && ips.length === 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      severity: 'warning',
      message: 'whitelisted-ips-only mode without whitelistedIps admits no address.',
      path: opts.whitelistAt,
    });
  }
  const ingress: CfnValue[] = [];
  const tcp = { IpProtocol: 'tcp', FromPort: opts.port, ToPort: opts.port };
  if (opts.mode === 'internet') ingress.push({ ...tcp, CidrIp: '0.0.0.0/0', Description: 'internet' });
  if (opts.mode === 'vpc') ingress.push({ ...tcp, CidrIp: vpcCidr(ctx), Description: 'stack VPC' });
  if (opts.mode !== 'internet') ingress.push(...whitelistRules(ctx, opts.port, ips, opts.whitelistAt));
  const properties: Record<string, CfnValue> = {
    GroupDescription: `stp ${ctx.stack.stackName} ${resource.name} ${opts.description}`,
    VpcId: vpc.vpcId,
  };
  if (ingress.length > 0) properties.SecurityGroupIngress = ingress;
  ctx.addResource(id, { Type: 'AWS::EC2::SecurityGroup', Properties: properties }, resource.path);
  return id;
}
