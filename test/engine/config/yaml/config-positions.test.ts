import { describe, expect, it } from 'vitest';
import { parseConfigYaml } from '../../../../src/engine/config/yaml/parse-config-yaml.js';
import { parseConfigYamlFully } from '../../../../src/engine/config/yaml/parse-config-yaml-fully.js';

const source = `serviceName: shop
base: &base
  memory: 512
resources:
  api:
    type: function
    properties:
      <<: *base
      packaging:
        type: stacktape-lambda-buildpack
        properties: { entryfilePath: ./src/api.ts }
      events:
        - type: schedule
          properties:
            scheduleRate: rate(1 hour)
`;

describe('ConfigPositions', () => {
  const { positions, diagnostics, value } = parseConfigYamlFully(source, 'stacktape.yml');

  it('parses without diagnostics and merges `<<` keys', () => {
    expect(diagnostics).toEqual([]);
    expect((value as any).resources.api.properties.memory).toBe(512);
  });

  it('points at values and keys', () => {
    expect(positions.positionOf(['serviceName'])).toEqual({ file: 'stacktape.yml', line: 1, column: 14, endLine: 1, endColumn: 18 });
    expect(positions.positionOf(['serviceName'], 'key')).toMatchObject({ line: 1, column: 1, endColumn: 12 });
    expect(positions.positionOf(['resources', 'api', 'type'])).toMatchObject({ line: 6, column: 11 });
    expect(positions.positionOf(['resources', 'api', 'properties', 'events', 0, 'properties', 'scheduleRate'])).toMatchObject({
      line: 15,
      column: 27,
    });
  });

  it('points at a flow mapping value itself but at the key of a block collection', () => {
    expect(positions.positionOf(['resources', 'api', 'properties', 'packaging', 'properties'])).toMatchObject({ line: 11, column: 21 });
    expect(positions.positionOf(['resources', 'api', 'properties', 'events'])).toMatchObject({ line: 12, column: 7 });
  });

  it('follows merge keys and aliases to where the value is written', () => {
    expect(positions.positionOf(['resources', 'api', 'properties', 'memory'])).toMatchObject({ line: 3, column: 11 });
  });

  it('falls back to the key of the longest existing prefix', () => {
    expect(positions.has(['resources', 'api', 'properties', 'timeout'])).toBe(false);
    expect(positions.positionOf(['resources', 'api', 'properties', 'timeout'])).toMatchObject({ line: 7, column: 5 });
    expect(positions.positionOf(['resources', 'api', 'properties', 'events', 3, 'type'])).toMatchObject({ line: 12, column: 7 });
    expect(positions.positionOf(['nothing', 'here'])).toMatchObject({ line: 1, column: 1 });
  });
});

describe('parseConfigYaml errors', () => {
  it('reports every syntax error with line and column, not only the first', async () => {
    const { diagnostics, value } = await parseConfigYaml('a: [1, 2\nb: "open\nc: 3\n', 'bad.yml');
    expect(value).toBeUndefined();
    expect(diagnostics).toHaveLength(2);
    for (const d of diagnostics) {
      expect(d.code).toBe('STP_CONFIG_YAML_SYNTAX');
      expect(d.position).toMatchObject({ file: 'bad.yml' });
      expect(d.message).toMatch(/^YAML syntax error: /);
    }
  });

  it('reports duplicate keys with their own code at the second key', async () => {
    const { diagnostics } = await parseConfigYaml('resources:\n  a:\n    type: bucket\n  a:\n    type: bucket\n', 'dup.yml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'STP_CONFIG_DUPLICATE_KEY', position: { line: 4, column: 3 } });
  });
});
