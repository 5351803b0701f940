/**
 * Every key the console answers to, in one object (gh-dash / k9s style): the `?` overlay and the
 * footer's short help are generated from it, and every `useInput` handler matches through
 * `matchesKey`, so the help can never drift from what the keys do. Dangerous bindings (anything
 * that changes AWS) are marked and always go through a confirmation with Cancel focused.
 *
 * Key names: a printable character as typed (`y`, `?`, `G`), or one of Ink's named keys
 * (`tab`, `shift+tab`, `return`, `escape`, `up`, `down`, `pageUp`, `pageDown`, `home`, `end`,
 * `space`, `backspace`), or `ctrl+<letter>`.
 */
import type { Key } from 'ink';

export interface KeyBinding {
  /** Keys that trigger it (see the module comment for names). */
  keys: readonly string[];
  /** How the help shows the keys, e.g. `j/k` or `PgUp/PgDn`. */
  label: string;
  /** What it does, in a few words. */
  help: string;
  /** Changes something in AWS: always confirmed, Cancel focused. */
  dangerous?: boolean;
}

export type KeyScope = 'global' | 'prompt' | 'approval' | 'plan' | 'events' | 'canary' | 'scripts' | 'logs' | 'failure' | 'result' | 'replay' | 'home';

export const KEYMAP = {
  global: {
    nextPane: { keys: ['tab'], label: 'Tab', help: 'next pane' },
    previousPane: { keys: ['shift+tab'], label: 'Shift+Tab', help: 'previous pane' },
    jumpPane: { keys: ['1', '2', '3', '4', '5'], label: '1-5', help: 'jump to a pane' },
    help: { keys: ['?'], label: '?', help: 'show / hide this help' },
    quit: { keys: ['q'], label: 'q', help: 'quit (during a deploy: detach or cancel)' },
    cancelUpdate: { keys: ['x'], label: 'x', help: 'cancel the running update (rolls back)', dangerous: true },
    interrupt: { keys: ['ctrl+c'], label: 'Ctrl-C', help: 'interrupt; twice forces' },
    showResult: { keys: ['0'], label: '0', help: 'back to the result screen (after the deploy)' },
    close: { keys: ['escape'], label: 'Esc', help: 'close the help' },
  },
  /** Any open confirmation (confirm dialog, type-to-confirm): it owns the keyboard while open. */
  prompt: {
    choose: { keys: ['return'], label: 'Enter', help: 'choose the focused button / submit' },
    cancel: { keys: ['escape'], label: 'Esc', help: 'cancel' },
    switchFocus: { keys: ['tab', 'shift+tab', 'left', 'right'], label: 'Tab/←/→', help: 'move between the buttons' },
    deleteChar: { keys: ['backspace'], label: 'Backspace', help: 'delete the last typed character' },
  },
  approval: {
    approve: { keys: ['y'], label: 'y', help: 'approve the plan', dangerous: true },
    reject: { keys: ['n'], label: 'n', help: 'reject the plan' },
    details: { keys: ['d'], label: 'd', help: 'property-level details' },
  },
  plan: {
    down: { keys: ['j', 'down'], label: 'j/k', help: 'move down / up' },
    up: { keys: ['k', 'up'], label: '', help: '' },
    details: { keys: ['d', 'return'], label: 'd/Enter', help: 'details of the selected change' },
  },
  events: {
    down: { keys: ['j', 'down'], label: 'j/k', help: 'move down / up' },
    up: { keys: ['k', 'up'], label: '', help: '' },
    openLogs: { keys: ['l', 'return'], label: 'l/Enter', help: "open the selected resource's logs" },
  },
  canary: {
    next: { keys: ['j', 'down'], label: 'j/k', help: 'select a service' },
    previous: { keys: ['k', 'up'], label: '', help: '' },
    continue: { keys: ['c'], label: 'c', help: 'continue a paused deployment', dangerous: true },
    rollback: { keys: ['r'], label: 'r', help: 'roll the deployment back', dangerous: true },
    openLogs: { keys: ['l'], label: 'l', help: "open the service's container logs" },
  },
  scripts: {
    down: { keys: ['j', 'down'], label: 'j/k', help: 'select a script' },
    up: { keys: ['k', 'up'], label: '', help: '' },
    rerun: { keys: ['R'], label: 'R', help: 'rerun the selected script', dangerous: true },
    openLogs: { keys: ['l', 'return'], label: 'l/Enter', help: "open the script's logs" },
  },
  logs: {
    filter: { keys: ['/'], label: '/', help: 'filter (CloudWatch pattern); Enter applies, Esc clears' },
    follow: { keys: ['f'], label: 'f', help: 'follow / pause' },
    down: { keys: ['j', 'down'], label: 'j/k', help: 'scroll a line' },
    up: { keys: ['k', 'up'], label: '', help: '' },
    top: { keys: ['g', 'home'], label: 'g/G', help: 'oldest / newest (G follows)' },
    bottom: { keys: ['G', 'end'], label: '', help: '' },
    pageUp: { keys: ['pageUp', 'ctrl+u'], label: 'PgUp/PgDn', help: 'scroll a page' },
    pageDown: { keys: ['pageDown', 'ctrl+d'], label: '', help: '' },
  },
  failure: {
    rollback: { keys: ['r'], label: 'r', help: 'roll the stack back', dangerous: true },
    recover: { keys: ['s'], label: 's', help: 'recover UPDATE_ROLLBACK_FAILED (pick resources to skip)', dangerous: true },
    toggleSkip: { keys: ['space'], label: 'Space', help: 'mark / unmark a resource to skip' },
    confirm: { keys: ['return'], label: 'Enter', help: 'continue with the marked resources' },
  },
  result: {
    rerun: { keys: ['R'], label: 'R', help: 'rerun a script', dangerous: true },
    logs: { keys: ['l'], label: 'l', help: 'open logs' },
    quit: { keys: ['q'], label: 'q', help: "quit with the deploy's exit code" },
  },
  replay: {
    pause: { keys: ['space'], label: 'Space', help: 'pause / play' },
    faster: { keys: ['+', '='], label: '+/-', help: 'faster / slower' },
    slower: { keys: ['-'], label: '', help: '' },
    seekBack: { keys: ['left', ','], label: '←/→', help: 'seek 10 s back / forward' },
    seekForward: { keys: ['right', '.'], label: '', help: '' },
    start: { keys: ['home'], label: 'Home/End', help: 'jump to start / end' },
    end: { keys: ['end'], label: '', help: '' },
  },
  home: {
    down: { keys: ['j', 'down'], label: 'j/k', help: 'select a stage' },
    up: { keys: ['k', 'up'], label: '', help: '' },
    choose: { keys: ['return'], label: 'Enter', help: 'open the chosen resource\'s logs' },
    back: { keys: ['escape'], label: 'Esc', help: 'back to the stages' },
    deploy: { keys: ['d'], label: 'd', help: 'deploy the selected stage', dangerous: true },
    preview: { keys: ['p'], label: 'p', help: 'preview (plan only)' },
    logs: { keys: ['l'], label: 'l', help: 'logs' },
    status: { keys: ['s'], label: 's', help: 'status' },
    delete: { keys: ['D'], label: 'D', help: 'delete the stack', dangerous: true },
  },
} as const satisfies Record<KeyScope, Record<string, KeyBinding>>;

/** The name of the key Ink reported (see the module comment), or the typed character. */
export function keyName(input: string, key: Key): string {
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.return) return 'return';
  if (key.escape) return 'escape';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown) return 'pageDown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace || key.delete) return 'backspace';
  if (input === ' ') return 'space';
  return input;
}

export function matchesKey(binding: KeyBinding, input: string, key: Key): boolean {
  return binding.keys.includes(keyName(input, key));
}

/** The help overlay's rows for a scope: bindings with an empty label are shown with the one before. */
export function helpRows(scope: KeyScope): { label: string; help: string; dangerous: boolean }[] {
  return Object.values(KEYMAP[scope] as Record<string, KeyBinding>)
    .filter((binding) => binding.label !== '')
    .map((binding) => ({ label: binding.label, help: binding.help, dangerous: binding.dangerous === true }));
}
