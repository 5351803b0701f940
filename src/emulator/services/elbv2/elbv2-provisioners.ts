/**
 * CloudFormation's AWS::ElasticLoadBalancingV2::* resources as records in the local ELBv2 store, so
 * DescribeLoadBalancers/Listeners/Rules/TargetGroups answer for what a stack created and ECS can
 * shift the weights of its listener rules.
 */
import { randomChars } from '../cloudformation/provisioning/physical-names.js';
import type { Provisioner } from '../cloudformation/provisioning/provisioner.js';
import { identityFor } from '../cloudformation/provisioning/resource-identities.js';
import { identityContext } from '../cloudformation/provisioning/types/record-only.js';
import type { Elbv2Store } from './elbv2-store.js';

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') return value.split(',');
  return [];
}

function optionalNumber(value: unknown): number | undefined {
  return value === undefined || value === null || value === '' ? undefined : Number(value);
}

export function elbv2Provisioners(store: Elbv2Store, now: () => string): Record<string, Provisioner> {
  const lbIdentity = identityFor('AWS::ElasticLoadBalancingV2::LoadBalancer');
  const tgIdentity = identityFor('AWS::ElasticLoadBalancingV2::TargetGroup');

  const putLoadBalancer = (arn: string, attributes: Record<string, unknown>, properties: Record<string, unknown>, region: string) => {
    store.putLoadBalancer({
      LoadBalancerArn: arn,
      LoadBalancerName: String(attributes.LoadBalancerName),
      DNSName: String(attributes.DNSName),
      CanonicalHostedZoneId: String(attributes.CanonicalHostedZoneID),
      CreatedTime: store.loadBalancer(arn)?.CreatedTime ?? now(),
      Scheme: String(properties.Scheme ?? 'internet-facing'),
      Type: String(properties.Type ?? 'application'),
      IpAddressType: String(properties.IpAddressType ?? 'ipv4'),
      SecurityGroups: strings(properties.SecurityGroups),
      Subnets: strings(properties.Subnets),
      region,
    });
  };

  const putTargetGroup = (arn: string, properties: Record<string, unknown>, region: string) => {
    store.putTargetGroup({
      TargetGroupArn: arn,
      TargetGroupName: arn.split('/')[1] ?? arn,
      Protocol: properties.Protocol === undefined ? undefined : String(properties.Protocol),
      Port: optionalNumber(properties.Port),
      VpcId: properties.VpcId === undefined ? undefined : String(properties.VpcId),
      TargetType: String(properties.TargetType ?? 'instance'),
      HealthCheckPath: properties.HealthCheckPath === undefined ? undefined : String(properties.HealthCheckPath),
      HealthCheckProtocol: properties.HealthCheckProtocol === undefined ? undefined : String(properties.HealthCheckProtocol),
      region,
    });
  };

  const listenerFields = (arn: string, properties: Record<string, unknown>) => ({
    ListenerArn: arn,
    LoadBalancerArn: String(properties.LoadBalancerArn),
    Port: optionalNumber(properties.Port),
    Protocol: properties.Protocol === undefined ? undefined : String(properties.Protocol),
    DefaultActions: (properties.DefaultActions as never) ?? [],
  });

  return {
    'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      async create(request) {
        const ctx = identityContext(request);
        const arn = lbIdentity.physicalId(ctx);
        const attributes = lbIdentity.attributes(arn, ctx);
        putLoadBalancer(arn, attributes, request.properties, request.stack.region);
        return { physicalId: arn, attributes };
      },
      async update(request) {
        putLoadBalancer(request.physicalId, request.attributes, request.properties, request.stack.region);
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        store.deleteLoadBalancer(request.physicalId);
      },
    },
    'AWS::ElasticLoadBalancingV2::TargetGroup': {
      async create(request) {
        const ctx = identityContext(request);
        const arn = tgIdentity.physicalId(ctx);
        putTargetGroup(arn, request.properties, request.stack.region);
        return { physicalId: arn, attributes: { ...tgIdentity.attributes(arn, ctx), LoadBalancerArns: [] } };
      },
      async update(request) {
        putTargetGroup(request.physicalId, request.properties, request.stack.region);
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        store.deleteTargetGroup(request.physicalId);
      },
    },
    'AWS::ElasticLoadBalancingV2::Listener': {
      async create(request) {
        // Listener ARNs carry their load balancer's name and id: …:listener/app/<name>/<lb id>/<listener id>.
        const lb = String(request.properties.LoadBalancerArn ?? '');
        const arn = lb.includes(':loadbalancer/') ? `${lb.replace(':loadbalancer/', ':listener/')}/${randomChars(16, 'hex')}` : identityFor('AWS::ElasticLoadBalancingV2::Listener').physicalId(identityContext(request));
        store.putListener(listenerFields(arn, request.properties));
        return { physicalId: arn, attributes: { ListenerArn: arn } };
      },
      async update(request) {
        store.putListener(listenerFields(request.physicalId, request.properties));
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        store.deleteListener(request.physicalId);
      },
    },
    'AWS::ElasticLoadBalancingV2::ListenerRule': {
      async create(request) {
        const listenerArn = String(request.properties.ListenerArn ?? '');
        const arn = store.newRuleArn(listenerArn);
        store.putRule({
          RuleArn: arn,
          ListenerArn: listenerArn,
          Priority: String(request.properties.Priority ?? ''),
          Conditions: (request.properties.Conditions as unknown[]) ?? [],
          Actions: (request.properties.Actions as never) ?? [],
          IsDefault: false,
        });
        return { physicalId: arn, attributes: { RuleArn: arn, IsDefault: 'false' } };
      },
      async update(request) {
        store.putRule({
          RuleArn: request.physicalId,
          ListenerArn: String(request.properties.ListenerArn ?? ''),
          Priority: String(request.properties.Priority ?? ''),
          Conditions: (request.properties.Conditions as unknown[]) ?? [],
          Actions: (request.properties.Actions as never) ?? [],
          IsDefault: false,
        });
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        store.deleteRule(request.physicalId);
      },
    },
  };
}
