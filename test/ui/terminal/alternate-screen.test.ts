import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { enterAlternateScreen } from '../../../src/ui/terminal/alternate-screen.js';

function fakeTerminal() {
  const written: string[] = [];
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as NodeJS.WriteStream['write'];
  const raw: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (on: boolean) => raw.push(on) }) as unknown as NodeJS.ReadStream;
  return { stdout, stdin, written, raw };
}

describe('the alternate screen', () => {
  it('enters it, and restores cursor, normal screen and raw mode once, dropping its process hooks', () => {
    const t = fakeTerminal();
    const exitHooks = process.listenerCount('exit');
    const crashHooks = process.listenerCount('uncaughtExceptionMonitor');
    const screen = enterAlternateScreen(t.stdout, t.stdin);
    expect(t.written).toEqual(['\u001B[?1049h']);
    expect(process.listenerCount('exit')).toBe(exitHooks + 1);
    expect(process.listenerCount('uncaughtExceptionMonitor')).toBe(crashHooks + 1);
    screen.restore();
    screen.restore();
    expect(t.written).toEqual(['\u001B[?1049h', '\u001B[?25h\u001B[?1049l']);
    expect(t.raw).toEqual([false]);
    expect(process.listenerCount('exit')).toBe(exitHooks);
    expect(process.listenerCount('uncaughtExceptionMonitor')).toBe(crashHooks);
  });

  it('restores on process exit (the hook it registered runs restore)', () => {
    const t = fakeTerminal();
    const before = process.listeners('exit');
    enterAlternateScreen(t.stdout, t.stdin);
    const hook = process.listeners('exit').find((l) => !before.includes(l));
    expect(hook).toBeDefined();
    (hook as () => void)();
    expect(t.written.at(-1)).toBe('\u001B[?25h\u001B[?1049l');
    expect(process.listeners('exit')).not.toContain(hook);
  });
});
