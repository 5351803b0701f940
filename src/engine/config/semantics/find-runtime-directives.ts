import { isRuntimeDirective } from '../directives/directive.js';
import type { RuntimeDirective } from '../directives/directive.js';
import type { ConfigPath } from './semantic-context.js';

/** Every runtime directive under `value`, nested ones (inside `$CfFormat` args) included. */
export function findRuntimeDirectives(
  value: unknown,
  path: ConfigPath,
  visit: (directive: RuntimeDirective, path: ConfigPath) => void,
): void {
  if (isRuntimeDirective(value)) {
    visit(value, path);
    for (const arg of value.args) if (isRuntimeDirective(arg)) findRuntimeDirectives(arg, path, visit);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => findRuntimeDirectives(item, [...path, i], visit));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) findRuntimeDirectives(child, [...path, key], visit);
  }
}
