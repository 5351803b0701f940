import { existsSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureProvidedSdk, stpSdkScopeDir } from '../../../../src/emulator/services/lambda/runtime/provided-sdk.js';
import { repoRoot } from '../../../support/run-stp.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stp-provided-sdk-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the SDK the local Lambda provides', () => {
  it("is stp's own node_modules/@aws-sdk", () => {
    expect(realpathSync(stpSdkScopeDir())).toBe(realpathSync(join(repoRoot, 'node_modules', '@aws-sdk')));
  });

  it('links <runtime>/node_modules/@aws-sdk to it (only that scope), idempotently', () => {
    const modules = ensureProvidedSdk(dir);
    expect(modules).toBe(join(dir, 'node_modules'));
    expect(readlinkSync(join(modules, '@aws-sdk'))).toBe(stpSdkScopeDir());
    expect(existsSync(join(modules, '@aws-sdk', 'client-s3', 'package.json'))).toBe(true);
    expect(ensureProvidedSdk(dir)).toBe(modules);
    expect(readlinkSync(join(modules, '@aws-sdk'))).toBe(stpSdkScopeDir());
  });

  it('replaces a link left by another stp installation', () => {
    const other = join(dir, 'other-install', '@aws-sdk');
    mkdirSync(other, { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(other, join(dir, 'node_modules', '@aws-sdk'));
    ensureProvidedSdk(dir);
    expect(readlinkSync(join(dir, 'node_modules', '@aws-sdk'))).toBe(stpSdkScopeDir());
  });
});
