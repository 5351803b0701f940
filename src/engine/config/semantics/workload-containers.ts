import { asArray, asRecord } from './stack-view.js';
import type { ResourceEntry, StackView } from './stack-view.js';

export interface ContainerList {
  resource: ResourceEntry;
  /** `containers` of a multi-container workload, `sideContainers` of a service. */
  key: 'containers' | 'sideContainers';
  containers: { index: number; name: string | undefined; record: Record<string, unknown> }[];
}

const SERVICE_TYPES = ['web-service', 'private-service', 'worker-service'];

/** The container lists of every workload in the stack. */
export function workloadContainerLists(view: StackView): ContainerList[] {
  const lists: ContainerList[] = [];
  for (const resource of view.resources) {
    const key =
      resource.type === 'multi-container-workload'
        ? 'containers'
        : SERVICE_TYPES.includes(resource.type)
          ? 'sideContainers'
          : undefined;
    if (!key) continue;
    const containers = asArray(resource.properties[key]).flatMap((item, index) => {
      const record = asRecord(item);
      if (!record) return [];
      return [{ index, name: typeof record.name === 'string' ? record.name : undefined, record }];
    });
    lists.push({ resource, key, containers });
  }
  return lists;
}
