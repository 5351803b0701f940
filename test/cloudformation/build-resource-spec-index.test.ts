import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeSpecIndex, installedSpecVersion, readSpecIndexFile, ResourceSpec, resourceSpec } from '../../src/cloudformation/resource-spec.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('scripts/build-resource-spec-index.mjs', () => {
  it('writes an index the loader reads, equal to the one built at run time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stp-spec-index-'));
    try {
      const out = join(dir, 'cfn-spec-index.json');
      const log = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-resource-spec-index.mjs'), '--out', out], { encoding: 'utf8' });
      // The index format this loader reads (bumped whenever the encoding changes).
      expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe(3);
      const index = readSpecIndexFile(out)!;
      expect(index.specVersion).toBe(installedSpecVersion());
      const built = new ResourceSpec(index);
      const shared = resourceSpec();
      expect(built.resourceTypeNames()).toEqual(shared.resourceTypeNames());
      expect(log).toContain(`resource spec index: ${shared.resourceTypeNames().length} resource types`);
      for (const type of ['AWS::Lambda::Function', 'AWS::ECS::Service', 'AWS::RDS::DBInstance']) {
        expect(built.propertyNames(type)).toEqual(shared.propertyNames(type));
        expect(built.requiredProperties(type)).toEqual(shared.requiredProperties(type));
        expect(built.attributeNames(type)).toEqual(shared.attributeNames(type));
      }
      expect(built.causesReplacement('AWS::ECS::Service', 'ServiceName')).toBe('yes');
      expect(readSpecIndexFile(join(dir, 'missing.json'))).toBeUndefined();
      // The gzipped variant reads back the same.
      const gz = join(dir, 'cfn-spec-index.json.gz');
      writeFileSync(gz, encodeSpecIndex(index, { gzip: true }));
      expect(readSpecIndexFile(gz)).toEqual(index);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
