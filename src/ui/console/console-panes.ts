/**
 * The console's panes for `stp deploy`, in tab order (1–5 as they are listed). Each pane is built
 * beside the others in src/ui/panes/; the shell (deploy-console.tsx) frames them. The logs pane
 * shows the resource a pane's `showLogs` named (the shell passes it as `logsResource`).
 */
import { createElement } from 'react';
import { CanaryPane } from '../panes/canary-pane.js';
import { EventsPane } from '../panes/events-pane.js';
import { LogsPane } from '../panes/logs-pane.js';
import { PlanPane } from '../panes/plan-pane.js';
import { ScriptsPane } from '../panes/scripts-pane.js';
import type { PaneSpec } from './pane-spec.js';

export const CONSOLE_PANES: readonly PaneSpec[] = [
  { id: 'plan', title: 'Plan', scope: 'plan', component: PlanPane },
  { id: 'events', title: 'Events', scope: 'events', component: EventsPane },
  { id: 'canary', title: 'Canary', scope: 'canary', component: CanaryPane },
  { id: 'scripts', title: 'Scripts', scope: 'scripts', component: ScriptsPane },
  {
    id: 'logs',
    title: 'Logs',
    scope: 'logs',
    component: ({ logsResource, ...props }) => createElement(LogsPane, { ...props, ...(logsResource !== undefined ? { resource: logsResource } : {}) }),
  },
];
