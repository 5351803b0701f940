import { generatedName, randomChars } from './physical-names.js';

/**
 * How each resource type is named and what its Ref and Fn::GetAtt return, shaped like AWS's
 * (ARN formats, ID prefixes). Types not listed get the generic rule at the bottom.
 */
export interface IdentityContext {
  stackName: string;
  logicalId: string;
  region: string;
  accountId: string;
  properties: Record<string, unknown>;
}

export interface ResourceIdentity {
  /** The physical ID for a new resource (uses the name property when the template sets one). */
  physicalId(ctx: IdentityContext): string;
  /** Fn::GetAtt values for a resource with this physical ID. Ref is always the physical ID. */
  attributes(physicalId: string, ctx: IdentityContext): Record<string, unknown>;
}

function named(nameProperty: string, options: { maxLength?: number; lowercase?: boolean } = {}) {
  return (ctx: IdentityContext) => {
    const given = ctx.properties[nameProperty];
    return typeof given === 'string' && given !== '' ? given : generatedName(ctx.stackName, ctx.logicalId, options);
  };
}

function arn(ctx: IdentityContext, service: string, resource: string, regional = true, account = true): string {
  return `arn:aws:${service}:${regional ? ctx.region : ''}:${account ? ctx.accountId : ''}:${resource}`;
}

export const RESOURCE_IDENTITIES: Record<string, ResourceIdentity> = {
  'AWS::Lambda::Function': {
    physicalId: named('FunctionName'),
    attributes: (id, ctx) => ({ Arn: arn(ctx, 'lambda', `function:${id}`) }),
  },
  'AWS::Lambda::Permission': {
    physicalId: (ctx) => generatedName(ctx.stackName, ctx.logicalId),
    attributes: () => ({}),
  },
  'AWS::Lambda::Version': {
    physicalId: (ctx) => `${String(ctx.properties.FunctionName ?? '')}:1`,
    attributes: (id) => ({ Version: id.split(':').pop() ?? '1', FunctionArn: id }),
  },
  'AWS::Logs::LogGroup': {
    physicalId: named('LogGroupName', { maxLength: 512 }),
    attributes: (id, ctx) => ({ Arn: arn(ctx, 'logs', `log-group:${id}:*`) }),
  },
  'AWS::S3::Bucket': {
    physicalId: named('BucketName', { maxLength: 63, lowercase: true }),
    attributes: (id, ctx) => ({
      Arn: `arn:aws:s3:::${id}`,
      DomainName: `${id}.s3.amazonaws.com`,
      RegionalDomainName: `${id}.s3.${ctx.region}.amazonaws.com`,
      DualStackDomainName: `${id}.s3.dualstack.${ctx.region}.amazonaws.com`,
      WebsiteURL: `http://${id}.s3-website-${ctx.region}.amazonaws.com`,
    }),
  },
  'AWS::S3::BucketPolicy': {
    physicalId: (ctx) => generatedName(ctx.stackName, ctx.logicalId),
    attributes: () => ({}),
  },
  'AWS::IAM::Role': {
    physicalId: named('RoleName'),
    attributes: (id, ctx) => ({
      Arn: `arn:aws:iam::${ctx.accountId}:role${String(ctx.properties.Path ?? '/')}${id}`,
      RoleId: `AROA${randomChars(17)}`,
    }),
  },
  'AWS::IAM::Policy': {
    physicalId: (ctx) => `${ctx.stackName.slice(0, 10)}-${ctx.logicalId.slice(0, 10)}-${randomChars(12)}`,
    attributes: () => ({}),
  },
  'AWS::IAM::ManagedPolicy': {
    physicalId: (ctx) => `arn:aws:iam::${ctx.accountId}:policy/${named('ManagedPolicyName')(ctx)}`,
    attributes: (id) => ({ PolicyArn: id }),
  },
  'AWS::SNS::Topic': {
    physicalId: (ctx) => arn(ctx, 'sns', named('TopicName', { maxLength: 256 })(ctx)),
    attributes: (id) => ({ TopicArn: id, TopicName: id.split(':').pop() }),
  },
  'AWS::SSM::Parameter': {
    // Unnamed parameters are `CFN-<LogicalId>-<12 mixed-case letters and digits>` (recorded:
    // LocalStack resource_providers/ssm/test_parameter.snapshot.json, api/test_stacks test_stack_deploy_order).
    physicalId: (ctx) => {
      const given = ctx.properties.Name;
      return typeof given === 'string' && given !== '' ? given : `CFN-${ctx.logicalId}-${randomChars(12, 'mixed')}`;
    },
    attributes: (id, ctx) => ({
      Type: ctx.properties.Type,
      Value: ctx.properties.Value,
      Arn: arn(ctx, 'ssm', `parameter/${id.replace(/^\//, '')}`),
    }),
  },
  'AWS::SQS::Queue': {
    physicalId: (ctx) => `https://sqs.${ctx.region}.amazonaws.com/${ctx.accountId}/${named('QueueName', { maxLength: 80 })(ctx)}`,
    attributes: (id, ctx) => {
      const name = id.split('/').pop() ?? id;
      return { Arn: arn(ctx, 'sqs', name), QueueName: name, QueueUrl: id };
    },
  },
  'AWS::DynamoDB::Table': {
    physicalId: named('TableName', { maxLength: 255 }),
    attributes: (id, ctx) => ({
      Arn: arn(ctx, 'dynamodb', `table/${id}`),
      StreamArn: arn(ctx, 'dynamodb', `table/${id}/stream/${new Date(0).toISOString().replace('Z', '')}`),
    }),
  },
  'AWS::Events::Rule': {
    physicalId: named('Name'),
    attributes: (id, ctx) => ({ Arn: arn(ctx, 'events', `rule/${id}`) }),
  },
  'AWS::Events::EventBus': {
    physicalId: named('Name', { maxLength: 256 }),
    attributes: (id, ctx) => ({ Arn: arn(ctx, 'events', `event-bus/${id}`), Name: id }),
  },
  'AWS::SecretsManager::Secret': {
    physicalId: (ctx) => arn(ctx, 'secretsmanager', `secret:${named('Name')(ctx)}-${randomChars(6, 'lower')}`),
    attributes: (id) => ({ Id: id }),
  },
  'AWS::EC2::VPC': {
    physicalId: () => `vpc-${randomChars(17, 'hex')}`,
    attributes: (id, ctx) => ({ VpcId: id, CidrBlock: ctx.properties.CidrBlock ?? '10.0.0.0/16', DefaultSecurityGroup: `sg-${randomChars(17, 'hex')}` }),
  },
  'AWS::EC2::Subnet': {
    physicalId: () => `subnet-${randomChars(17, 'hex')}`,
    attributes: (id, ctx) => ({ SubnetId: id, AvailabilityZone: ctx.properties.AvailabilityZone ?? `${ctx.region}a`, VpcId: ctx.properties.VpcId }),
  },
  'AWS::EC2::SecurityGroup': {
    physicalId: () => `sg-${randomChars(17, 'hex')}`,
    attributes: (id, ctx) => ({ GroupId: id, VpcId: ctx.properties.VpcId }),
  },
  'AWS::EC2::InternetGateway': { physicalId: () => `igw-${randomChars(17, 'hex')}`, attributes: (id) => ({ InternetGatewayId: id }) },
  'AWS::EC2::RouteTable': { physicalId: () => `rtb-${randomChars(17, 'hex')}`, attributes: (id) => ({ RouteTableId: id }) },
  'AWS::ECS::Cluster': {
    physicalId: named('ClusterName', { maxLength: 255 }),
    attributes: (id, ctx) => ({ Arn: arn(ctx, 'ecs', `cluster/${id}`) }),
  },
  'AWS::ECS::Service': {
    physicalId: (ctx) => {
      const cluster = String(ctx.properties.Cluster ?? 'default').split('/').pop();
      return arn(ctx, 'ecs', `service/${cluster}/${named('ServiceName', { maxLength: 255 })(ctx)}`);
    },
    attributes: (id) => ({ ServiceArn: id, Name: id.split('/').pop() }),
  },
  'AWS::ECS::TaskDefinition': {
    physicalId: (ctx) => arn(ctx, 'ecs', `task-definition/${String(ctx.properties.Family ?? generatedName(ctx.stackName, ctx.logicalId))}:1`),
    attributes: (id) => ({ TaskDefinitionArn: id }),
  },
  'AWS::RDS::DBInstance': {
    physicalId: (ctx) => named('DBInstanceIdentifier', { maxLength: 63, lowercase: true })(ctx).toLowerCase(),
    attributes: (id, ctx) => ({
      'Endpoint.Address': `${id}.${randomChars(12, 'lower')}.${ctx.region}.rds.amazonaws.com`,
      'Endpoint.Port': String(ctx.properties.Port ?? (String(ctx.properties.Engine ?? '').includes('mysql') ? 3306 : 5432)),
      DBInstanceArn: arn(ctx, 'rds', `db:${id}`),
    }),
  },
  'AWS::RDS::DBCluster': {
    physicalId: (ctx) => named('DBClusterIdentifier', { maxLength: 63, lowercase: true })(ctx).toLowerCase(),
    attributes: (id, ctx) => {
      const suffix = randomChars(12, 'lower');
      const port = String(ctx.properties.Port ?? (String(ctx.properties.Engine ?? '').includes('mysql') ? 3306 : 5432));
      return {
        'Endpoint.Address': `${id}.cluster-${suffix}.${ctx.region}.rds.amazonaws.com`,
        'Endpoint.Port': port,
        'ReadEndpoint.Address': `${id}.cluster-ro-${suffix}.${ctx.region}.rds.amazonaws.com`,
        DBClusterArn: arn(ctx, 'rds', `cluster:${id}`),
        DBClusterResourceId: `cluster-${randomChars(26)}`,
      };
    },
  },
  'AWS::ElastiCache::ReplicationGroup': {
    physicalId: (ctx) => named('ReplicationGroupId', { maxLength: 40, lowercase: true })(ctx).toLowerCase(),
    attributes: (id, ctx) => {
      const host = `${randomChars(6, 'lower')}.cache.amazonaws.com`;
      const port = String(ctx.properties.Port ?? 6379);
      return {
        'PrimaryEndPoint.Address': `master.${id}.${host}`,
        'PrimaryEndPoint.Port': port,
        'ReaderEndPoint.Address': `replica.${id}.${host}`,
        'ReaderEndPoint.Port': port,
        'ConfigurationEndPoint.Address': `clustercfg.${id}.${host}`,
        'ConfigurationEndPoint.Port': port,
      };
    },
  },
  'AWS::StepFunctions::StateMachine': {
    physicalId: (ctx) => arn(ctx, 'states', `stateMachine:${named('StateMachineName', { maxLength: 80 })(ctx)}`),
    attributes: (id) => ({ Arn: id, Name: id.split(':').pop() }),
  },
  'AWS::Lambda::Url': {
    physicalId: (ctx) => String(ctx.properties.TargetFunctionArn ?? generatedName(ctx.stackName, ctx.logicalId)),
    attributes: (_id, ctx) => ({ FunctionUrl: `https://${randomChars(32, 'lower')}.lambda-url.${ctx.region}.on.aws/`, FunctionArn: ctx.properties.TargetFunctionArn }),
  },
  'AWS::Cognito::UserPoolClient': {
    physicalId: () => randomChars(26, 'lower'),
    attributes: (id) => ({ ClientId: id, Name: id }),
  },
  'AWS::ServiceDiscovery::PrivateDnsNamespace': {
    physicalId: () => `ns-${randomChars(16, 'lower')}`,
    attributes: (id, ctx) => ({ Id: id, Arn: arn(ctx, 'servicediscovery', `namespace/${id}`), HostedZoneId: `Z${randomChars(20)}` }),
  },
  'AWS::ServiceDiscovery::Service': {
    physicalId: () => `srv-${randomChars(16, 'lower')}`,
    attributes: (id, ctx) => ({ Id: id, Arn: arn(ctx, 'servicediscovery', `service/${id}`), Name: ctx.properties.Name ?? id }),
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    physicalId: (ctx) => arn(ctx, 'elasticloadbalancing', `loadbalancer/app/${named('Name', { maxLength: 32 })(ctx)}/${randomChars(16, 'hex')}`),
    attributes: (id, ctx) => {
      const [, , name, suffix] = id.split('/');
      return {
        LoadBalancerArn: id,
        LoadBalancerName: name,
        LoadBalancerFullName: `app/${name}/${suffix}`,
        DNSName: `${name}-${randomChars(10, 'hex')}.${ctx.region}.elb.amazonaws.com`,
        CanonicalHostedZoneID: 'Z35SXDOTRQ7X7K',
      };
    },
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    physicalId: (ctx) => arn(ctx, 'elasticloadbalancing', `targetgroup/${named('Name', { maxLength: 32 })(ctx)}/${randomChars(16, 'hex')}`),
    attributes: (id) => ({ TargetGroupArn: id, TargetGroupName: id.split('/')[1], TargetGroupFullName: id.split(':').pop() }),
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    physicalId: (ctx) => arn(ctx, 'elasticloadbalancing', `listener/app/${ctx.stackName.slice(0, 20)}/${randomChars(16, 'hex')}/${randomChars(16, 'hex')}`),
    attributes: (id) => ({ ListenerArn: id }),
  },
  'AWS::ApiGatewayV2::Api': {
    physicalId: () => randomChars(10, 'lower'),
    attributes: (id, ctx) => ({ ApiId: id, ApiEndpoint: `https://${id}.execute-api.${ctx.region}.amazonaws.com` }),
  },
  'AWS::Cognito::UserPool': {
    physicalId: (ctx) => `${ctx.region}_${randomChars(9)}`,
    attributes: (id, ctx) => ({
      Arn: arn(ctx, 'cognito-idp', `userpool/${id}`),
      ProviderName: `cognito-idp.${ctx.region}.amazonaws.com/${id}`,
      ProviderURL: `https://cognito-idp.${ctx.region}.amazonaws.com/${id}`,
      UserPoolId: id,
    }),
  },
  'AWS::CloudFormation::WaitConditionHandle': {
    physicalId: (ctx) => `https://cloudformation-waitcondition-${ctx.region}.s3.amazonaws.com/${randomChars(20)}`,
    attributes: () => ({}),
  },
};

/** Generic rule: `<stack>-<logicalId>-<random>`, and an `Arn` shaped from the type name. */
export const GENERIC_IDENTITY: ResourceIdentity = {
  physicalId: (ctx) => generatedName(ctx.stackName, ctx.logicalId),
  attributes: () => ({}),
};

export function identityFor(type: string): ResourceIdentity {
  return RESOURCE_IDENTITIES[type] ?? GENERIC_IDENTITY;
}

/** An attribute a generic resource is asked for: ARN-shaped for *Arn, the physical ID for *Id/Name. */
export function genericAttribute(type: string, attribute: string, physicalId: string, ctx: { region: string; accountId: string }): string {
  const [, service = 'unknown', kind = 'resource'] = type.split('::');
  if (/arn$/i.test(attribute)) return `arn:aws:${service.toLowerCase()}:${ctx.region}:${ctx.accountId}:${kind.toLowerCase()}/${physicalId}`;
  if (/(id|name)$/i.test(attribute)) return physicalId;
  if (/address$/i.test(attribute)) return `${physicalId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.${service.toLowerCase()}.${ctx.region}.amazonaws.com`;
  return `${physicalId}.${attribute}`;
}
