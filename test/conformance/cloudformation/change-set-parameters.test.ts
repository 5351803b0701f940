/**
 * Change sets driven by parameters and direct edits, replayed as LocalStack recorded them against
 * AWS (test_change_set_parameters.py, test_change_sets.py TestCaptureUpdateProcess).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { captureUpdateProcess } from '../support/capture-update-process.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { loadFixture, type RecordedScenario } from '../support/recorded-fixture.js';
import { SSM_GENERATED_NAME } from './recorded-templates.js';

const parametersFixture = loadFixture('cloudformation/change-set-parameters.json');
const changeSetsFixture = loadFixture('cloudformation/change-sets.json');

function names(scenario: RecordedScenario, ...labels: string[]): string[] {
  return labels.map((label) => {
    const name = `${label}-${shortUid()}${shortUid()}`;
    scenario.replace(name, label);
    return name;
  });
}

const topicFromParameter = { Foo: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'TopicName' } } } };

describe('change sets from parameters and direct edits, as AWS answers them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('TestChangeSetParameters::test_update_parameter_default_value', async () => {
    const scenario = parametersFixture.scenario('TestChangeSetParameters::test_update_parameter_default_value');
    const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
    const t1 = { Parameters: { TopicName: { Type: 'String', Default: n1 } }, Resources: topicFromParameter };
    const t2 = { Parameters: { TopicName: { Type: 'String', Default: n2 } }, Resources: topicFromParameter };
    await captureUpdateProcess(cfn, scenario, t1, t2);
  });

  it('TestChangeSetParameters::test_update_parameter_with_added_default_value', async () => {
    const scenario = parametersFixture.scenario('TestChangeSetParameters::test_update_parameter_with_added_default_value');
    const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
    const t1 = { Parameters: { TopicName: { Type: 'String' } }, Resources: topicFromParameter };
    const t2 = { Parameters: { TopicName: { Type: 'String', Default: n2 } }, Resources: topicFromParameter };
    await captureUpdateProcess(cfn, scenario, t1, t2, { p1: { TopicName: n1! } });
  });

  it('TestCaptureUpdateProcess::test_direct_update: a literal edit of a replacing property', async () => {
    const scenario = changeSetsFixture.scenario('TestCaptureUpdateProcess::test_direct_update');
    const [n1, n2] = names(scenario, 'topic-1', 'topic-2');
    const template = (name: string) => ({ Resources: { Foo: { Type: 'AWS::SNS::Topic', Properties: { TopicName: name } } } });
    await captureUpdateProcess(cfn, scenario, template(n1!), template(n2!));
  });

  it('TestCaptureUpdateProcess::test_parameter_changes: a parameter replaces A, and B reads A through Fn::GetAtt', async () => {
    const scenario = changeSetsFixture.scenario('TestCaptureUpdateProcess::test_parameter_changes').normalise(SSM_GENERATED_NAME, 'CFN-$1-<generated>');
    const [n1, n2] = names(scenario, 'topic-1', 'topic-2');
    const template = {
      Parameters: { TopicName: { Type: 'String' } },
      Resources: {
        ...topicFromParameter,
        Parameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::GetAtt': ['Foo', 'TopicName'] } } },
      },
    };
    await captureUpdateProcess(cfn, scenario, template, template, { p1: { TopicName: n1! }, p2: { TopicName: n2! } });
  });
});
