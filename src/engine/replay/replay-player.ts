/**
 * Plays a recorded event stream into a session store, with the recording's own timing (each
 * event's `ts`): at real speed, ×N, or instantly; paused and resumed; sought to any time. Seeking
 * back rebuilds the state by reducing the events up to that point from the start (`reduceEvents`
 * is pure), so every position shows exactly the screen the live session showed then. Renderers
 * that cannot rewind (plain lines) get each event once, as it is played forward.
 *
 * No timers of its own: a `SchedulerClock` (now + abortable sleep) drives it, so tests use a
 * fake clock and never wait on wall time.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DeployEvent, EventSink } from '../events.js';
import { initialSessionState, reduceEvents, type SessionState, type SessionStoreOptions } from '../session/session-store.js';
import { systemClock, type SchedulerClock } from '../watch/poll-scheduler.js';
import type { ParsedRecording } from './parse-recording.js';

/** The speeds `faster` / `slower` step through. */
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;

export interface ReplayPosition {
  /** Events applied so far (0 … total). */
  index: number;
  total: number;
  /** Recorded time at the position, from the first event (ms). */
  atMs: number;
  durationMs: number;
  playing: boolean;
  /** A multiplier of real time; Infinity plays instantly. */
  speed: number;
  ended: boolean;
}

export interface ReplayPlayerOptions {
  /** Default 1 (real speed); Infinity: everything at once. */
  speed?: number;
  clock?: SchedulerClock;
  store?: SessionStoreOptions;
  /** Get each event once, when it is first played forward (a seek back does not repeat them). */
  sinks?: readonly EventSink[];
}

export class ReplayPlayer {
  /** The session state at the current position: what the console renders. */
  readonly store: StoreApi<SessionState>;
  /** Where the player is (the position/total indicator reads it). */
  readonly position: StoreApi<ReplayPosition>;
  /** Epoch ms of the recording's first event. */
  readonly startMs: number;
  private readonly events: readonly DeployEvent[];
  private readonly offsets: readonly number[];
  private readonly clock: SchedulerClock;
  private readonly storeOptions: SessionStoreOptions;
  private readonly sinks: readonly EventSink[];
  /** Events handed to the sinks so far (they never see one twice). */
  private emitted = 0;
  /** Recorded time and clock time at the last anchor: atMs = anchorAt + (now − anchorClock) × speed while playing. */
  private anchorAt = 0;
  private anchorClock = 0;
  private wait: AbortController | undefined;
  private finished: Promise<void>;
  private resolveFinished!: () => void;

  constructor(recording: ParsedRecording, options: ReplayPlayerOptions = {}) {
    this.events = recording.events;
    this.startMs = recording.startMs;
    this.offsets = recording.offsets;
    this.clock = options.clock ?? systemClock;
    this.storeOptions = options.store ?? {};
    this.sinks = options.sinks ?? [];
    const speed = options.speed ?? 1;
    if (!(speed > 0)) throw new RangeError(`replay speed must be positive, got ${speed}`);
    this.store = createStore<SessionState>(() => initialSessionState(this.storeOptions));
    this.position = createStore<ReplayPosition>(() => ({
      index: 0,
      total: recording.events.length,
      atMs: 0,
      durationMs: recording.durationMs,
      playing: false,
      speed,
      ended: false,
    }));
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  /** Resolves when the last event has been played. */
  whenEnded(): Promise<void> {
    return this.finished;
  }

  /** The recording's own time now (epoch ms): what the session's clocks showed then. */
  recordedNow(): number {
    return this.startMs + this.currentMs();
  }

  /** Recorded time now (advances with the clock while playing). */
  currentMs(): number {
    const { playing, speed, durationMs, atMs } = this.position.getState();
    if (!playing) return atMs;
    if (speed === Infinity) return durationMs;
    return Math.min(durationMs, this.anchorAt + (this.clock.now() - this.anchorClock) * speed);
  }

  play(): void {
    const state = this.position.getState();
    if (state.playing) return;
    // Play at the end starts over.
    if (state.ended) this.seek(0);
    this.anchor(this.position.getState().atMs);
    this.position.setState({ playing: true });
    this.loop();
  }

  pause(): void {
    if (!this.position.getState().playing) return;
    const at = this.currentMs();
    this.stopWaiting();
    this.position.setState({ playing: false, atMs: at });
  }

  toggle(): void {
    if (this.position.getState().playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError(`replay speed must be positive, got ${speed}`);
    const at = this.currentMs();
    this.anchor(at);
    this.position.setState({ speed, atMs: at });
    this.restartIfPlaying();
  }

  /** The next speed up (or down) in REPLAY_SPEEDS. */
  faster(): void {
    const speed = this.position.getState().speed;
    const next = REPLAY_SPEEDS.find((s) => s > speed);
    if (next !== undefined) this.setSpeed(next);
  }

  slower(): void {
    const speed = this.position.getState().speed;
    const next = [...REPLAY_SPEEDS].reverse().find((s) => s < speed);
    if (next !== undefined) this.setSpeed(next);
  }

  /** Moves to recorded time `ms` (clamped), showing the state after every event at or before it. */
  seek(ms: number): void {
    const { durationMs } = this.position.getState();
    const at = Math.max(0, Math.min(durationMs, ms));
    this.stopWaiting();
    this.applyTo(this.countUpTo(at), at);
    this.anchor(at);
    this.restartIfPlaying();
  }

  seekBy(deltaMs: number): void {
    this.seek(this.currentMs() + deltaMs);
  }

  toStart(): void {
    this.seek(0);
  }

  /** The final state (and the end of the recording). */
  toEnd(): void {
    this.seek(this.position.getState().durationMs);
  }

  /** Stops playing; the state stays where it is. */
  dispose(): void {
    this.stopWaiting();
    this.position.setState({ playing: false });
  }

  /** How many events have an offset ≤ at. */
  private countUpTo(at: number): number {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Makes the state the one after `count` events (forward: reduce the new ones; back: rebuild). */
  private applyTo(count: number, atMs: number): void {
    const { index, total } = this.position.getState();
    if (count > index) {
      this.store.setState(reduceEvents(this.store.getState(), this.events.slice(index, count), this.storeOptions), true);
    } else if (count < index) {
      this.store.setState(reduceEvents(initialSessionState(this.storeOptions), this.events.slice(0, count), this.storeOptions), true);
    }
    for (; this.emitted < count; this.emitted++) for (const sink of this.sinks) sink.emit(this.events[this.emitted]!);
    const ended = count === total && atMs >= this.position.getState().durationMs;
    this.position.setState({ index: count, atMs, ended, ...(ended ? { playing: false } : {}) });
    if (ended) this.resolveFinished();
  }

  private anchor(at: number): void {
    this.anchorAt = at;
    this.anchorClock = this.clock.now();
  }

  private stopWaiting(): void {
    this.wait?.abort();
    this.wait = undefined;
  }

  private restartIfPlaying(): void {
    const state = this.position.getState();
    if (!state.playing) return;
    this.stopWaiting();
    if (state.ended) {
      this.position.setState({ playing: false });
      return;
    }
    this.loop();
  }

  /** Applies what is due, sleeps until the next event, repeats; a pause, seek or speed change aborts the sleep. */
  private loop(): void {
    const controller = new AbortController();
    this.wait = controller;
    const step = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        const { speed, durationMs, total } = this.position.getState();
        let at = this.currentMs();
        // A hair of slack, snapped to the event: float arithmetic must not leave one due a femtosecond later, forever.
        const due = this.countUpTo(at + 1e-6);
        if (due > 0 && this.offsets[due - 1]! > at) at = this.offsets[due - 1]!;
        this.applyTo(due, at);
        const { index } = this.position.getState();
        if (index >= total && at >= durationMs) return;
        const nextAt = index < total ? this.offsets[index]! : durationMs;
        const delay = Math.max(0, (nextAt - at) / speed);
        try {
          await this.clock.sleep(delay, controller.signal);
        } catch {
          return;
        }
      }
    };
    void step();
  }
}
