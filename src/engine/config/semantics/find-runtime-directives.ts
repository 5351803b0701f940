import { isRuntimeDirective } from '../directives/directive.js';
import type { RuntimeDirective } from '../directives/directive.js';
import type { ConfigPath } from './semantic-context.js';

/** Every runtime directive under `value`, nested ones (inside `$CfFormat` args) included. */
export function findRuntimeDirectives(
  value: unknown,
  path: ConfigPath,
  visit: (directive: RuntimeDirective, path: ConfigPath) => void,
): void {
  // One path array pushed and popped along the walk; the visitor gets its own copy (it may keep
  // it), so the whole config is no longer copied a path per node.
  search(value, [...path], visit);
}

function search(value: unknown, path: ConfigPath, visit: (directive: RuntimeDirective, path: ConfigPath) => void): void {
  if (typeof value !== 'object' || value === null) return;
  if (isRuntimeDirective(value)) {
    visitDirective(value, path, visit);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      search(value[i], path, visit);
      path.pop();
    }
    return;
  }
  for (const key of Object.keys(value)) {
    path.push(key);
    search((value as Record<string, unknown>)[key], path, visit);
    path.pop();
  }
}

function visitDirective(directive: RuntimeDirective, path: ConfigPath, visit: (directive: RuntimeDirective, path: ConfigPath) => void): void {
  visit(directive, [...path]);
  for (const arg of directive.args) if (isRuntimeDirective(arg)) visitDirective(arg, path, visit);
}
