/**
 * The console's panes for `stp deploy`, in tab order (1–5). Each pane is built beside the others
 * in src/ui/panes/ and joins this list when it lands; the shell (deploy-console.tsx) frames them.
 */
import type { PaneSpec } from './pane-spec.js';

export const CONSOLE_PANES: readonly PaneSpec[] = [];
