/**
 * The lint configuration enforces the layering (eslint.config.js): src/engine, src/aws and
 * src/cloudformation never import the local cloud or Ink/React; src/ui never imports the local
 * cloud; src/cloudformation never imports the AWS SDK. Checked by linting probe sources placed
 * (in name only) in each folder.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: repoRoot });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(repoRoot, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message.split(' import is restricted')[0]!);
}

const probe = [
  "import { startEmulator } from '../emulator/start-emulator.js';",
  "import { render } from 'ink';",
  "import { useState } from 'react';",
  "import { CloudFormationClient } from '@aws-sdk/client-cloudformation';",
  "import { createStore } from 'zustand/vanilla';",
  'export const used = [startEmulator, render, useState, CloudFormationClient, createStore];',
].join('\n');

describe('eslint.config.js layering', () => {
  it('refuses the local cloud and Ink/React in the engine and the AWS adapters', async () => {
    const expected = ["'../emulator/start-emulator.js'", "'ink'", "'react'"];
    expect(await restricted('src/engine/deploy/probe.ts', probe)).toEqual(expected);
    expect(await restricted('src/aws/probe.ts', probe)).toEqual(expected);
  });

  it('refuses the AWS SDK too in src/cloudformation', async () => {
    expect(await restricted('src/cloudformation/probe.ts', probe)).toEqual([
      "'../emulator/start-emulator.js'",
      "'ink'",
      "'react'",
      "'@aws-sdk/client-cloudformation'",
    ]);
  });

  it('lets the UI use Ink and React but not the local cloud, and leaves the CLI free', async () => {
    expect(await restricted('src/ui/probe.ts', probe)).toEqual(["'../emulator/start-emulator.js'"]);
    expect(await restricted('src/cli/probe.ts', probe)).toEqual([]);
  });
}, 60_000);
