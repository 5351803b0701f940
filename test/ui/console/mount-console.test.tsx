/**
 * The mount on a terminal-like stream: the alternate screen is entered and always left (leaving
 * the console, and process exit), the frame follows a resize and stays shorter than the
 * terminal, Ctrl-C is a key (not Ink's exit), and SIGTERM's "leave when the deploy ends" works.
 */
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// The console only ever mounts with CI unset (interactive mode requires it), and Ink decides at
// import time (is-in-ci) to write only the last frame under CI; CI runs these tests with CI=true.
const ciEnv = vi.hoisted(() => {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([key]) => key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')));
  for (const key of Object.keys(saved)) delete process.env[key];
  return saved;
});
afterAll(() => Object.assign(process.env, ciEnv));
import type { DeployEventBody } from '../../../src/engine/events.js';
import { mountConsole, type ConsoleHandle } from '../../../src/ui/console/mount-console.js';
import { KEY, plain, settle } from '../../ui/support/ink-wait.js';
import { sessionFixture } from '../../ui/support/session-fixture.js';
import { recordingCommands, TEST_PANES, WATCHING } from './console-test-kit.js';

class FakeTerminalOut extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 20;
  written = '';
  write = (text: string) => {
    this.written += text;
    return true;
  };
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
  /** The text of the last full frame Ink wrote (it starts at the header). */
  lastFrame(): string {
    const text = plain(this.written).replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
    const at = text.lastIndexOf('stp deploy');
    return at === -1 ? '' : text.slice(at);
  }
}

class FakeTerminalIn extends EventEmitter {
  isTTY = true;
  rawMode: boolean[] = [];
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode(mode: boolean) {
    this.rawMode.push(mode);
  }
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const handles: ConsoleHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

function mount(bodies: DeployEventBody[], exitOnEnd = false) {
  const fixture = sessionFixture(bodies);
  const { commands, calls } = recordingCommands();
  const stdout = new FakeTerminalOut();
  const stdin = new FakeTerminalIn();
  const stops: string[] = [];
  let firstFrames = 0;
  const handle = mountConsole({
    store: fixture.store,
    commands,
    panes: TEST_PANES,
    control: { stop: () => stops.push('stop'), markInterrupted: () => stops.push('markInterrupted') },
    exitOnEnd,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeTerminalOut() as unknown as NodeJS.WriteStream,
    onFirstFrame: () => (firstFrames += 1),
    patchConsole: false,
  });
  handles.push(handle);
  return { handle, stdout, stdin, calls, stops, push: fixture.push, firstFrames: () => firstFrames };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const RESULT: DeployEventBody = { type: 'result', outcome: 'succeeded', exitCode: 0, durationMs: 3000, stackStatus: 'UPDATE_COMPLETE', outputs: {} };

describe('mountConsole', () => {
  it('draws in the alternate screen, in raw mode, and leaves it with the exit code on q', async () => {
    const { handle, stdout, stdin, push, firstFrames } = mount(WATCHING);
    expect(stdout.written.startsWith('\u001B[?1049h')).toBe(true);
    await until(() => stdout.lastFrame().includes('pane plan'), 'the first frame');
    expect(firstFrames()).toBe(1);
    expect(stdin.rawMode).toContain(true);
    push(RESULT);
    await until(() => stdout.lastFrame().includes('✓ deployed'), 'the result screen');
    await settle(25);
    stdin.write('q');
    expect(await handle.exited).toBe(0);
    expect(stdout.written.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
  });

  it('re-measures on resize: the frame stays shorter than the new height', async () => {
    const { stdout } = mount(WATCHING);
    await until(() => stdout.lastFrame().includes('height=14'), 'the pane sized for 20 rows');
    stdout.resize(60, 12);
    await until(() => stdout.lastFrame().includes('height=6 width=59'), 'the pane sized for 12 rows');
    expect(stdout.lastFrame().trimEnd().split('\n').length).toBeLessThanOrEqual(11);
  });

  it('takes Ctrl-C as a key (the quit question), not as Ink exiting', async () => {
    const { stdout, stdin, handle } = mount(WATCHING);
    await until(() => stdout.lastFrame().includes('pane plan'), 'the first frame');
    await settle(25);
    stdin.write(KEY.ctrlC);
    await until(() => stdout.lastFrame().includes('Leave it running, or cancel it?'), 'the question');
    let exited = false;
    void handle.exited.then(() => (exited = true));
    await settle();
    expect(exited).toBe(false);
  });

  it('exitWhenDone (SIGTERM) leaves as soon as the deploy ends, without a key', async () => {
    const { handle, stdout, push } = mount(WATCHING);
    await until(() => stdout.lastFrame().includes('pane plan'), 'the first frame');
    handle.exitWhenDone();
    push({ ...RESULT, outcome: 'interrupted', exitCode: 130 } as DeployEventBody);
    expect(await handle.exited).toBe(130);
    expect(stdout.written.endsWith('\u001B[?1049l')).toBe(true);
  });

  it('restores the terminal on an uncaught exception, before Node prints it', async () => {
    const { stdout } = mount(WATCHING);
    await until(() => stdout.lastFrame().includes('pane plan'), 'the first frame');
    // What Node emits for an uncaught exception before printing it (the same listener serves 'exit').
    (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', new Error('boom'), 'uncaughtException');
    expect(stdout.written.endsWith('\u001B[?25h\u001B[?1049l')).toBe(true);
  });
});
