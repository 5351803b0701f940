/**
 * Shared pieces of the shell's tests: small panes that show which one has focus and its height,
 * a recording `DeploySessionCommands` (the seam, not a mock of AWS), and the events of a deploy
 * at its stages.
 */
import { Text, useInput } from 'ink';
import type { DeployEventBody, DeploySessionCommands } from '../../../src/engine/events.js';
import type { PaneSpec, ShellPaneProps } from '../../../src/ui/console/pane-spec.js';

function TestPane({ name, ...props }: ShellPaneProps & { name: string }) {
  useInput(
    (input) => {
      if (input === 'e') props.notify(`${name} says hi`, 'error');
      if (input === 'L') props.showLogs('api');
    },
    { isActive: props.focused },
  );
  return (
    <Text>
      pane {name} focused={String(props.focused)} height={props.height} width={props.width}
      {props.logsResource ? ` logs=${props.logsResource}` : ''}
    </Text>
  );
}

export const TEST_PANES: PaneSpec[] = [
  { id: 'plan', title: 'Plan', scope: 'plan', component: (p) => <TestPane {...p} name="plan" /> },
  { id: 'events', title: 'Events', scope: 'events', component: (p) => <TestPane {...p} name="events" /> },
  { id: 'canary', title: 'Canary', scope: 'canary', component: (p) => <TestPane {...p} name="canary" /> },
  { id: 'scripts', title: 'Scripts', scope: 'scripts', component: (p) => <TestPane {...p} name="scripts" /> },
  { id: 'logs', title: 'Logs', scope: 'logs', component: (p) => <TestPane {...p} name="logs" /> },
];

export type Call = [string, ...unknown[]];

export function recordingCommands(failing: Partial<Record<keyof DeploySessionCommands, string>> = {}): { commands: DeploySessionCommands; calls: Call[] } {
  const calls: Call[] = [];
  const record = (name: keyof DeploySessionCommands, ...args: unknown[]) => {
    calls.push([name, ...args]);
    if (failing[name]) throw new Error(failing[name]);
  };
  const async = (name: keyof DeploySessionCommands, ...args: unknown[]) => {
    try {
      record(name, ...args);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  const commands: DeploySessionCommands = {
    approve: (id) => record('approve', id),
    approveWithConfirmation: (id, typed) => record('approveWithConfirmation', id, typed),
    reject: (id) => record('reject', id),
    continueCanary: (service, hookId) => async('continueCanary', service, hookId),
    rollbackCanary: (service) => async('rollbackCanary', service),
    cancel: () => async('cancel'),
    rollback: () => async('rollback'),
    recover: (skip) => async('recover', skip),
    rerunScript: (name) => async('rerunScript', name),
    tailLogs: (resource, options) => async('tailLogs', resource, options),
    detach: () => record('detach'),
  };
  return { commands, calls };
}

export const STARTED: Extract<DeployEventBody, { type: 'session.started' }> = {
  type: 'session.started',
  command: 'deploy',
  stack: 'shop-prod',
  stage: 'prod',
  region: 'eu-west-1',
  target: '123456789012',
  mode: 'interactive',
};

export const phases = (...names: Extract<DeployEventBody, { type: 'phase.changed' }>['phase'][]): DeployEventBody[] =>
  names.map((phase) => ({ type: 'phase.changed', phase }));

/** A deploy being watched in AWS. */
export const WATCHING: DeployEventBody[] = [STARTED, ...phases('resolve', 'package', 'check', 'change-set', 'classify', 'gate', 'execute', 'watch')];
