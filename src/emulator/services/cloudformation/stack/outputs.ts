import { resolveValue, type ResolveContext } from '../template/resolve-intrinsics.js';
import type { StackOutputRecord } from './stack-model.js';

/** Output values as DescribeStacks shows them (lists comma-joined, objects as JSON). */
export function outputValueString(value: unknown): string {
  if (Array.isArray(value)) return value.map(outputValueString).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function resolveOutputs(ctx: ResolveContext): StackOutputRecord[] {
  const outputs: StackOutputRecord[] = [];
  for (const [key, output] of Object.entries(ctx.template.Outputs ?? {})) {
    if (output.Condition !== undefined && !ctx.conditions.get(output.Condition)) continue;
    const record: StackOutputRecord = { OutputKey: key, OutputValue: outputValueString(resolveValue(output.Value, ctx)) };
    if (output.Description !== undefined) record.Description = String(output.Description);
    if (output.Export !== undefined) record.ExportName = String(resolveValue(output.Export.Name, ctx));
    outputs.push(record);
  }
  return outputs;
}
