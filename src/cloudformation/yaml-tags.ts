/**
 * CloudFormation's YAML short forms (`!Ref x`, `!GetAtt A.B`, `!Sub …`) as custom tags for the
 * `yaml` package: each becomes its long JSON form (`{ Ref: x }`, `{ 'Fn::GetAtt': [A, B] }`), as
 * CloudFormation reads them. One definition for `stp validate --template` and the local cloud.
 */
import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag } from 'yaml';

/** Short-form tag name → the long form's key. */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  ...Object.fromEntries(
    ['And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAZs', 'GetAtt', 'If', 'ImportValue', 'Join', 'Length', 'Not', 'Or', 'Select', 'Split', 'Sub', 'ToJsonString', 'Transform'].map(
      (name) => [name, `Fn::${name}`],
    ),
  ),
};

/** The collection stays a node (not plain JS) so anchors and aliases inside it resolve with the document. */
function wrap(key: string, value: unknown): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value));
  return map;
}

/** Pass as `customTags` to `parseDocument`. */
export const cloudFormationYamlTags: readonly (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(
  ([name, key]): (ScalarTag | CollectionTag)[] => [
    {
      tag: `!${name}`,
      // `!GetAtt Resource.Attribute` is the scalar form of [Resource, Attribute], split at the first
      // dot (`!GetAtt Db.Endpoint.Address` → [Db, Endpoint.Address]). Without a dot it stays a
      // string, which reference checks report as a malformed Fn::GetAtt.
      resolve: (text: string) => {
        if (name !== 'GetAtt') return { [key]: text };
        const dot = text.indexOf('.');
        return { [key]: dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : text };
      },
    },
    { tag: `!${name}`, collection: 'seq', resolve: (seq) => wrap(key, seq) },
    { tag: `!${name}`, collection: 'map', resolve: (map) => wrap(key, map) },
  ],
);
