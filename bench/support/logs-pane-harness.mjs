// The logs pane rendered by real Ink (throttled frames, not ink-testing-library's debug mode) to a
// fake terminal, fed by a session store: what the log benchmarks drive. The fake stdout records
// when each write happened and what it held; the fake stdin delivers keys as a TTY would.
import { EventEmitter } from 'node:events';
import { importSource } from './import-source.mjs';

// Ink writes only the last frame when it believes it runs in CI (is-in-ci reads CI at import).
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
// React and the reconciler as dist/stp.mjs ships them (its bundle defines NODE_ENV=production).
process.env.NODE_ENV = 'production';

const m = await importSource('logs-pane-harness', [
  "export { createEventBus } from './src/engine/session/event-bus.ts';",
  "export { createSessionStore } from './src/engine/session/session-store.ts';",
  "export { LogsPane } from './src/ui/panes/logs-pane.tsx';",
]);
const { render } = await import('ink');
const React = (await import('react')).default;

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  /** Called with each write's text (after the time is taken). */
  onWrite = () => undefined;
  writes = 0;
  bytes = 0;
  /** The last write that drew a frame (Ink's cursor-only writes are skipped). */
  lastText = '';
  write = (chunk, encoding, callback) => {
    const text = String(chunk);
    this.writes++;
    this.bytes += text.length;
    if (text.length > 20) this.lastText = text;
    this.onWrite(text, performance.now());
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) done();
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write(data) {
    this.data = data;
    this.emit('readable');
  }
  read() {
    const { data } = this;
    this.data = null;
    return data;
  }
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const noop = () => undefined;
const commands = new Proxy({}, { get: () => async () => undefined });

/** Mounts the pane over a fresh store; `emitLines(n)` pushes n log.line events through the session's bus. */
export function mountLogsPane({ logLines = 2000, height = 38, width = 120 } = {}) {
  const { store, sink, flush } = m.createSessionStore({ logLines });
  const bus = m.createEventBus([sink]);
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const at = new Date().toISOString();
  let n = 0;
  const instance = render(
    React.createElement(m.LogsPane, { store, commands, focused: true, width, height, notify: noop, setCapturing: noop, showLogs: noop }),
    { stdout, stdin, stderr: new FakeStdout(), exitOnCtrlC: false, patchConsole: false, maxFps: 30 },
  );
  return {
    store,
    stdout,
    stdin,
    flush,
    emitLines(count) {
      for (let i = 0; i < count; i++) {
        n++;
        bus.emit({ type: 'log.line', source: 'api', line: `GET /items/${n} 200 ${n % 97} ms request-id=${(n * 2654435761) >>> 0}`, at, eventId: `e${n}` });
      }
    },
    get emitted() {
      return n;
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
