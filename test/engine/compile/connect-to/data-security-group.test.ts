import { describe, expect, it } from 'vitest';
import { relationalDatabaseCompiler } from '../../../../src/engine/compile/resources/relational-database.js';
import { compileWith, directive, errors } from '../resources/compile-data-fixture.js';

const database = (accessibility: Record<string, unknown>) => ({
  type: 'relational-database',
  properties: {
    credentials: { masterUserPassword: directive('Secret', 'db.password') },
    engine: { type: 'postgres', properties: { version: '16.4', primaryInstance: { instanceSize: 'db.t4g.micro' } } },
    accessibility,
  },
});

describe('data store security group', () => {
  it('admits everyone in internet mode, and warns that a whitelist does nothing there', () => {
    const result = compileWith([relationalDatabaseCompiler], { db: database({ accessibilityMode: 'internet', whitelistedIps: ['203.0.113.7'] }) });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.DbSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '0.0.0.0/0', Description: 'internet' },
    ]);
    expect(result.diagnostics.map((d) => [d.severity, d.path?.join('.')])).toEqual([['warning', 'resources.db.properties.accessibility.whitelistedIps']]);
    expect(result.template.Resources.DbDbInstance?.Properties?.PubliclyAccessible).toBe(true);
  });

  it('admits only the whitelist in whitelisted-ips-only mode and declares the VPC CIDR parameter only when used', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      db: database({ accessibilityMode: 'whitelisted-ips-only', whitelistedIps: ['198.51.100.0/24', 'bad'] }),
    });
    expect(result.template.Resources.DbSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '198.51.100.0/24', Description: 'whitelisted 198.51.100.0/24' },
    ]);
    expect(result.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_COMPILE_INVALID_PROPERTY', 'resources.db.properties.accessibility.whitelistedIps.1'],
    ]);
    expect(result.template.Parameters?.StpVpcCidr).toBeUndefined();
  });

  it('hides the database from the internet with forceDisablePublicIp', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      db: database({ accessibilityMode: 'whitelisted-ips-only', whitelistedIps: ['198.51.100.7'], forceDisablePublicIp: true }),
    });
    expect(result.template.Resources.DbDbInstance?.Properties?.PubliclyAccessible).toBe(false);
    expect(result.template.Parameters?.StpVpcCidr).toBeUndefined();
  });

  it('declares the VPC CIDR parameter, defaulting to the default VPC CIDR, in vpc mode', () => {
    const result = compileWith([relationalDatabaseCompiler], { db: database({ accessibilityMode: 'vpc' }) });
    expect(result.template.Parameters?.StpVpcCidr).toMatchObject({ Type: 'String', Default: '172.31.0.0/16' });
  });
});
