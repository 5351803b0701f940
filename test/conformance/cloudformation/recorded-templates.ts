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
