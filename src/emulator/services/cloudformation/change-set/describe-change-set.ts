import type { ChangeSetRecord } from '../stack/stack-model.js';
import type { ChangeDetail, ResourceChange } from './compute-changes.js';

/**
 * Shapes a stored change set for DescribeChangeSet. Without IncludePropertyValues, Target keeps
 * only Attribute/Name/RequiresRecreation and there are no Before/AfterContext (both JSON strings).
 */
export function describeChangeSet(changeSet: ChangeSetRecord, includePropertyValues: boolean): Record<string, unknown> {
  const stored = changeSet.changes as { Type: string; ResourceChange: ResourceChange }[];
  const changes = stored.filter((change) => !(includePropertyValues && change.ResourceChange.DefaultViewOnly)).map((change) => {
    const { BeforeContext, AfterContext, Details: defaultDetails, ValueDetails, ValueScope, DefaultViewOnly: _only, ...rest } = change.ResourceChange;
    const Details = includePropertyValues ? (ValueDetails ?? defaultDetails) : defaultDetails;
    const details = Details.map((detail): ChangeDetail => {
      if (includePropertyValues) return detail;
      const { Attribute, Name, RequiresRecreation } = detail.Target;
      return { ...detail, Target: { Attribute, ...(Name !== undefined ? { Name } : {}), RequiresRecreation } };
    });
    return {
      Type: change.Type,
      ResourceChange: {
        ...rest,
        ...(includePropertyValues && ValueScope ? { Scope: ValueScope } : {}),
        Details: details,
        ...(includePropertyValues && BeforeContext !== undefined ? { BeforeContext } : {}),
        ...(includePropertyValues && AfterContext !== undefined ? { AfterContext } : {}),
      },
    };
  });
  return {
    ChangeSetName: changeSet.changeSetName,
    ChangeSetId: changeSet.changeSetId,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Description: changeSet.description,
    Parameters: changeSet.parameters.length > 0 ? changeSet.parameters : undefined,
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: [],
    RollbackConfiguration: {},
    Capabilities: changeSet.capabilities,
    Tags: changeSet.tags.length > 0 ? changeSet.tags : undefined,
    Changes: changes,
    IncludeNestedStacks: false,
    OnStackFailure: changeSet.onStackFailure,
  };
}
