/**
 * How long CloudFormation typically takes to create/update/delete each type, in emulated
 * milliseconds (ctx.clock scales them). Typical figures from AWS console timings.
 */
interface Latency { create: number; update: number; delete: number }

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const LATENCIES: Record<string, Latency> = {
  'AWS::Lambda::Function': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::Lambda::Permission': { create: 1 * SECOND, update: 1 * SECOND, delete: 1 * SECOND },
  'AWS::Lambda::Version': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::Lambda::EventSourceMapping': { create: 30 * SECOND, update: 30 * SECOND, delete: 30 * SECOND },
  'AWS::IAM::Role': { create: 10 * SECOND, update: 5 * SECOND, delete: 2 * SECOND },
  'AWS::IAM::Policy': { create: 15 * SECOND, update: 15 * SECOND, delete: 2 * SECOND },
  'AWS::IAM::ManagedPolicy': { create: 10 * SECOND, update: 5 * SECOND, delete: 2 * SECOND },
  'AWS::Logs::LogGroup': { create: 1 * SECOND, update: 1 * SECOND, delete: 1 * SECOND },
  'AWS::S3::Bucket': { create: 3 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::S3::BucketPolicy': { create: 1 * SECOND, update: 1 * SECOND, delete: 1 * SECOND },
  'AWS::SNS::Topic': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::SQS::Queue': { create: 60 * SECOND, update: 60 * SECOND, delete: 60 * SECOND },
  'AWS::DynamoDB::Table': { create: 10 * SECOND, update: 10 * SECOND, delete: 10 * SECOND },
  'AWS::RDS::DBInstance': { create: 5 * MINUTE, update: 5 * MINUTE, delete: 5 * MINUTE },
  'AWS::RDS::DBCluster': { create: 5 * MINUTE, update: 5 * MINUTE, delete: 5 * MINUTE },
  'AWS::ECS::Cluster': { create: 5 * SECOND, update: 5 * SECOND, delete: 5 * SECOND },
  'AWS::ECS::Service': { create: 1 * MINUTE, update: 1 * MINUTE, delete: 1 * MINUTE },
  'AWS::ECS::TaskDefinition': { create: 1 * SECOND, update: 1 * SECOND, delete: 1 * SECOND },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { create: 3 * MINUTE, update: 30 * SECOND, delete: 30 * SECOND },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { create: 2 * SECOND, update: 2 * SECOND, delete: 2 * SECOND },
  'AWS::ElasticLoadBalancingV2::Listener': { create: 2 * SECOND, update: 2 * SECOND, delete: 2 * SECOND },
  'AWS::EC2::VPC': { create: 3 * SECOND, update: 3 * SECOND, delete: 3 * SECOND },
  'AWS::EC2::Subnet': { create: 3 * SECOND, update: 3 * SECOND, delete: 3 * SECOND },
  'AWS::EC2::SecurityGroup': { create: 5 * SECOND, update: 5 * SECOND, delete: 5 * SECOND },
  'AWS::EC2::NatGateway': { create: 2 * MINUTE, update: 2 * MINUTE, delete: 1 * MINUTE },
  'AWS::ElastiCache::ReplicationGroup': { create: 10 * MINUTE, update: 5 * MINUTE, delete: 5 * MINUTE },
  'AWS::Cognito::UserPool': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::ApiGatewayV2::Api': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::Events::Rule': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
  'AWS::SecretsManager::Secret': { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND },
};

/** Anything not in the table. */
export const DEFAULT_LATENCY: Latency = { create: 2 * SECOND, update: 2 * SECOND, delete: 1 * SECOND };

export function latencyFor(type: string, action: keyof Latency): number {
  return (LATENCIES[type] ?? DEFAULT_LATENCY)[action];
}

/**
 * The latency for one resource: the table's, or `Metadata: { "stp:emulator": { "latencySeconds": N } }`
 * (emulated seconds) to make a step slow on purpose, e.g. to watch or cancel a long update.
 */
export function resourceLatency(type: string, action: keyof Latency, metadata: Record<string, unknown> | undefined): number {
  const override = (metadata?.['stp:emulator'] as { latencySeconds?: unknown } | undefined)?.latencySeconds;
  const seconds = Number(override);
  return override !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds * SECOND : latencyFor(type, action);
}
