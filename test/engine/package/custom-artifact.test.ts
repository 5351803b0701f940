import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactError, zipArtifactPath } from '../../../src/engine/package/custom-artifact.js';
import { sha256Hex } from '../../../src/engine/package/deterministic-zip.js';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'stp-artifact-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('custom-artifact zipping', () => {
  it('zips a directory deterministically, with nested paths and the executable bit', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'bootstrap'), '#!/bin/sh\necho hi\n');
    chmodSync(join(dir, 'bootstrap'), 0o755);
    writeFileSync(join(dir, 'lib', 'util.py'), 'x = 1\n');
    const first = zipArtifactPath(dir);
    const second = zipArtifactPath(dir);
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    expect(Object.keys(unzipSync(first)).sort()).toEqual(['bootstrap', 'lib/util.py']);
    // A copy elsewhere (different path, later mtimes) gives the same archive.
    const copy = tempDir();
    mkdirSync(join(copy, 'lib'));
    writeFileSync(join(copy, 'lib', 'util.py'), 'x = 1\n');
    writeFileSync(join(copy, 'bootstrap'), '#!/bin/sh\necho hi\n');
    chmodSync(join(copy, 'bootstrap'), 0o755);
    expect(sha256Hex(zipArtifactPath(copy))).toBe(sha256Hex(first));
  });

  it('zips a single file under its name and passes a .zip through untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'handler.py'), 'def handler(e, c): return 1\n');
    expect(Object.keys(unzipSync(zipArtifactPath(join(dir, 'handler.py'))))).toEqual(['handler.py']);
    const zip = zipArtifactPath(join(dir, 'handler.py'));
    writeFileSync(join(dir, 'prebuilt.zip'), zip);
    expect(Buffer.from(zipArtifactPath(join(dir, 'prebuilt.zip'))).equals(Buffer.from(zip))).toBe(true);
  });

  it('says clearly when the path is missing or empty', () => {
    const dir = tempDir();
    expect(() => zipArtifactPath(join(dir, 'nope'))).toThrow(ArtifactError);
    expect(() => zipArtifactPath(join(dir, 'nope'))).toThrow(/does not exist/);
    expect(() => zipArtifactPath(dir)).toThrow(/is empty/);
  });
});
