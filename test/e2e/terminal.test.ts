import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';

// A person at a real terminal: tmux with CI unset, read back with capture-pane.
const terminals: TmuxTerminal[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratchExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stp-term-'));
  dirs.push(dir);
  cpSync(path.join(repoRoot, 'config', 'examples', 'api-smoke-test'), dir, { recursive: true, filter: (s) => !s.includes(`${path.sep}.stp`) });
  return dir;
}

describe('stp in a real terminal', () => {
  it('shows config errors in colour with code frames, and the words without colour', async () => {
    const dir = scratchExample();
    const file = path.join(dir, 'stacktape.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('memory:', 'memroy:'));
    const term = new TmuxTerminal(dir);
    terminals.push(term);
    term.start(`TERM=xterm-256color node ${stpBin} validate`);
    const screen = await term.waitFor((s) => s.includes('[exit '), 'the command to finish');
    expect(screen).toContain('[exit 2]');
    expect(screen).toMatch(/stacktape\.yml:\d+:\d+ {2}error STP_CONFIG_UNKNOWN_PROPERTY/);
    expect(screen).toMatch(/> +\d+ \| +memroy:/);
    expect(screen).toMatch(/\| +\^{6}/);
    expect(screen).toContain('hint: did you mean "memory"?');
    // On a TTY the error word is red (SGR 31); the word itself is there either way.
    expect(term.screenWithColours()).toMatch(/\u001b\[31m[^\n]*error/);

    const plain = new TmuxTerminal(dir);
    terminals.push(plain);
    plain.start(`NO_COLOR=1 node ${stpBin} validate`);
    await plain.waitFor((s) => s.includes('[exit '), 'the NO_COLOR run to finish');
    expect(plain.screenWithColours()).not.toMatch(/\u001b\[31m/);
    expect(plain.screen()).toContain('error STP_CONFIG_UNKNOWN_PROPERTY');
  });

  it('serves the local cloud until Ctrl+C, then saves its state and releases the lock', async () => {
    const dir = scratchExample();
    const term = new TmuxTerminal(dir);
    terminals.push(term);
    term.start(`node ${stpBin} local --port 0`);
    const screen = await term.waitFor((s) => s.includes('Press Ctrl+C to stop'), 'the local cloud to start');
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(screen)?.[1];
    expect(endpoint).toBeDefined();
    expect(screen).toContain(`export AWS_ENDPOINT_URL=${endpoint}`);
    expect(screen).toContain('export AWS_ACCESS_KEY_ID=test');

    // The endpoint answers STS through the real SDK while it runs.
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
    sts.destroy();

    term.sendKeys('C-c');
    const stopped = await term.waitFor((s) => s.includes('[exit '), 'the local cloud to stop');
    expect(stopped).toContain('stopping the local cloud and saving its state');
    expect(stopped).toContain('[exit 0]');
    expect(existsSync(path.join(dir, '.stp', 'local', 'state.json'))).toBe(true);
    expect(existsSync(path.join(dir, '.stp', 'local', 'lock'))).toBe(false);
  });
});
