import { describe, expect, it } from 'vitest';
import { redisClusterCompiler } from '../../../../src/engine/compile/resources/redis-cluster.js';
import { compileWith, directive, errors } from './compile-data-fixture.js';

describe('redis-cluster', () => {
  it('compiles a replication group with a secret auth token, encryption, subnet/security group and slow log', () => {
    const result = compileWith([redisClusterCompiler], {
      redis: {
        type: 'redis-cluster',
        properties: { defaultUserPassword: directive('Secret', 'redis.password'), instanceSize: 'cache.t3.micro', engineVersion: '7.1', numReplicaNodes: 1 },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    expect(r.RedisReplicationGroup?.Properties).toMatchObject({
      Engine: 'redis',
      EngineVersion: '7.1',
      CacheNodeType: 'cache.t3.micro',
      Port: 6379,
      AuthToken: '{{resolve:secretsmanager:redis:SecretString:password}}',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: false,
      CacheSubnetGroupName: { Ref: 'RedisSubnetGroup' },
      SecurityGroupIds: [{ 'Fn::GetAtt': ['RedisSecurityGroup', 'GroupId'] }],
      LogDeliveryConfigurations: [
        { DestinationType: 'cloudwatch-logs', DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: 'RedisLogGroup' } } }, LogFormat: 'json', LogType: 'slow-log' },
      ],
    });
    expect(r.RedisSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: { Ref: 'StpVpcCidr' }, Description: 'stack VPC' },
    ]);
    expect(result.template.Outputs?.RedisHost?.Value).toEqual({ 'Fn::GetAtt': ['RedisReplicationGroup', 'PrimaryEndPoint.Address'] });
    expect(result.template.Outputs?.RedisReaderHost?.Value).toEqual({ 'Fn::GetAtt': ['RedisReplicationGroup', 'ReaderEndPoint.Address'] });
  });

  it('compiles cluster mode with the cluster-enabled parameter group', () => {
    const result = compileWith([redisClusterCompiler], {
      redis: {
        type: 'redis-cluster',
        properties: {
          defaultUserPassword: directive('Secret', 'redis.password'),
          instanceSize: 'cache.m7g.large',
          enableSharding: true,
          numShards: 3,
          numReplicaNodes: 1,
          logging: { disabled: true },
          accessibility: { accessibilityMode: 'scoping-workloads-in-vpc' },
        },
      },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.RedisReplicationGroup?.Properties).toMatchObject({
      NumNodeGroups: 3,
      ReplicasPerNodeGroup: 1,
      AutomaticFailoverEnabled: true,
      CacheParameterGroupName: 'default.redis7.cluster.on',
    });
    expect(result.template.Resources.RedisLogGroup).toBeUndefined();
    expect(result.template.Resources.RedisSecurityGroup?.Properties?.SecurityGroupIngress).toBeUndefined();
    expect(result.template.Outputs?.RedisHost?.Value).toEqual({ 'Fn::GetAtt': ['RedisReplicationGroup', 'ConfigurationEndPoint.Address'] });
    expect(result.template.Outputs?.RedisReaderHost).toBeUndefined();
    expect(result.template.Outputs?.RedisSharding?.Value).toBe('enabled');
  });

  it('warns that internet mode cannot make a cluster public', () => {
    const result = compileWith([redisClusterCompiler], {
      redis: {
        type: 'redis-cluster',
        properties: { defaultUserPassword: directive('Secret', 'redis.password'), instanceSize: 'cache.t3.micro', accessibility: { accessibilityMode: 'internet' } },
      },
    });
    expect(result.diagnostics.map((d) => [d.severity, d.path?.slice(3).join('.')])).toEqual([['warning', 'accessibility.accessibilityMode']]);
    expect(result.template.Resources.RedisSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 6379, ToPort: 6379, CidrIp: '0.0.0.0/0', Description: 'internet' },
    ]);
  });

  it('reports sharding without replicas and a weak literal password', () => {
    const result = compileWith([redisClusterCompiler], {
      redis: { type: 'redis-cluster', properties: { defaultUserPassword: 'short', instanceSize: 'cache.t3.micro', enableSharding: true } },
    });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path?.at(-1)])).toEqual([
      ['STP_COMPILE_PLAINTEXT_SECRET', 'warning', 'defaultUserPassword'],
      ['STP_COMPILE_INVALID_PROPERTY', 'error', 'defaultUserPassword'],
      ['STP_COMPILE_INVALID_PROPERTY', 'error', 'numReplicaNodes'],
    ]);
  });
});
