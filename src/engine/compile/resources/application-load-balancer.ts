import type { ApplicationLoadBalancerProperties } from '../../config/schema/resources/application-load-balancer.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { defaultVpc } from '../workload/default-vpc.js';

/**
 * `application-load-balancer` → AWS::ElasticLoadBalancingV2::LoadBalancer in the stack's VPC, its
 * security group (one ingress rule per listener port, limited to `whitelistIps` when given), and
 * one listener per `listeners` entry whose default action answers 404 (or redirects, per
 * `defaultAction`). Without `listeners` it gets one HTTP listener on port 80: Stacktape's default
 * HTTPS listener needs a certificate from `customDomains`, which stp does not compile yet.
 * Functions and container workloads add listener rules and target groups to these listeners
 * (`logicalNames.listener(name, port)`).
 */
export const loadBalancerLogicalId = (name: string): string => logicalNames.loadBalancer(name);
export const loadBalancerSecurityGroupLogicalId = (name: string): string => logicalNames.loadBalancerSecurityGroup(name);
export const listenerLogicalId = (name: string, port: number): string => logicalNames.listener(name, port);
const listenerCertificatesLogicalId = (name: string, port: number): string =>
  buildLogicalName({ resourceName: name, specifier: { type: `Port${port}` }, cfnType: 'AWS::ElasticLoadBalancingV2::ListenerCertificate' });

type Listener = NonNullable<ApplicationLoadBalancerProperties['listeners']>[number];

const IPV4_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;

function ingressRules(ctx: CompileContext, listener: Listener, at: ConfigPath): CfnValue[] {
  const base = { IpProtocol: 'tcp', FromPort: listener.port, ToPort: listener.port };
  if (!listener.whitelistIps || listener.whitelistIps.length === 0) {
    return [{ ...base, CidrIp: '0.0.0.0/0', Description: `listener ${listener.port}` }];
  }
  return listener.whitelistIps.flatMap((ip, index): CfnValue[] => {
    if (IPV4_CIDR.test(ip)) return [{ ...base, CidrIp: ip.includes('/') ? ip : `${ip}/32`, Description: `listener ${listener.port} whitelist` }];
    if (ip.includes(':') && IPV6_CIDR.test(ip)) {
      return [{ ...base, CidrIpv6: ip.includes('/') ? ip : `${ip}/128`, Description: `listener ${listener.port} whitelist` }];
    }
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `"${ip}" is not an IP address or CIDR block.`,
      path: [...at, 'whitelistIps', index],
      expected: 'e.g. 203.0.113.7 or 203.0.113.0/24',
    });
    return [];
  });
}

function defaultAction(ctx: CompileContext, listener: Listener, at: ConfigPath): CfnValue {
  const action = listener.defaultAction as { type?: unknown; properties?: Record<string, unknown> } | undefined;
  if (action === undefined) {
    return { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } };
  }
  if (action.type !== 'redirect') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `"${String(action.type)}" is not a listener default action.`,
      path: [...at, 'defaultAction', 'type'],
      expected: 'redirect',
    });
  }
  const p = action.properties ?? {};
  if (p.statusCode !== 'HTTP_301' && p.statusCode !== 'HTTP_302') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'A redirect needs statusCode HTTP_301 or HTTP_302.',
      path: [...at, 'defaultAction', 'properties', 'statusCode'],
      expected: 'HTTP_301 | HTTP_302',
    });
  }
  if (listener.protocol === 'HTTPS' && p.protocol === 'HTTP') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'An HTTPS listener cannot redirect to HTTP.',
      path: [...at, 'defaultAction', 'properties', 'protocol'],
    });
  }
  const redirect: Record<string, CfnValue> = { StatusCode: p.statusCode ?? 'HTTP_302' };
  if (p.protocol !== undefined) redirect.Protocol = p.protocol;
  if (p.host !== undefined) redirect.Host = p.host;
  if (p.port !== undefined) redirect.Port = String(p.port);
  if (p.path !== undefined) redirect.Path = p.path;
  if (p.query !== undefined) redirect.Query = p.query;
  return { Type: 'redirect', RedirectConfig: redirect };
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as ApplicationLoadBalancerProperties;
  const at = [...resource.path, 'properties'];
  // customDomains, cdn, useFirewall and alarms are not compiled yet (capabilities/ reports them).

  const listeners: Listener[] = props.listeners && props.listeners.length > 0 ? props.listeners : [{ protocol: 'HTTP', port: 80 }];
  const ports = new Set<number>();
  const duplicates = new Set<number>();
  listeners.forEach((l, i) => {
    if (ports.has(l.port)) {
      duplicates.add(i);
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `Two listeners use port ${l.port}.`,
        path: [...at, 'listeners', i, 'port'],
      });
    }
    ports.add(l.port);
  });

  const vpc = defaultVpc(ctx);
  const securityGroupId = loadBalancerSecurityGroupLogicalId(resource.name);
  ctx.addResource(
    securityGroupId,
    {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `stp ${ctx.stack.stackName} ${resource.name} load balancer`,
        VpcId: vpc.vpcId,
        SecurityGroupIngress: listeners.flatMap((l, i) => ingressRules(ctx, l, [...at, 'listeners', i])),
        SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'to targets' }],
      },
    },
    resource.path,
  );

  const lbId = loadBalancerLogicalId(resource.name);
  ctx.addResource(
    lbId,
    {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: {
        Type: 'application',
        Scheme: props.interface === 'internal' ? 'internal' : 'internet-facing',
        Subnets: vpc.subnetIds,
        SecurityGroups: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
      },
    },
    resource.path,
  );

  listeners.forEach((listener, index) => {
    if (duplicates.has(index)) return;
    const where = props.listeners && props.listeners.length > 0 ? [...at, 'listeners', index] : resource.path;
    const properties: Record<string, CfnValue> = {
      LoadBalancerArn: { Ref: lbId },
      Port: listener.port,
      Protocol: listener.protocol,
      DefaultActions: [defaultAction(ctx, listener, where)],
    };
    const certificates = (listener.customCertificateArns ?? []).map((arn, i) => ctx.resolveValue(arn, [...where, 'customCertificateArns', i]));
    if (listener.protocol === 'HTTPS') {
      if (certificates.length === 0) {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_MISSING_PROPERTY',
          message: `The HTTPS listener on port ${listener.port} has no certificate.`,
          path: where,
          hint: 'set customCertificateArns (stp does not issue certificates for customDomains yet)',
        });
      } else {
        properties.Certificates = [{ CertificateArn: certificates[0] }];
      }
    } else if (certificates.length > 0) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        severity: 'warning',
        message: `Certificates on the HTTP listener on port ${listener.port} are ignored.`,
        path: [...where, 'customCertificateArns'],
      });
    }
    const listenerId = listenerLogicalId(resource.name, listener.port);
    ctx.addResource(listenerId, { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: properties }, where);
    if (listener.protocol === 'HTTPS' && certificates.length > 1) {
      // The listener holds the default certificate; the others are attached to it (SNI).
      ctx.addResource(
        listenerCertificatesLogicalId(resource.name, listener.port),
        {
          Type: 'AWS::ElasticLoadBalancingV2::ListenerCertificate',
          Properties: { ListenerArn: { Ref: listenerId }, Certificates: certificates.slice(1).map((arn) => ({ CertificateArn: arn })) },
        },
        [...where, 'customCertificateArns'],
      );
    }
  });
}

export const applicationLoadBalancerCompiler: ResourceCompiler = {
  type: 'application-load-balancer',
  compile,
  referenceableParams: {
    domain: ({ resourceName }) => ({ 'Fn::GetAtt': [loadBalancerLogicalId(resourceName), 'DNSName'] }),
  },
};
