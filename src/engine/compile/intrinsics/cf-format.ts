import type { CfnValue } from '../compile-contract.js';

/**
 * `$CfFormat('{}-{}', a, b)` → `Fn::Sub`. Each positional `{}` becomes `${Arg<i>}` with the
 * argument in the variables map, so arguments may themselves be intrinsics. A literal `${` in the
 * template is written `${!` so Fn::Sub does not read it as a variable.
 */
export type CfFormatResult = { ok: true; value: CfnValue } | { ok: false; message: string; expected: string };

export function countPlaceholders(template: string): number {
  return template.split('{}').length - 1;
}

export function cfFormatToSub(template: string, args: readonly CfnValue[]): CfFormatResult {
  const placeholders = countPlaceholders(template);
  if (placeholders !== args.length) {
    return {
      ok: false,
      message: `$CfFormat has ${placeholders} "{}" placeholder${placeholders === 1 ? '' : 's'} but ${args.length} argument${args.length === 1 ? '' : 's'}.`,
      expected: 'as many arguments after the template as "{}" placeholders in it',
    };
  }
  const pieces = template.split('{}').map((piece) => piece.replaceAll('${', '${!'));
  let sub = pieces[0] ?? '';
  const variables: Record<string, CfnValue> = {};
  args.forEach((arg, index) => {
    const name = `Arg${index}`;
    sub += `\${${name}}${pieces[index + 1] ?? ''}`;
    // Fn::Sub variable values must be strings or intrinsics.
    variables[name] = typeof arg === 'number' || typeof arg === 'boolean' ? String(arg) : arg;
  });
  return { ok: true, value: args.length === 0 ? { 'Fn::Sub': sub } : { 'Fn::Sub': [sub, variables] } };
}
