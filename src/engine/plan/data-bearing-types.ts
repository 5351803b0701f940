/**
 * Resource types whose deletion destroys data a user cannot recreate from the template: databases,
 * clusters, buckets, tables, queues, streams, log groups, user pools, caches, file systems,
 * secrets, registries. Replacing or removing one loses that data unless it is retained or
 * snapshotted.
 */
export const DATA_BEARING_TYPES: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::DocDB::DBInstance',
  'AWS::Neptune::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::Logs::LogGroup',
  'AWS::Cognito::UserPool',
  'AWS::ElastiCache::ReplicationGroup',
  'AWS::ElastiCache::CacheCluster',
  'AWS::ElastiCache::ServerlessCache',
  'AWS::MemoryDB::Cluster',
  'AWS::EFS::FileSystem',
  'AWS::FSx::FileSystem',
  'AWS::OpenSearchService::Domain',
  'AWS::Elasticsearch::Domain',
  'AWS::Redshift::Cluster',
  'AWS::SecretsManager::Secret',
  'AWS::ECR::Repository',
  'AWS::Backup::BackupVault',
]);

/**
 * Types that grant access: adding or changing them may broaden who can do what (IAM policies and
 * roles, resource policies, Lambda permissions) or who can reach what (security group rules).
 */
export const ACCESS_GRANTING_TYPES: ReadonlySet<string> = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::Lambda::Permission',
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
]);

/** Properties of those types whose change can broaden access (others, like Description, cannot). */
export const ACCESS_PROPERTIES: ReadonlySet<string> = new Set([
  'AssumeRolePolicyDocument',
  'Policies',
  'ManagedPolicyArns',
  'PolicyDocument',
  'PermissionsBoundary',
  'Principal',
  'SourceArn',
  'SourceAccount',
  'Action',
  'FunctionUrlAuthType',
  'SecurityGroupIngress',
  'SecurityGroupEgress',
  'CidrIp',
  'CidrIpv6',
  'IpProtocol',
  'FromPort',
  'ToPort',
  'SourceSecurityGroupId',
  'SourcePrefixListId',
  'Users',
  'Groups',
  'Roles',
]);
