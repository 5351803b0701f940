import { describe, expect, it } from 'vitest';
import { validateReferences } from '../../../../../src/emulator/services/cloudformation/template/validate-references.js';
import type { Template } from '../../../../../src/emulator/services/cloudformation/template/template-types.js';

const withRef = (name: string): Template =>
  ({ Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: name } } } } }) as unknown as Template;

describe('the local cloud reference check', () => {
  it('accepts every CloudFormation pseudo parameter', () => {
    for (const name of ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']) {
      expect(() => validateReferences(withRef(name))).not.toThrow();
    }
  });

  it('rejects an AWS:: name that is not a pseudo parameter, as CloudFormation does', () => {
    expect(() => validateReferences(withRef('AWS::Regoin'))).toThrow(
      'Template format error: Unresolved resource dependencies [AWS::Regoin] in the Resources block of the template',
    );
  });
});
