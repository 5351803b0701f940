import type { SnsTopicProperties } from '../../config/schema/resources/sns-topic.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { logicalNames } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/** `sns-topic` → AWS::SNS::Topic. */
export const snsTopicLogicalId = (name: string): string => logicalNames.snsTopic(name);

/** Topic names: 256 characters including a FIFO topic's `.fifo`. */
const TOPIC_NAME_LIMIT = 256;

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as SnsTopicProperties;
  const at = [...resource.path, 'properties'];
  const fifo = props.fifoEnabled === true;
  if (props.contentBasedDeduplication && !fifo) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'contentBasedDeduplication needs a FIFO topic.',
      path: [...at, 'contentBasedDeduplication'],
      hint: 'set fifoEnabled: true',
    });
  }

  const properties: Record<string, CfnValue> = {};
  if (fifo) {
    // A FIFO topic's name must end in .fifo, so stp names it.
    properties.TopicName = `${physicalName([ctx.stack.stackName, resource.name], TOPIC_NAME_LIMIT - 5)}.fifo`;
    properties.FifoTopic = true;
    if (props.contentBasedDeduplication) properties.ContentBasedDeduplication = true;
  }
  if (props.smsDisplayName !== undefined) properties.DisplayName = ctx.resolveValue(props.smsDisplayName, [...at, 'smsDisplayName']);
  ctx.addResource(snsTopicLogicalId(resource.name), { Type: 'AWS::SNS::Topic', Properties: properties }, resource.path);
}

export const snsTopicCompiler: ResourceCompiler = {
  type: 'sns-topic',
  compile,
  referenceableParams: {
    // Ref of a topic is its ARN.
    arn: ({ resourceName }) => ({ Ref: snsTopicLogicalId(resourceName) }),
    name: ({ resourceName }) => ({ 'Fn::GetAtt': [snsTopicLogicalId(resourceName), 'TopicName'] }),
  },
};
