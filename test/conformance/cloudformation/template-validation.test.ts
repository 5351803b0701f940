/**
 * Templates AWS refuses or rolls back (LocalStack api/test_validations.py, engine/test_attributes.py,
 * test_template_engine.py, recorded against AWS), deployed as those tests deploy: a CREATE change
 * set with all capabilities, executed.
 */
import { CloudFormationClient, waitUntilStackCreateComplete } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../support/aws-error.js';
import { WAIT, stackEvents } from '../support/capture-update-process.js';
import { startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { deployTemplate } from '../support/deploy-template.js';
import { loadFixture } from '../support/recorded-fixture.js';

const validations = loadFixture('cloudformation/api-validations.json');
const attributes = loadFixture('cloudformation/engine-attributes.json');
const templateEngine = loadFixture('cloudformation/template-engine.json');

/** tests/aws/templates/engine/cfn_invalid_getatt.yaml */
const INVALID_GETATT_TEMPLATE = `Resources:
  MyResource:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: unimportant

Outputs:
  InvalidOutput:
    Value: !GetAtt MyResource.Invalid
`;

describe('templates AWS refuses or rolls back', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  const outputCases: [string, unknown][] = [
    ['test_invalid_output_structure[none-value]', { MyOutput: { Value: null } }],
    ['test_invalid_output_structure[missing-def]', { MyOutput: { Value: null, AnotherValue: null } }],
    ['test_invalid_output_structure[multiple-nones]', { MyOutput: {} }],
  ];
  for (const [name, outputs] of outputCases) {
    it(`${name}: refused at CreateChangeSet`, async () => {
      const scenario = validations.scenario(name);
      const template = { Resources: { Foo: { Type: 'AWS::SNS::Topic' } }, Outputs: outputs };
      scenario.expect('validation-error', await errorResponse(deployTemplate(cfn, JSON.stringify(template))));
    });
  }

  it('test_missing_resources_block: refused at CreateChangeSet', async () => {
    const scenario = validations.scenario('test_missing_resources_block');
    scenario.expect('validation-error', await errorResponse(deployTemplate(cfn, JSON.stringify({}))));
  });

  const resourceCases: [string, unknown][] = [
    ['test_resources_blocks[missing-type]', { Properties: {} }],
    ['test_resources_blocks[invalid-key]', { Type: 'AWS::SNS::Topic', Invalid: 10 }],
  ];
  for (const [name, resource] of resourceCases) {
    it(`${name}: refused at CreateChangeSet`, async () => {
      const scenario = validations.scenario(name);
      scenario.expect('validation-error', await errorResponse(deployTemplate(cfn, JSON.stringify({ Resources: { A: resource } }))));
    });
  }

  it('TestResourceAttributes::test_invalid_getatt_fails: an output reading an attribute the type lacks rolls the create back', async () => {
    const scenario = attributes.scenario('TestResourceAttributes::test_invalid_getatt_fails');
    const stack = await deployTemplate(cfn, INVALID_GETATT_TEMPLATE, { noWait: true });
    await expect(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stack.stackId })).rejects.toThrow();
    scenario.expect('stack_events', { events: await stackEvents(cfn, stack.stackId) });
  });

  it('TestStackEvents::test_invalid_stack_deploy: a missing required property fails the resource', async () => {
    const scenario = templateEngine.scenario('TestStackEvents::test_invalid_stack_deploy');
    const template = { Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Value: 'abc123' } } } };
    const stack = await deployTemplate(cfn, JSON.stringify(template), { noWait: true });
    await expect(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stack.stackId })).rejects.toThrow();
    const failed = (await stackEvents(cfn, stack.stackId)).filter((event) => event.ResourceStatus === 'CREATE_FAILED' && event.LogicalResourceId === 'MyParameter');
    expect(failed).toHaveLength(1);
    scenario.expect('failed_event', { ...failed[0], ResourceProperties: JSON.parse(failed[0]!.ResourceProperties!) });
  });
});
