import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/run-stp.js';
import { AWS_REGIONS } from '../../src/aws/regions.js';
import { COMMANDS } from '../../src/cli/commands/registry.js';
import { GLOBAL_FLAGS } from '../../src/cli/argv/flag-spec.js';
import { ALWAYS_HONOURED } from '../../src/cli/argv/check-command-usage.js';
import { main } from '../../src/cli/main.js';
import type { TerminalIo } from '../../src/cli/output/terminal-io.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-usage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose ./stacktape.yml is valid, beside another folder whose config is not. */
function twoProjects(): { here: string; other: string } {
  const here = mkdtempSync(path.join(scratch, 'here-'));
  const other = mkdtempSync(path.join(scratch, 'other-'));
  writeFileSync(path.join(here, 'stacktape.yml'), 'serviceName: here\nresources:\n  q:\n    type: sqs-queue\n');
  writeFileSync(path.join(other, 'stacktape.yml'), 'serviceName: other\nresources:\n  q:\n    type: sqs-queu\n');
  return { here, other };
}

async function run(argv: string[], cwd = process.cwd()) {
  let out = '';
  let err = '';
  const code = await main({
    argv,
    env: {},
    cwd,
    stdoutIsTTY: false,
    makeIo: (c): TerminalIo => ({ out: (t) => void (out += t), err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false }),
  });
  return { code, out, err };
}

describe('global flags before the command', () => {
  it('stp --config FILE validate checks FILE', async () => {
    const { here, other } = twoProjects();
    const result = await run(['--config', path.join(other, 'stacktape.yml'), 'validate'], here);
    expect(result.code).toBe(2);
    expect(result.err).toContain('other-');
    expect(result.err).toContain('error STP_CONFIG_UNKNOWN_TYPE  unknown resource type "sqs-queu"');
    expect(result.err).toContain('other-');
    const short = await run(['-c', path.join(here, 'stacktape.yml'), '--stage', 'prod', 'validate']);
    expect(short.err).toBe('');
    expect(short.code).toBe(0);
    expect(short.out).toContain('stack here-prod (stage prod');
  });

  it('a value of a global flag is never taken for the command, and an unknown word still is refused', async () => {
    const result = await run(['--stage', 'prod', 'valdate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown command "valdate"');
  });
});

describe('stray positional arguments', () => {
  it('stp validate ../other is refused with exit 2, never a check of ./stacktape.yml', async () => {
    const { here, other } = twoProjects();
    const result = await run(['validate', path.relative(here, other)], here);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      `error unexpected argument "${path.relative(here, other)}": stp validate takes no positional arguments\n` +
        `hint  to use another config, pass it with --config: stp validate --config ${path.relative(here, other)}\n` +
        'Run "stp validate --help" for the flags.\n',
    );
  });

  it('every command refuses a positional argument', async () => {
    for (const command of COMMANDS.filter((c) => c.maxPositionals === 0)) {
      const result = await run([command.name, 'extra']);
      expect(result.code, command.name).toBe(2);
      expect(result.err, command.name).toContain(`unexpected argument "extra": stp ${command.name} takes no positional arguments`);
    }
  });
});

describe('global flags a command does not act on', () => {
  it('compile --json is a usage error that says why', async () => {
    const result = await run(['compile', '--json']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('error --json is not supported by stp compile\n');
    expect(result.err).toContain('for machine-readable diagnostics run stp validate --json');
  });

  it('schema --region, local --json and validate --local are refused too', async () => {
    expect((await run(['schema', '--region', 'eu-west-1'])).err).toContain('--region is not supported by stp schema');
    expect((await run(['local', '--json'])).err).toContain('--json is not supported by stp local');
    expect((await run(['validate', '--local'])).err).toContain('--local is not supported by stp validate');
  });

  it('every command declares the global flags it honours', () => {
    // A new command must say which global flags it acts on (the rest are refused, never ignored).
    expect(COMMANDS.filter((c) => c.globalFlags === undefined).map((c) => c.name)).toEqual([]);
  });

  it('every global flag is honoured or refused by every command (the registry says which)', async () => {
    for (const command of COMMANDS) {
      for (const flag of GLOBAL_FLAGS) {
        if (ALWAYS_HONOURED.includes(flag.name)) continue;
        const argv = [command.name, `--${flag.name}`, ...(flag.type === 'string' ? ['us-east-1'] : []), '--help'];
        // --help short-circuits; what matters is that a refused flag is refused before anything runs.
        expect((await run(argv)).code).toBe(0);
        if (command.globalFlags?.includes(flag.name)) continue;
        const refused = await run([command.name, `--${flag.name}`, ...(flag.type === 'string' ? ['us-east-1'] : [])]);
        expect(refused.code, `${command.name} --${flag.name}`).toBe(2);
        expect(refused.err, `${command.name} --${flag.name}`).toContain(`--${flag.name} is not supported by stp ${command.name}`);
      }
    }
  });

  it('per-command help lists only the global flags the command honours', async () => {
    const compile = await run(['compile', '--help']);
    expect(compile.out).not.toContain('--json');
    expect(compile.out).toContain('--endpoint-url URL');
    const schema = await run(['schema', '--help']);
    expect(schema.out).not.toContain('--region');
    expect(schema.out).not.toContain('--config');
  });

  it('validate --json is honoured: one JSON object on stdout', async () => {
    const { here } = twoProjects();
    const result = await run(['validate', '--json'], here);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, stackName: 'here-dev', diagnostics: [] });
  });
});

describe('--region', () => {
  it('refuses a region that does not exist, listing the valid ones, exit 2', async () => {
    const result = await run(['validate', '--region', 'mars-1']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`error unknown region "mars-1"; AWS regions are: ${AWS_REGIONS.join(', ')}\nRun "stp validate --help" for the flags.\n`);
  });

  it('suggests the likely region for a typo', async () => {
    const result = await run(['compile', '--region', 'eu-wset-1']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('hint  did you mean --region eu-west-1?');
  });

  it('accepts an opt-in region', async () => {
    const { here } = twoProjects();
    const result = await run(['validate', '--region', 'ap-southeast-7'], here);
    expect(result.code).toBe(0);
    expect(result.out).toContain('region ap-southeast-7');
  });

  it('the static list is the aws partition of the installed SDK', async () => {
    // Not an exported entry point of the package, so by file path.
    const file = path.join(repoRoot, 'node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js');
    const partitions = (await import(pathToFileURL(file).href)) as {
      partitionsInfo: { partitions: { id: string; regions: Record<string, unknown> }[] };
    };
    const aws = partitions.partitionsInfo.partitions.find((p) => p.id === 'aws')!;
    expect([...AWS_REGIONS]).toEqual(Object.keys(aws.regions).filter((r) => r !== 'aws-global').sort());
  });
});

describe('validate --template', () => {
  it('refuses stack-config flags it would ignore', async () => {
    const result = await run(['validate', '--template', 'template.json', '--region', 'eu-west-1']);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      'error --region cannot be combined with --template\n' +
        'hint  --template checks a CloudFormation template as it is; run stp validate without --template to check the stack config\n',
    );
  });
});
