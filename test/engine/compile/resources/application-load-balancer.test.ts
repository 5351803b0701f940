import { describe, expect, it } from 'vitest';
import { applicationLoadBalancerCompiler } from '../../../../src/engine/compile/resources/application-load-balancer.js';
import { functionCompiler } from '../../../../src/engine/compile/resources/function.js';
import { compileWith, errors } from './compile-data-fixture.js';

describe('application-load-balancer', () => {
  it('compiles a default ALB: security group, internet-facing LB in the default VPC, HTTP 80 listener answering 404', () => {
    const result = compileWith([applicationLoadBalancerCompiler], { lb: { type: 'application-load-balancer', properties: {} } });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.LbLoadBalancer?.Properties).toMatchObject({
      Type: 'application',
      Scheme: 'internet-facing',
      Subnets: { Ref: 'StpSubnetIds' },
      SecurityGroups: [{ 'Fn::GetAtt': ['LbLbSecurityGroup', 'GroupId'] }],
    });
    expect(r.LbLbSecurityGroup?.Properties).toMatchObject({
      VpcId: { Ref: 'StpVpcId' },
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: 'listener 80' }],
    });
    expect(r.LbPort80Listener?.Properties).toMatchObject({
      LoadBalancerArn: { Ref: 'LbLoadBalancer' },
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } }],
    });
    expect(result.template.Parameters?.StpVpcId).toBeDefined();
    expect(result.template.Outputs?.LbDomain?.Value).toEqual({ 'Fn::GetAtt': ['LbLoadBalancer', 'DNSName'] });
  });

  it('compiles HTTPS with certificates, a redirecting HTTP listener and a whitelist', () => {
    const result = compileWith([applicationLoadBalancerCompiler], {
      lb: {
        type: 'application-load-balancer',
        properties: {
          interface: 'internal',
          listeners: [
            { protocol: 'HTTPS', port: 443, customCertificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/a', 'arn:aws:acm:eu-west-1:123456789012:certificate/b'] },
            {
              protocol: 'HTTP',
              port: 80,
              whitelistIps: ['203.0.113.7', '198.51.100.0/24'],
              defaultAction: { type: 'redirect', properties: { protocol: 'HTTPS', port: 443, statusCode: 'HTTP_301' } },
            },
          ],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.LbLoadBalancer?.Properties?.Scheme).toBe('internal');
    expect(r.LbPort443Listener?.Properties?.Certificates).toEqual([{ CertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/a' }]);
    expect(r.LbPort443ListenerCertificate?.Properties).toEqual({
      ListenerArn: { Ref: 'LbPort443Listener' },
      Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/b' }],
    });
    expect(r.LbPort80Listener?.Properties?.DefaultActions).toEqual([
      { Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', Protocol: 'HTTPS', Port: '443' } },
    ]);
    expect(r.LbLbSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'listener 443' },
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '203.0.113.7/32', Description: 'listener 80 whitelist' },
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '198.51.100.0/24', Description: 'listener 80 whitelist' },
    ]);
  });

  it('takes listener rules from function events', () => {
    const result = compileWith([applicationLoadBalancerCompiler, functionCompiler], {
      lb: { type: 'application-load-balancer', properties: {} },
      handler: {
        type: 'function',
        properties: {
          packaging: { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: './src/h.ts' } },
          events: [{ type: 'application-load-balancer', properties: { loadBalancerName: 'lb', priority: 1, paths: ['/api/*'] } }],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const rule = Object.values(result.template.Resources).find((x) => x.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(rule?.Properties?.ListenerArn).toEqual({ Ref: 'LbPort80Listener' });
  });

  it('reports an HTTPS listener without certificate, duplicate ports, bad IPs and unsupported features', () => {
    const result = compileWith([applicationLoadBalancerCompiler], {
      lb: {
        type: 'application-load-balancer',
        properties: {
          useFirewall: 'waf',
          listeners: [
            { protocol: 'HTTPS', port: 443 },
            { protocol: 'HTTP', port: 443, whitelistIps: ['not-an-ip'] },
          ],
        },
      },
    });
    expect(result.diagnostics.map((d) => [d.code, d.path?.slice(3).join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'useFirewall'],
      ['STP_COMPILE_INVALID_PROPERTY', 'listeners.1.port'],
      ['STP_COMPILE_INVALID_PROPERTY', 'listeners.1.whitelistIps.0'],
      ['STP_COMPILE_MISSING_PROPERTY', 'listeners.0'],
    ]);
  });
});
