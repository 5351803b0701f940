import { describe, expect, it } from 'vitest';
import { checkSsmSecurePlacement, dynamicReferencesIn, parseDynamicReference } from '../../../../../src/emulator/services/cloudformation/template/dynamic-references.js';

describe('dynamic reference parsing', () => {
  it('reads secretsmanager references by name or ARN, with JSON key, stage or version id', () => {
    expect(parseDynamicReference('{{resolve:secretsmanager:db}}')).toMatchObject({ service: 'secretsmanager', secretId: 'db' });
    expect(parseDynamicReference('{{resolve:secretsmanager:db:SecretString:password}}')).toMatchObject({ secretId: 'db', jsonKey: 'password' });
    expect(parseDynamicReference('{{resolve:secretsmanager:db:SecretString::AWSPREVIOUS}}')).toMatchObject({ versionStage: 'AWSPREVIOUS' });
    expect(parseDynamicReference('{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf:SecretString:user::v1}}')).toMatchObject({
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf',
      jsonKey: 'user',
      versionId: 'v1',
    });
    expect(() => parseDynamicReference('{{resolve:secretsmanager:db:SecretString:k:AWSCURRENT:v1}}')).toThrow(/mutually exclusive/);
    expect(() => parseDynamicReference('{{resolve:secretsmanager:db:SecretBinary}}')).toThrow(/only SecretString/);
  });

  it('reads ssm references with an optional whole-number version, and refuses a malformed one as AWS words it', () => {
    expect(parseDynamicReference('{{resolve:ssm:/app/host}}')).toEqual({ service: 'ssm', text: '{{resolve:ssm:/app/host}}', name: '/app/host' });
    expect(parseDynamicReference('{{resolve:ssm-secure:/app/key:3}}')).toMatchObject({ service: 'ssm-secure', name: '/app/key', version: 3 });
    expect(() => parseDynamicReference('{{resolve:ssm-secure:/some/parameter:}}')).toThrow('Incorrect format is used in the following SSM reference: [{{resolve:ssm-secure:/some/parameter:}}]');
  });

  it('finds references anywhere in a value, and checks ssm-secure placement with the property path', () => {
    expect(dynamicReferencesIn({ a: ['x {{resolve:ssm:/p}} y', { 'Fn::Join': ['', ['{{resolve:secretsmanager:s}}']] }] })).toEqual(['{{resolve:ssm:/p}}', '{{resolve:secretsmanager:s}}']);
    expect(() => checkSsmSecurePlacement({ Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: '{{resolve:ssm-secure:/p:1}}' } } })).not.toThrow();
    expect(() =>
      checkSsmSecurePlacement({ Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { K: { 'Fn::Sub': '{{resolve:ssm-secure:/p:1}}' } } } } } }),
    ).toThrow('SSM Secure reference is not supported in: [AWS::Lambda::Function/Properties/Environment/Variables/K]');
  });
});
