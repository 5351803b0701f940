/**
 * Change sets whose changes arrive through a reference (Ref, Fn::GetAtt), replayed as LocalStack
 * recorded them against AWS (test_change_set_ref.py, test_change_set_fn_get_attr.py): the plan
 * (DescribeChangeSet with and without property values), the stack after each step and the event
 * history. Templates are the tests' own, with their topic names.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { captureUpdateProcess } from '../support/capture-update-process.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { loadFixture, type RecordedScenario } from '../support/recorded-fixture.js';

const refFixture = loadFixture('cloudformation/change-set-ref.json');
const getAttFixture = loadFixture('cloudformation/change-set-fn-get-attr.json');

type Props = Record<string, unknown>;
const topic = (properties: Props) => ({ Type: 'AWS::SNS::Topic', Properties: properties });
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

/** `topic-name-N-<uid>` names, shown as `topic-name-N` in the recording (its RegexTransformer). */
function names(scenario: RecordedScenario, ...labels: string[]): string[] {
  return labels.map((label) => {
    const name = `${label}-${shortUid()}${shortUid()}`;
    scenario.replace(name, label);
    return name;
  });
}

describe('change sets through references, as AWS answers them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  describe('Ref', () => {
    it('TestChangeSetRef::test_resource_addition', async () => {
      const scenario = refFixture.scenario('TestChangeSetRef::test_resource_addition');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const t1 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }) } };
      const t2 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }), Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }) } };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });

    it('TestChangeSetRef::test_direct_attribute_value_change', async () => {
      const scenario = refFixture.scenario('TestChangeSetRef::test_direct_attribute_value_change');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const template = (display: string) => ({
        Resources: { Topic1: topic({ TopicName: n1, DisplayName: display }), Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }) },
      });
      await captureUpdateProcess(cfn, scenario, template('display-value-1'), template('display-value-2'));
    });

    it('TestChangeSetRef::test_direct_attribute_value_change_in_ref_chain', async () => {
      const scenario = refFixture.scenario('TestChangeSetRef::test_direct_attribute_value_change_in_ref_chain');
      const [n1, n2, n3] = names(scenario, 'topic-name-1', 'topic-name-2', 'topic-name-3');
      const template = (display: string) => ({
        Resources: {
          Topic1: topic({ TopicName: n1, DisplayName: display }),
          Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }),
          Topic3: topic({ TopicName: n3, DisplayName: ref('Topic2') }),
        },
      });
      await captureUpdateProcess(cfn, scenario, template('display-value-1'), template('display-value-2'));
    });

    it('TestChangeSetRef::test_direct_attribute_value_change_with_dependent_addition', async () => {
      const scenario = refFixture.scenario('TestChangeSetRef::test_direct_attribute_value_change_with_dependent_addition');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const t1 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }) } };
      const t2 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-2' }), Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }) } };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });

    it('TestChangeSetRef::test_immutable_property_update_causes_resource_replacement', async () => {
      const scenario = refFixture.scenario('TestChangeSetRef::test_immutable_property_update_causes_resource_replacement');
      const [n1u, n1, n2] = names(scenario, 'updated-topic-name-1', 'topic-name-1', 'topic-name-2');
      const t1 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'value' }), Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }) } };
      const t2 = { Resources: { Topic1: topic({ TopicName: n1u, DisplayName: 'new_value' }), Topic2: topic({ TopicName: n2, DisplayName: ref('Topic1') }) } };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });
  });

  describe('Fn::GetAtt', () => {
    it('TestChangeSetFnGetAttr::test_resource_addition', async () => {
      const scenario = getAttFixture.scenario('TestChangeSetFnGetAttr::test_resource_addition');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const t1 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }) } };
      const t2 = {
        Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }), Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }) },
      };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });

    it('TestChangeSetFnGetAttr::test_resource_deletion', async () => {
      const scenario = getAttFixture.scenario('TestChangeSetFnGetAttr::test_resource_deletion');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const t1 = {
        Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }), Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }) },
      };
      const t2 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'display-value-1' }) } };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });

    it('TestChangeSetFnGetAttr::test_direct_attribute_value_change', async () => {
      const scenario = getAttFixture.scenario('TestChangeSetFnGetAttr::test_direct_attribute_value_change');
      const [n1, n2] = names(scenario, 'topic-name-1', 'topic-name-2');
      const template = (display: string) => ({
        Resources: { Topic1: topic({ TopicName: n1, DisplayName: display }), Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }) },
      });
      await captureUpdateProcess(cfn, scenario, template('display-value-1'), template('display-value-2'));
    });

    it('TestChangeSetFnGetAttr::test_direct_attribute_value_change_in_get_attr_chain', async () => {
      const scenario = getAttFixture.scenario('TestChangeSetFnGetAttr::test_direct_attribute_value_change_in_get_attr_chain');
      const [n1, n2, n3] = names(scenario, 'topic-name-1', 'topic-name-2', 'topic-name-3');
      const template = (display: string) => ({
        Resources: {
          Topic1: topic({ TopicName: n1, DisplayName: display }),
          Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }),
          Topic3: topic({ TopicName: n3, DisplayName: getAtt('Topic2', 'DisplayName') }),
        },
      });
      await captureUpdateProcess(cfn, scenario, template('display-value-1'), template('display-value-2'));
    });

    it('TestChangeSetFnGetAttr::test_immutable_property_update_causes_resource_replacement', async () => {
      const scenario = getAttFixture.scenario('TestChangeSetFnGetAttr::test_immutable_property_update_causes_resource_replacement');
      const [n1u, n1, n2] = names(scenario, 'updated-topic-name-1', 'topic-name-1', 'topic-name-2');
      const t1 = { Resources: { Topic1: topic({ TopicName: n1, DisplayName: 'value' }), Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }) } };
      const t2 = { Resources: { Topic1: topic({ TopicName: n1u, DisplayName: 'new_value' }), Topic2: topic({ TopicName: n2, DisplayName: getAtt('Topic1', 'DisplayName') }) } };
      await captureUpdateProcess(cfn, scenario, t1, t2);
    });
  });
});
