/**
 * Shared waits for ink-testing-library tests (after Shopify cli-kit's testing/ui.ts): a frame read
 * synchronously after `stdin.write` still shows the old frame, so every test waits for the frame
 * to change or to contain what it expects. Waits poll by yielding to React's scheduler, never by
 * sleeping a fixed time; the timeout only turns a hang into a readable failure.
 */

export interface InkInstance {
  lastFrame(): string | undefined;
  stdin: { write(data: string): void };
  frames: string[];
}

/** Escape sequences ink's input parser understands. */
export const KEY = {
  tab: '\t',
  shiftTab: '\u001B[Z',
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlC: '\u0003',
  space: ' ',
} as const;

const tick = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/** ANSI colour codes removed, so assertions read the text. */
export function plain(frame: string | undefined): string {
  return (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
}

/** Waits until the (uncoloured) last frame satisfies `predicate`; fails with the frame it saw. */
export async function waitForFrame(instance: InkInstance, predicate: (frame: string) => boolean, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = plain(instance.lastFrame());
    if (predicate(frame)) {
      // As in press(): a component that just mounted binds its useInput in an effect after the frame.
      await settle(3);
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${frame}`);
    await tick();
  }
}

export function waitForText(instance: InkInstance, text: string, timeoutMs?: number): Promise<string> {
  return waitForFrame(instance, (frame) => frame.includes(text), timeoutMs);
}

/** Writes keys and waits until a new frame is drawn (the frame count grows and the frame changes). */
export async function press(instance: InkInstance, keys: string, timeoutMs = 5000): Promise<string> {
  const before = instance.lastFrame();
  const count = instance.frames.length;
  instance.stdin.write(keys);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (instance.frames.length > count && instance.lastFrame() !== before) {
      // React 19 runs passive effects (where useInput re-binds its handler to the new state) after
      // the frame is committed; a key written before they run reaches the old handler. Let them run.
      await settle(3);
      return plain(instance.lastFrame());
    }
    if (Date.now() > deadline) throw new Error(`no new frame after pressing ${JSON.stringify(keys)}; last frame:\n${plain(instance.lastFrame())}`);
    await tick();
  }
}

/** Lets React settle (a few scheduler turns) where a key is expected to change nothing visible. */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await tick();
}
