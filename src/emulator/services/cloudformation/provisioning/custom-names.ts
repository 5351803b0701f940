/**
 * The property that gives a resource a fixed (custom) name. CloudFormation cannot replace such a
 * resource while the name stays the same: the new one would collide with the old one.
 */
export const NAME_PROPERTIES: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Events::Rule': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::ElastiCache::ReplicationGroup': 'ReplicationGroupId',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Name',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Name',
};

/** CloudFormation's refusal, or undefined when the replacement can go ahead. */
export function customNameConflict(type: string, before: Record<string, unknown>, after: Record<string, unknown>): string | undefined {
  const property = NAME_PROPERTIES[type];
  if (!property) return undefined;
  const name = after[property];
  if (typeof name !== 'string' || name === '' || name !== before[property]) return undefined;
  return `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`;
}
