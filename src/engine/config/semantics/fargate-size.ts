import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** AWS Fargate task sizes: vCPU → valid memory in MB. */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [0.25, [512, 1024, 2048]],
  [0.5, steps(1024, 4096, 1024)],
  [1, steps(2048, 8192, 1024)],
  [2, steps(4096, 16384, 1024)],
  [4, steps(8192, 30720, 1024)],
  [8, steps(16384, 61440, 4096)],
  [16, steps(32768, 122880, 8192)],
]);

function describeMemory(values: readonly number[]): string {
  if (values.length <= 5) return `${values.join(', ')} MB`;
  return `${values[0]}–${values[values.length - 1]} MB in steps of ${values[1]! - values[0]!} MB`;
}

function nearest(values: readonly number[], target: number): number {
  return values.reduce((best, v) => (Math.abs(v - target) < Math.abs(best - target) ? v : best));
}

const WORKLOAD_TYPES = ['web-service', 'private-service', 'worker-service', 'multi-container-workload'];

/** Container workloads on Fargate (no `instanceTypes`) need a cpu/memory pair Fargate offers. */
export function checkFargateSize(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const resource of view.resources) {
    if (!WORKLOAD_TYPES.includes(resource.type)) continue;
    const resources = asRecord(resource.properties.resources);
    if (!resources || resources.instanceTypes !== undefined) continue;
    const { cpu, memory } = resources;
    if (typeof cpu !== 'number') continue;
    const valid = FARGATE_MEMORY_BY_CPU.get(cpu);
    if (!valid) {
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_INVALID_FARGATE_SIZE',
          propertyPath(resource.name, 'resources', 'cpu'),
          `Fargate has no size with ${cpu} vCPU`,
          `one of: ${[...FARGATE_MEMORY_BY_CPU.keys()].join(', ')} (vCPU)`,
          'or give instanceTypes to run on EC2',
        ),
      );
      continue;
    }
    if (typeof memory !== 'number' || valid.includes(memory)) continue;
    const suggestions = [...FARGATE_MEMORY_BY_CPU].filter(([, mems]) => mems.includes(memory)).map(([c]) => c);
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_INVALID_FARGATE_SIZE',
        propertyPath(resource.name, 'resources', 'memory'),
        `Fargate does not offer ${memory} MB of memory with ${cpu} vCPU`,
        `for ${cpu} vCPU: ${describeMemory(valid)}`,
        `use memory: ${nearest(valid, memory)}` +
          (suggestions.length > 0 ? `, or cpu: ${suggestions.join(' or ')} to keep ${memory} MB` : ''),
      ),
    );
  }
  return diagnostics;
}
