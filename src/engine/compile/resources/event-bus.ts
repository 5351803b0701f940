import type { EventBusProperties } from '../../config/schema/resources/event-bus.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/** `event-bus` → AWS::Events::EventBus (+ AWS::Events::Archive when `archivation.enabled`). */
export const eventBusLogicalId = (name: string): string => logicalNames.eventBus(name);
export const eventBusArchiveLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::Events::Archive' });

/** Event bus names: 256 characters; archive names: 48. */
const BUS_NAME_LIMIT = 256;
const ARCHIVE_NAME_LIMIT = 48;

function archived(props: EventBusProperties | undefined): boolean {
  return props?.archivation?.enabled === true;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as EventBusProperties;
  const at = [...resource.path, 'properties'];
  const logicalId = eventBusLogicalId(resource.name);
  const properties: Record<string, CfnValue> = {};
  if (props.eventSourceName !== undefined) {
    // A partner event bus must carry the partner event source's name.
    if (!props.eventSourceName.startsWith('aws.partner/')) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `eventSourceName "${props.eventSourceName}" is not a partner event source name.`,
        path: [...at, 'eventSourceName'],
        expected: 'aws.partner/<partner>/<source>',
      });
    }
    properties.Name = props.eventSourceName;
    properties.EventSourceName = props.eventSourceName;
  } else {
    properties.Name = physicalName([ctx.stack.stackName, resource.name], BUS_NAME_LIMIT);
  }
  ctx.addResource(logicalId, { Type: 'AWS::Events::EventBus', Properties: properties }, resource.path);

  if (archived(props)) {
    const archive: Record<string, CfnValue> = {
      ArchiveName: physicalName([ctx.stack.stackName, resource.name], ARCHIVE_NAME_LIMIT),
      SourceArn: { 'Fn::GetAtt': [logicalId, 'Arn'] },
    };
    // No retentionDays: archived events are kept indefinitely (Stacktape's default).
    if (props.archivation?.retentionDays !== undefined) archive.RetentionDays = props.archivation.retentionDays;
    ctx.addResource(eventBusArchiveLogicalId(resource.name), { Type: 'AWS::Events::Archive', Properties: archive }, [
      ...at,
      'archivation',
    ]);
  }
}

export const eventBusCompiler: ResourceCompiler = {
  type: 'event-bus',
  compile,
  referenceableParams: {
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [eventBusLogicalId(resourceName), 'Arn'] }),
    archiveArn: ({ resourceName, properties }) =>
      archived(properties as EventBusProperties) ? { 'Fn::GetAtt': [eventBusArchiveLogicalId(resourceName), 'Arn'] } : undefined,
  },
};
