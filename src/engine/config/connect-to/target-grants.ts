import type { ConnectGrant } from './connections.js';

const DEFAULT_DB_PORTS: Record<string, number> = {
  postgres: 5432,
  'aurora-postgresql': 5432,
  'aurora-postgresql-serverless': 5432,
  'aurora-postgresql-serverless-v2': 5432,
  mysql: 3306,
  mariadb: 3306,
  'aurora-mysql': 3306,
  'aurora-mysql-serverless': 3306,
  'aurora-mysql-serverless-v2': 3306,
  'oracle-ee': 1521,
  'oracle-se2': 1521,
  'sqlserver-ee': 1433,
  'sqlserver-ex': 1433,
  'sqlserver-se': 1433,
  'sqlserver-web': 1433,
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The port a database listens on: `engine.properties.port`, else the engine's default. */
export function databasePort(properties: Record<string, unknown>): number | undefined {
  const engine = record(properties.engine);
  const port = record(engine.properties).port;
  if (typeof port === 'number') return port;
  return typeof engine.type === 'string' ? DEFAULT_DB_PORTS[engine.type] : undefined;
}

/** Ports the containers of a multi-container workload listen on (from their events). */
function workloadPorts(properties: Record<string, unknown>): number[] {
  const ports = new Set<number>();
  for (const container of Array.isArray(properties.containers) ? properties.containers : []) {
    for (const event of Array.isArray(record(container).events) ? (record(container).events as unknown[]) : []) {
      const port = record(record(event).properties).containerPort;
      if (typeof port === 'number') ports.add(port);
    }
  }
  return [...ports].sort((a, b) => a - b);
}

export const SES_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail'];

/**
 * What connecting to a resource of `type` allows. IAM grants name the target's params rather than
 * CloudFormation values; relational databases, Redis clusters and private services are reached
 * over the network, so they get a security-group ingress rule on their port instead.
 */
export function targetGrants(target: string, type: string, properties: Record<string, unknown>): ConnectGrant[] {
  const iam = (actions: string[], ...resources: { param: string; suffix?: string }[]): ConnectGrant => ({
    kind: 'iam',
    target,
    actions,
    resources: resources.map((r) => ({ target, ...r })),
  });
  switch (type) {
    case 'bucket':
      return [
        iam(['s3:ListBucket', 's3:GetBucketLocation'], { param: 'arn' }),
        iam(
          [
            's3:GetObject',
            's3:GetObjectVersion',
            's3:GetObjectAttributes',
            's3:PutObject',
            's3:DeleteObject',
            's3:DeleteObjectVersion',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          { param: 'arn', suffix: '/*' },
        ),
      ];
    case 'dynamo-db-table': {
      const grants = [
        iam(
          [
            'dynamodb:GetItem',
            'dynamodb:BatchGetItem',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
            'dynamodb:DeleteItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:ConditionCheckItem',
            'dynamodb:Query',
            'dynamodb:Scan',
            'dynamodb:DescribeTable',
          ],
          { param: 'arn' },
          { param: 'arn', suffix: '/index/*' },
        ),
      ];
      if (properties.streamType) {
        grants.push(
          iam(
            ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
            { param: 'streamArn' },
          ),
        );
      }
      return grants;
    }
    case 'sqs-queue':
      return [
        iam(
          [
            'sqs:SendMessage',
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
          ],
          { param: 'arn' },
        ),
      ];
    case 'sns-topic':
      return [iam(['sns:Publish'], { param: 'arn' })];
    case 'event-bus':
      return [iam(['events:PutEvents'], { param: 'arn' })];
    case 'function':
      // The function and its versions/aliases (`arn:…:function:name:alias`).
      return [iam(['lambda:InvokeFunction'], { param: 'arn' }, { param: 'arn', suffix: ':*' })];
    case 'batch-job':
      return [
        iam(['states:StartExecution', 'states:DescribeStateMachine', 'states:ListExecutions'], { param: 'stateMachineArn' }),
      ];
    case 'user-auth-pool':
      return [
        iam(
          [
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminDeleteUser',
            'cognito-idp:AdminGetUser',
            'cognito-idp:AdminUpdateUserAttributes',
            'cognito-idp:AdminDeleteUserAttributes',
            'cognito-idp:AdminSetUserPassword',
            'cognito-idp:AdminResetUserPassword',
            'cognito-idp:AdminConfirmSignUp',
            'cognito-idp:AdminDisableUser',
            'cognito-idp:AdminEnableUser',
            'cognito-idp:AdminAddUserToGroup',
            'cognito-idp:AdminRemoveUserFromGroup',
            'cognito-idp:AdminListGroupsForUser',
            'cognito-idp:AdminInitiateAuth',
            'cognito-idp:AdminRespondToAuthChallenge',
            'cognito-idp:AdminUserGlobalSignOut',
            'cognito-idp:ListUsers',
            'cognito-idp:ListUsersInGroup',
            'cognito-idp:DescribeUserPool',
          ],
          { param: 'arn' },
        ),
      ];
    case 'relational-database': {
      const port = databasePort(properties);
      return port === undefined ? [] : [{ kind: 'security-group', target, port }];
    }
    case 'redis-cluster': {
      const port = typeof properties.port === 'number' ? properties.port : 6379;
      return [{ kind: 'security-group', target, port }];
    }
    case 'private-service': {
      const port = typeof properties.port === 'number' ? properties.port : 3000;
      return [{ kind: 'security-group', target, port }];
    }
    case 'multi-container-workload':
      return workloadPorts(properties).map((port) => ({ kind: 'security-group', target, port }));
    default:
      return [];
  }
}
