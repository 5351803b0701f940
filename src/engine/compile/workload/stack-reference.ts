import type { CompileContext, ConfigPath } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';

/**
 * The config resource an event or integration names (`httpApiGatewayName`, `loadBalancerName`,
 * `sqsQueueName`, ...), checked to exist and to have the expected type; a diagnostic otherwise.
 */
export function referencedResource(
  ctx: CompileContext,
  name: unknown,
  expectedTypes: string[],
  at: ConfigPath,
): ResourceView | undefined {
  const target = typeof name === 'string' ? ctx.resource(name) : undefined;
  if (!target) {
    const candidates = ctx
      .resources()
      .filter((r) => expectedTypes.includes(r.type))
      .map((r) => r.name);
    ctx.addDiagnostic({
      code: 'STP_COMPILE_UNKNOWN_RESOURCE',
      message: `No ${expectedTypes.join(' or ')} named "${String(name)}" in this stack.`,
      path: at,
      expected: candidates.length > 0 ? `one of: ${candidates.join(', ')}` : `a ${expectedTypes[0]} resource in this stack`,
    });
    return undefined;
  }
  if (!expectedTypes.includes(target.type)) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_WRONG_RESOURCE_TYPE',
      message: `"${target.name}" is a ${target.type}, not a ${expectedTypes.join(' or ')}.`,
      path: at,
    });
    return undefined;
  }
  return target;
}
