import jsYaml from 'js-yaml';

/**
 * The YAML 1.2 core schema for js-yaml, resolved exactly as the `yaml` package resolves it
 * (node_modules/yaml/dist/schema/core: same patterns, same conversions). js-yaml's own
 * CORE_SCHEMA is YAML 1.1-flavoured: it reads `1_024` and `0b101` as numbers and `+.5e1` as a
 * string, the opposite of `yaml`, so the fast path would give a config a different meaning from
 * the full parser. Only plain (unquoted) scalars are resolved; everything else stays a string.
 */
// js-yaml keeps one implicit type per tag (a later one replaces an earlier one), so each tag is
// one type whose resolver tries the `yaml` package's patterns in its order.
interface Form {
  test: RegExp;
  construct(text: string): unknown;
}

function scalarType(tag: string, forms: readonly Form[]): jsYaml.Type {
  const formOf = (text: string | null) => forms.find((f) => f.test.test(text ?? ''));
  return new jsYaml.Type(tag, {
    kind: 'scalar',
    resolve: (text: string | null) => formOf(text) !== undefined,
    construct: (text: string | null) => formOf(text)!.construct(text ?? ''),
  });
}

const nullType = scalarType('tag:yaml.org,2002:null', [{ test: /^(?:~|[Nn]ull|NULL)?$/, construct: () => null }]);
const boolType = scalarType('tag:yaml.org,2002:bool', [{ test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, construct: (s) => s[0] === 't' || s[0] === 'T' }]);
const intType = scalarType('tag:yaml.org,2002:int', [
  { test: /^0o[0-7]+$/, construct: (s) => parseInt(s.substring(2), 8) },
  { test: /^[-+]?[0-9]+$/, construct: (s) => parseInt(s, 10) },
  { test: /^0x[0-9a-fA-F]+$/, construct: (s) => parseInt(s.substring(2), 16) },
]);
const floatType = scalarType('tag:yaml.org,2002:float', [
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    construct: (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, construct: parseFloat },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, construct: parseFloat },
]);

/** Same order as the `yaml` package's core schema tags (the first matching test wins). */
export const JS_YAML_CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
