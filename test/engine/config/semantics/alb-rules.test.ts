import { describe, expect, it } from 'vitest';
import { diagnosticsOf, lambda } from './expect-diagnostics.js';

const alb = `  lb:
    type: application-load-balancer
    properties:
      listeners: [{ protocol: HTTP, port: 80 }, { protocol: HTTPS, port: 443 }]
`;
const albEvent = (props: string) => `        - type: application-load-balancer\n          properties: { loadBalancerName: lb, ${props} }\n`;

describe('application-load-balancer rules', () => {
  it('rejects a priority already used on the same listener, naming who has it', () => {
    const ds = diagnosticsOf(`resources:\n${alb}${lambda('a', albEvent('priority: 1, listenerPort: 443'))}${lambda('b', albEvent('priority: 1, listenerPort: 443'))}`);
    expect(ds.map((d) => [d.code, d.path!.join('.')])).toEqual([
      ['STP_CONFIG_DUPLICATE_ALB_PRIORITY', 'resources.b.properties.events.0.properties.priority'],
    ]);
    expect(ds[0]!.message).toBe('priority 1 on load balancer "lb" (listener 443) is already used by a');
  });

  it('accepts the same priority on different listeners', () => {
    expect(diagnosticsOf(`resources:\n${alb}${lambda('a', albEvent('priority: 1, listenerPort: 80'))}${lambda('b', albEvent('priority: 1, listenerPort: 443'))}`)).toEqual([]);
  });

  it('checks container events too', () => {
    const ds = diagnosticsOf(`resources:
${alb}${lambda('a', albEvent('priority: 2'))}  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.25, memory: 512 }
      containers:
        - name: web
          events:
            - type: application-load-balancer
              properties: { containerPort: 80, loadBalancerName: lb, priority: 2 }
`);
    expect(ds.map((d) => d.code)).toEqual(['STP_CONFIG_DUPLICATE_ALB_PRIORITY']);
  });

  it('rejects a listenerPort the load balancer does not have', () => {
    const ds = diagnosticsOf(`resources:\n${alb}${lambda('a', albEvent('priority: 1, listenerPort: 8080'))}`);
    expect(ds.map((d) => d.code)).toEqual(['STP_CONFIG_UNKNOWN_LISTENER']);
    expect(ds[0]!.expected).toBe('one of its listener ports: 80, 443');
  });
});
