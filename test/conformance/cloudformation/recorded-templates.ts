/**
 * Templates the recorded LocalStack tests deploy (localstack/localstack @ 8b9a79f, Apache-2.0),
 * copied as the tests send them; each names its origin.
 */

/** tests/aws/services/cloudformation/api/test_stacks.py › MINIMAL_TEMPLATE */
export const MINIMAL_TEMPLATE = `
Resources:
    SimpleParam:
        Type: AWS::SSM::Parameter
        Properties:
            Value: test
            Type: String
`;

/** tests/aws/templates/cdkmetadata.yaml */
export const CDK_METADATA_TEMPLATE = `Resources:
  CDKMetadata:
    Type: AWS::CDK::Metadata
    Properties:
      Analytics: v2:deflate64:H4sIAAAAAAAA/zPSMzbTM1BMLC/WTU7J1s3JTNKrDi5JTM7WcU7LC0otzi8tSk4FsZ3z81IySzLz82p18vJTUvWyivXLDM30DE30jBSzijMzdYtK80oyc1P1giA0AExi6LdZAAAA
    Metadata:
      aws:cdk:path: CdkTestStack/CDKMetadata/Default
`;

/** tests/aws/templates/sns_topic_simple.yaml */
export const SNS_TOPIC_SIMPLE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Metadata:
  TopicName: sns-topic-simple
Parameters:
  TopicName:
    Type: String
    Default: sns-topic-simple
Resources:
  topic123:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref TopicName
    UpdateReplacePolicy: Delete
    DeletionPolicy: Delete
`;

/** tests/aws/templates/simple_api.yaml */
export const SIMPLE_API_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"

Parameters:
  ApiName:
    Type: String

Resources:
  Api:
    Type: 'AWS::ApiGateway::RestApi'
    Properties:
      Name:
        Ref: ApiName
`;

/** tests/aws/templates/simple_no_change.yaml */
export const SIMPLE_NO_CHANGE_TEMPLATE = `Resources:
  MyTopic:
    Type: AWS::SNS::Topic
`;

/** tests/aws/templates/stack_policy_test.yaml */
export const STACK_POLICY_TEST_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'

Parameters:
  TopicName:
    Type: String
  BucketName:
    Type: String

Resources:
  topic123:
    Type: AWS::SNS::Topic
    Properties:
      TopicName:
        Ref: TopicName

  bucket123:
    Type: AWS::S3::Bucket
    Properties:
      BucketName:
        Ref: BucketName
`;

/** tests/aws/templates/sns_topic_parameter.yml */
export const SNS_TOPIC_PARAMETER_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  TopicName:
    Type: String
    Default: sns-topic-simple
Resources:
  topic123:
    Type: AWS::SNS::Topic
    Properties:
      TopicName:
        Ref: TopicName
    UpdateReplacePolicy: Delete
    DeletionPolicy: Delete

Outputs:
  TopicArn:
    Value:
      Fn::GetAtt:
        - topic123
        - TopicArn
`;

/** tests/aws/templates/stack_policy.json, empty_policy.json, invalid_stack_policy.json */
export const STACK_POLICY_JSON = `{
  "Statement": [{"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]
}`;
export const EMPTY_POLICY_JSON = '{}';
export const INVALID_STACK_POLICY_JSON = `{
  "Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"
}`;

/**
 * An unnamed SSM parameter's generated name (`CFN-<LogicalId>-<12 letters and digits>`): some
 * recordings kept AWS's literally; `scenario.normalise` compares its shape.
 */
export const SSM_GENERATED_NAME = /CFN-([A-Za-z0-9]+)-[A-Za-z0-9]{12}\b/g;
