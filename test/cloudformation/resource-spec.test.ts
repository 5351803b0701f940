import { describe, expect, it } from 'vitest';
import {
  attributeNames,
  buildSpecIndex,
  causesReplacement,
  getResourceType,
  isTaggable,
  propertyNames,
  refReturns,
  requiredProperties,
  ResourceSpec,
  resourceSpec,
} from '../../src/cloudformation/resource-spec.js';

describe('resource spec (from @aws-cdk/aws-service-spec)', () => {
  it('knows resource types and their properties', () => {
    expect(getResourceType('AWS::Lambda::Function')).toBeDefined();
    expect(getResourceType('AWS::Lambda::Functions')).toBeUndefined();
    expect(propertyNames('AWS::Lambda::Function')).toEqual(expect.arrayContaining(['Code', 'Role', 'Runtime', 'Handler']));
    expect(requiredProperties('AWS::Lambda::Function').sort()).toEqual(['Code', 'Role']);
    expect(requiredProperties('AWS::SNS::Topic')).toEqual([]);
    expect(resourceSpec().resourceTypeNames().length).toBeGreaterThan(1000);
  });

  it('reports replacement behaviour per property, also nested and by change-set path', () => {
    expect(causesReplacement('AWS::SNS::Topic', 'TopicName')).toBe('yes');
    expect(causesReplacement('AWS::SNS::Topic', 'DisplayName')).toBe('no');
    expect(causesReplacement('AWS::SNS::Topic', '/Properties/TopicName')).toBe('yes');
    expect(causesReplacement('AWS::Lambda::Function', ['MemorySize'])).toBe('no');
    expect(causesReplacement('AWS::Lambda::Function', ['FunctionName'])).toBe('yes');
    // Nested: a DynamoDB key schema element is immutable.
    expect(causesReplacement('AWS::DynamoDB::Table', ['KeySchema', 0, 'AttributeName'])).toBe('yes');
    expect(causesReplacement('AWS::RDS::DBInstance', 'Engine')).toBe('maybe');
    // additionalReplacementProperties
    expect(causesReplacement('AWS::EFS::AccessPoint', ['CreationInfo', 'OwnerUid'])).toBe('yes');
    expect(causesReplacement('AWS::Nope::Nope', 'X')).toBe('no');
  });

  it('lists GetAtt attributes (including dotted ones) and what Ref returns', () => {
    expect(attributeNames('AWS::Lambda::Function')).toContain('Arn');
    expect(attributeNames('AWS::RDS::DBInstance')).toContain('Endpoint.Address');
    expect(refReturns('AWS::SNS::Topic')).toEqual(['TopicArn']);
    expect(refReturns('AWS::Lambda::Function')).toEqual(['FunctionName']);
  });

  it('knows which types are taggable', () => {
    expect(isTaggable('AWS::Lambda::Function')).toBe(true);
    expect(getResourceType('AWS::Lambda::Function')?.tagPropertyName).toBe('Tags');
    expect(isTaggable('AWS::Lambda::Permission')).toBe(false);
  });

  it('maps Custom:: types onto AWS::CloudFormation::CustomResource', () => {
    expect(requiredProperties('Custom::DeploymentScript')).toEqual(['ServiceToken']);
  });

  it('exposes nested object property types', () => {
    const code = getResourceType('AWS::Lambda::Function')!.properties.Code!.type;
    expect(code.kind).toBe('object');
    if (code.kind !== 'object') return;
    expect(Object.keys(code.properties)).toEqual(expect.arrayContaining(['S3Bucket', 'S3Key', 'ZipFile']));
    const env = getResourceType('AWS::Lambda::Function')!.properties.Environment!.type;
    expect(env.kind === 'object' && env.properties.Variables?.type.kind).toBe('map');
  });

  it('builds an index from a db-shaped input (recursive types, replacement flags)', () => {
    const spec = new ResourceSpec(
      buildSpecIndex(
        {
          schema: {
            resource: {
              entities: [
                {
                  $id: '1',
                  cloudFormationType: 'X::Y::Z',
                  primaryIdentifier: ['Id'],
                  attributes: { Arn: {} },
                  properties: {
                    Name: { type: { type: 'string' }, required: true, causesReplacement: 'yes' },
                    Tree: { type: { type: 'ref', reference: { $ref: 't' } } },
                  },
                  tagInformation: { tagPropertyName: 'Tags' },
                },
              ],
            },
            typeDefinition: {
              entities: [
                {
                  $id: 't',
                  name: 'Node',
                  properties: {
                    Children: { type: { type: 'array', element: { type: 'ref', reference: { $ref: 't' } } } },
                    Label: { type: { type: 'string' }, causesReplacement: 'maybe' },
                  },
                },
              ],
            },
          },
        },
        'test',
      ),
    );
    expect(spec.requiredProperties('X::Y::Z')).toEqual(['Name']);
    expect(spec.causesReplacement('X::Y::Z', ['Tree', 'Children', 3, 'Children', 0, 'Label'])).toBe('maybe');
    expect(spec.causesReplacement('X::Y::Z', ['Tree'])).toBe('no');
    expect(spec.refReturns('X::Y::Z')).toEqual(['Id']);
    expect(spec.isTaggable('X::Y::Z')).toBe(true);
  });
});
