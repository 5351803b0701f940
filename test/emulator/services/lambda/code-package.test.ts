import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeCode, taskRootFor } from '../../../../src/emulator/services/lambda/code-package.js';
import { zipOf } from './lambda-test-harness.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('code packages', () => {
  it('extracts a zip into a directory named by its SHA-256 and reports CodeSha256 in base64', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stp-code-'));
    const zip = zipOf({ 'index.js': 'exports.handler = 1;', 'lib/util.js': 'module.exports = 2;' });
    const stored = storeCode({ zips: path.join(dir, 'zips'), tasks: path.join(dir, 'tasks') }, zip);
    expect(stored.sha256).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(stored.size).toBe(zip.length);
    expect(readFileSync(path.join(dir, 'tasks', stored.hex, 'lib', 'util.js'), 'utf8')).toBe('module.exports = 2;');
    expect(existsSync(path.join(dir, 'zips', `${stored.hex}.zip`))).toBe(true);
    // A bare .js is CommonJS on AWS whatever package.json sits above the state directory.
    expect(JSON.parse(readFileSync(path.join(dir, 'tasks', 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it('re-extracts a task root that went missing from the kept zip', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stp-code-'));
    const locations = { zips: path.join(dir, 'zips'), tasks: path.join(dir, 'tasks') };
    const stored = storeCode(locations, zipOf({ 'index.js': 'x' }));
    rmSync(locations.tasks, { recursive: true });
    expect(taskRootFor(locations, stored.hex)).toBe(path.join(locations.tasks, stored.hex));
    expect(existsSync(path.join(locations.tasks, stored.hex, 'index.js'))).toBe(true);
  });

  it('rejects bytes that are not a zip with AWS message', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stp-code-'));
    expect(() => storeCode({ zips: dir, tasks: dir }, Buffer.from('not a zip'))).toThrow('Could not unzip uploaded file. Please check your file, then try to upload again.');
  });

  it('never writes outside the task root (zip slip)', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stp-code-'));
    const stored = storeCode({ zips: dir, tasks: path.join(dir, 'tasks') }, zipOf({ '../escape.js': 'bad', 'ok.js': 'good' }));
    expect(existsSync(path.join(dir, 'tasks', 'escape.js'))).toBe(false);
    expect(existsSync(path.join(dir, 'tasks', stored.hex, 'ok.js'))).toBe(true);
  });
});
