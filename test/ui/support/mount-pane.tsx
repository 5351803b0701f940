/**
 * A pane rendered on its own with ink-testing-library, over a store built from event bodies, with
 * everything it asks of the shell recorded: commands, notices, keyboard capture, logs requests.
 */
import type { ComponentType } from 'react';
import { render } from 'ink-testing-library';
import type { DeployEventBody } from '../../../src/engine/events.js';
import type { NoticeTone, PaneProps } from '../../../src/ui/console/pane-props.js';
import { recordingCommands } from './recording-commands.js';
import { sessionFixture } from './session-fixture.js';

export function mountPane(Pane: ComponentType<PaneProps>, bodies: DeployEventBody[], size: { width: number; height: number }) {
  const fixture = sessionFixture(bodies);
  const commands = recordingCommands();
  const notices: [string, NoticeTone | undefined][] = [];
  const capturing: boolean[] = [];
  const logs: string[] = [];
  const instance = render(
    <Pane
      store={fixture.store}
      commands={commands}
      focused
      width={size.width}
      height={size.height}
      notify={(message, tone) => notices.push([message, tone])}
      setCapturing={(value) => capturing.push(value)}
      showLogs={(resource) => logs.push(resource)}
    />,
  );
  return { ...fixture, instance, commands, notices, capturing, logs };
}
