/**
 * What every console pane gets from the shell. Panes read the session's store (zustand, fed by the
 * engine's events; `useStore(store, selector)` from 'zustand') and ask the engine for things only
 * through `commands`. A replayed session gets commands that refuse with a clear message.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';

export type NoticeTone = 'info' | 'error';

export interface PaneProps {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  /** This pane has the keyboard (its `useInput` is active). */
  focused: boolean;
  /** Columns and rows the pane may draw in (the shell keeps the whole frame shorter than the terminal). */
  width: number;
  height: number;
  /** One line in the footer: a command's answer, or why it could not run. */
  notify(message: string, tone?: NoticeTone): void;
  /** While true the pane owns every key (a text input or confirmation is open); the shell's keys pause. */
  setCapturing(capturing: boolean): void;
  /** Switch to the logs pane showing this resource's logs. */
  showLogs(resource: string): void;
}
