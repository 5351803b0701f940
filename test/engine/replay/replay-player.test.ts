import { describe, expect, it } from 'vitest';
import type { DeployEvent, DeployEventBody } from '../../../src/engine/events.js';
import { parseRecording } from '../../../src/engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../../src/engine/replay/replay-player.js';
import { initialSessionState, reduceEvents } from '../../../src/engine/session/session-store.js';
import { FakeClock } from '../../support/fake-clock.js';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');

/** A recording: [ms after start, body] pairs. */
function recording(items: [number, DeployEventBody][]) {
  const text = items.map(([ms, body], i) => JSON.stringify({ ...body, v: 1, seq: i + 1, ts: new Date(T0 + ms).toISOString() })).join('\n');
  return parseRecording(text, 'test.ndjson');
}

// A deploy: starts, plans, a resource goes through its statuses, fails, and a result at 10 s.
const RUN = recording([
  [0, { type: 'session.started', command: 'deploy', stack: 'app-dev', stage: 'dev', region: 'eu-west-1', target: 'local', mode: 'interactive' }],
  [0, { type: 'phase.changed', phase: 'resolve' }],
  [1000, { type: 'phase.changed', phase: 'execute', previous: 'resolve' }],
  [2000, { type: 'progress', done: 0, total: 2 }],
  [4000, { type: 'progress', done: 1, total: 2 }],
  [7000, { type: 'progress', done: 2, total: 2 }],
  [10_000, { type: 'result', outcome: 'succeeded', exitCode: 0, durationMs: 10_000, outputs: {} }],
]);

describe('ReplayPlayer', () => {
  it('plays at real speed by the recorded timestamps', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock });
    player.play();
    await clock.advance(0);
    expect(player.position.getState()).toMatchObject({ index: 2, total: 7, atMs: 0, playing: true, ended: false });
    expect(player.store.getState().phase).toBe('resolve');
    await clock.advance(999);
    expect(player.position.getState().index).toBe(2);
    await clock.advance(1);
    expect(player.position.getState().index).toBe(3);
    expect(player.store.getState().phase).toBe('execute');
    await clock.advance(3000);
    expect(player.store.getState().progress).toEqual({ done: 1, total: 2 });
    await clock.advance(6000);
    expect(player.position.getState()).toMatchObject({ index: 7, atMs: 10_000, playing: false, ended: true });
    expect(player.store.getState().result?.outcome).toBe('succeeded');
    await player.whenEnded();
  });

  it('plays ×N faster, and a speed change mid-play keeps the position', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock, speed: 4 });
    player.play();
    await clock.advance(1000); // 4 s of recording
    expect(player.position.getState()).toMatchObject({ index: 5, atMs: 4000 });
    player.setSpeed(1);
    await clock.advance(2999);
    expect(player.position.getState().index).toBe(5);
    await clock.advance(1);
    expect(player.position.getState().index).toBe(6);
    player.faster(); // 1 → 2
    expect(player.position.getState().speed).toBe(2);
    await clock.advance(1500);
    expect(player.position.getState().ended).toBe(true);
  });

  it('plays instantly: every event at once, ended, no timer left', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock, speed: Infinity });
    player.play();
    await clock.advance(0);
    expect(player.position.getState()).toMatchObject({ index: 7, atMs: 10_000, ended: true, playing: false });
    expect(player.store.getState()).toEqual(reduceEvents(initialSessionState(), RUN.events));
    expect(clock.pendingTimers).toBe(0);
  });

  it('pause holds the position; play resumes from it', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock });
    player.play();
    await clock.advance(2500);
    player.pause();
    expect(player.position.getState()).toMatchObject({ index: 4, atMs: 2500, playing: false });
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(60_000);
    expect(player.position.getState()).toMatchObject({ index: 4, atMs: 2500 });
    player.toggle();
    await clock.advance(1499);
    expect(player.position.getState().index).toBe(4);
    await clock.advance(1);
    expect(player.position.getState()).toMatchObject({ index: 5, atMs: 4000, playing: true });
  });

  it('seek back rebuilds the state from the start; seek forward reduces the rest', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock });
    player.toEnd();
    expect(player.position.getState()).toMatchObject({ index: 7, ended: true });
    player.seek(4500);
    expect(player.position.getState()).toMatchObject({ index: 5, atMs: 4500, ended: false, playing: false });
    expect(player.store.getState()).toEqual(reduceEvents(initialSessionState(), RUN.events.slice(0, 5)));
    player.seekBy(-10_000);
    expect(player.position.getState()).toMatchObject({ index: 2, atMs: 0 });
    expect(player.store.getState().progress).toBeUndefined();
    player.seekBy(7000);
    expect(player.position.getState()).toMatchObject({ index: 6, atMs: 7000 });
    expect(player.store.getState()).toEqual(reduceEvents(initialSessionState(), RUN.events.slice(0, 6)));
    player.toStart();
    expect(player.store.getState().phase).toBe('resolve');
  });

  it('seeking while playing continues from the new position', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock });
    player.play();
    await clock.advance(1000);
    player.seek(6000);
    expect(player.position.getState()).toMatchObject({ index: 5, playing: true });
    await clock.advance(1000);
    expect(player.position.getState().index).toBe(6);
    expect(clock.pendingTimers).toBe(1);
  });

  it('sinks get each event once, in order, even across a seek back', async () => {
    const clock = new FakeClock();
    const seen: DeployEvent[] = [];
    const player = new ReplayPlayer(RUN, { clock, sinks: [{ emit: (e) => seen.push(e) }] });
    player.seek(4000);
    player.seek(0);
    player.toEnd();
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('play at the end starts over', async () => {
    const clock = new FakeClock();
    const player = new ReplayPlayer(RUN, { clock });
    player.toEnd();
    player.play();
    await clock.advance(0);
    expect(player.position.getState()).toMatchObject({ index: 2, atMs: 0, playing: true, ended: false });
  });

  it('slower steps down to a quarter speed and no further; a bad speed is refused', () => {
    const player = new ReplayPlayer(RUN, { clock: new FakeClock() });
    for (let i = 0; i < 5; i++) player.slower();
    expect(player.position.getState().speed).toBe(0.25);
    expect(() => player.setSpeed(0)).toThrow('replay speed must be positive, got 0');
  });
});
