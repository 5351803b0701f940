import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from './expect-diagnostics.js';

const workload = (secondPort: number) => `resources:
  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.25, memory: 512 }
      containers:
        - name: web
          events:
            - { type: workload-internal, properties: { containerPort: 3000 } }
            - { type: service-connect, properties: { containerPort: 3000 } }
        - name: api
          events:
            - { type: workload-internal, properties: { containerPort: ${secondPort} } }
`;

describe('container ports', () => {
  it('rejects two containers of one workload on the same port', () => {
    const ds = diagnosticsOf(workload(3000));
    expect(ds.map((d) => [d.code, d.path!.join('.')])).toEqual([
      ['STP_CONFIG_DUPLICATE_CONTAINER_PORT', 'resources.app.properties.containers.1.events.0.properties.containerPort'],
    ]);
  });

  it('allows one container to expose a port through several events', () => {
    expect(diagnosticsOf(workload(4000))).toEqual([]);
  });
});
