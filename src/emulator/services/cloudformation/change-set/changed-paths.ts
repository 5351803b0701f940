/**
 * The paths (below a property) where two resolved values differ, down to the deepest differing
 * object key or list index; a list that changed length counts as changed as a whole.
 */
export function changedPaths(before: unknown, after: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => changedPaths(item, after[index], [...path, index]));
  }
  return [path];
}
