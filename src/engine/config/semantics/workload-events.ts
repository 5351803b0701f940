import type { ConfigPath } from './semantic-context.js';
import { asArray, asRecord, propertyPath } from './stack-view.js';
import type { ResourceEntry, StackView } from './stack-view.js';

export interface WorkloadEvent {
  resource: ResourceEntry;
  /** Set for events of a multi-container workload's container. */
  container?: string;
  type: string;
  properties: Record<string, unknown>;
  /** Config path of the event (the list item). */
  path: ConfigPath;
}

/** Every event integration in the stack: of functions, batch jobs and workload containers. */
export function workloadEvents(view: StackView): WorkloadEvent[] {
  const events: WorkloadEvent[] = [];
  const collect = (resource: ResourceEntry, list: unknown, base: ConfigPath, container?: string) => {
    asArray(list).forEach((event, i) => {
      const record = asRecord(event);
      const properties = asRecord(record?.properties);
      if (typeof record?.type !== 'string' || !properties) return;
      events.push({ resource, type: record.type, properties, path: [...base, i], ...(container !== undefined ? { container } : {}) });
    });
  };
  for (const resource of view.resources) {
    if (resource.type === 'function' || resource.type === 'batch-job') {
      collect(resource, resource.properties.events, propertyPath(resource.name, 'events'));
    }
    if (resource.type === 'multi-container-workload') {
      asArray(resource.properties.containers).forEach((container, c) => {
        const record = asRecord(container);
        const name = typeof record?.name === 'string' ? record.name : String(c);
        collect(resource, record?.events, propertyPath(resource.name, 'containers', c, 'events'), name);
      });
    }
  }
  return events;
}
