/**
 * One pane of the console as the shell sees it: the tab's title, the keymap scope its help
 * shows, and the component drawn while it has focus. The production set is `console-panes.ts`;
 * tests pass small panes of their own.
 */
import type { ReactNode } from 'react';
import type { KeyScope } from './keymap.js';
import type { PaneProps } from './pane-props.js';

/** What the shell renders a pane with: the common props, and the resource `showLogs` last named. */
export interface ShellPaneProps extends PaneProps {
  logsResource?: string;
}

export interface PaneSpec {
  id: string;
  title: string;
  scope: KeyScope;
  component: (props: ShellPaneProps) => ReactNode;
}
