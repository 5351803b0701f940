import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DIRECTIVE_PATTERN,
  buildStackConfigJsonSchema,
  stackConfigJsonSchemaText,
} from '../../../../src/engine/config/schema/json-schema.js';
import { SUPPORTED_RESOURCE_TYPES } from '../../../../src/engine/config/schema/resource-types.js';

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, '../../../../config/stacktape.schema.json');

type Node = Record<string, unknown>;

describe('config/stacktape.schema.json', () => {
  it('is current (regenerate with: node scripts/generate-schema.mjs)', () => {
    const expected = stackConfigJsonSchemaText();
    const actual = readFileSync(committed, 'utf8');
    if (actual !== expected) {
      throw new Error('config/stacktape.schema.json is stale: run `node scripts/generate-schema.mjs` and commit it');
    }
    expect(actual).toBe(expected);
  });

  const schema = buildStackConfigJsonSchema();
  const definitions = schema.definitions as Record<string, Node>;
  const resolve = (node: Node): Node => {
    if (typeof node.$ref === 'string') return resolve(definitions[(node.$ref as string).replace('#/definitions/', '')]!);
    const allOf = node.allOf as Node[] | undefined;
    return allOf?.length === 1 ? resolve(allOf[0]!) : node;
  };

  it('is draft-07 with resources required and unknown top-level keys rejected', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['resources']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('offers every supported resource type, discriminated by a const type', () => {
    const resources = (schema.properties as Record<string, Node>).resources!;
    const options = ((resources.additionalProperties as Node).oneOf as Node[]).map(resolve);
    const types = options.map((o) => ((o.properties as Record<string, Node>).type as Node).const);
    expect(types.sort()).toEqual([...SUPPORTED_RESOURCE_TYPES].sort());
  });

  it('accepts directive strings where runtime directives and numbers may stand', () => {
    expect(definitions.Directive).toMatchObject({ type: 'string', pattern: DIRECTIVE_PATTERN });
    const pattern = new RegExp(DIRECTIVE_PATTERN);
    expect(pattern.test("$ResourceParam('db', 'connectionString')")).toBe(true);
    expect(pattern.test("$Secret('db').password")).toBe(true);
    expect(pattern.test('plain text')).toBe(false);

    const fn = definitions.FunctionResource!;
    const props = resolve((fn.properties as Record<string, Node>).properties!).properties as Record<string, Node>;
    // memory: a whole number, or a directive such as $Var().memory
    expect(resolve(props.memory!).anyOf).toEqual([
      { type: 'integer', minimum: 128, maximum: 10240 },
      { $ref: '#/definitions/Directive' },
    ]);
    // Defaults are not required in the input.
    expect((resolve((fn.properties as Record<string, Node>).properties!).required as string[]) ?? []).not.toContain('timeout');
  });

  it('spells both 1-minute linear strategies and the manual approval gate', () => {
    const deployment = definitions.ContainerDeployment!;
    const strategy = (deployment.properties as Record<string, Node>).strategy!;
    const values = ((strategy.anyOf as Node[])[0]!.enum as string[]).slice().sort();
    expect(values).toEqual(
      [
        'AllAtOnce',
        'Canary10Percent15Minutes',
        'Canary10Percent5Minutes',
        'Linear10PercentEvery1Minute',
        'Linear10PercentEvery1Minutes',
        'Linear10PercentEvery3Minutes',
      ].sort(),
    );
    expect(Object.keys(deployment.properties as object)).toEqual(
      expect.arrayContaining(['beforeAllowTrafficFunction', 'afterTrafficShiftFunction', 'testListenerPort', 'manualApproval']),
    );
  });
});
