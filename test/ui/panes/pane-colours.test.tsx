/**
 * With colour on (FORCE_COLOR, as a colour terminal), the colours repeat what the symbols say:
 * Ink's chalk reads the environment when it loads, so this file loads Ink afresh after setting it.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { countChanges } from '../../../src/engine/plan/classify.js';
import { waitForText } from '../support/ink-wait.js';
import { recordingCommands } from '../support/recording-commands.js';
import { sessionFixture } from '../support/session-fixture.js';

const previous = process.env.FORCE_COLOR;
afterAll(() => {
  if (previous === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = previous;
});

async function loadWithColour() {
  process.env.FORCE_COLOR = '1';
  vi.resetModules();
  const { render, cleanup } = await import('ink-testing-library');
  const { PlanPane } = await import('../../../src/ui/panes/plan-pane.js');
  const { EventsPane } = await import('../../../src/ui/panes/events-pane.js');
  return { render, cleanup, PlanPane, EventsPane };
}

const RED = '\u001B[31m';
const GREEN = '\u001B[32m';
const YELLOW = '\u001B[33m';

describe('pane colours (colour on)', () => {
  it('plan: + green, ~ yellow, ± and the data-loss banner red', async () => {
    const { render, cleanup, PlanPane } = await loadWithColour();
    const changes = [
      { logicalId: 'Db', owner: 'db', resourceType: 'AWS::RDS::DBInstance', action: 'replace' as const, replacement: 'True', causes: [], policyAction: 'ReplaceAndDelete', dataLoss: true, securityBroadening: false, protectedViolation: false },
      { logicalId: 'Fn', owner: 'fn', resourceType: 'AWS::Lambda::Function', action: 'modify' as const, causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false },
      { logicalId: 'Q', owner: 'q', resourceType: 'AWS::SQS::Queue', action: 'add' as const, causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false },
    ];
    const { store } = sessionFixture([{ type: 'plan.ready', changeSetType: 'UPDATE', changes, counts: countChanges(changes) } as DeployEventBody]);
    const instance = render(<PlanPane store={store} commands={recordingCommands()} focused width={100} height={20} notify={() => undefined} setCapturing={() => undefined} showLogs={() => undefined} />);
    await waitForText(instance, '± replace (1)');
    const frame = instance.lastFrame() ?? '';
    expect(frame).toMatch(new RegExp(`${RED.replace('[', '\\[')}(\\u001B\\[1m)?⚠ DATA LOSS`));
    expect(frame).toMatch(/\u001B\[31m(\u001B\[1m)?± /);
    expect(frame).toMatch(/\u001B\[33m(\u001B\[1m)?~ /);
    expect(frame).toMatch(/\u001B\[32m(\u001B\[1m)?\+ /);
    cleanup();
  });

  it('events: ✓ green, ✗ red', async () => {
    const { render, cleanup, EventsPane } = await loadWithColour();
    const at = '2026-12-06T10:00:01.000Z';
    const { store } = sessionFixture([
      { type: 'stack.event', event: { eventId: '1', stackName: 's', stackId: 'id', logicalId: 'A', resourceType: 'AWS::SNS::Topic', status: 'CREATE_COMPLETE', at, depth: 0 } },
      { type: 'stack.event', event: { eventId: '2', stackName: 's', stackId: 'id', logicalId: 'B', resourceType: 'AWS::SNS::Topic', status: 'CREATE_FAILED', reason: 'no', at, depth: 0 } },
    ]);
    const instance = render(<EventsPane store={store} commands={recordingCommands()} focused width={100} height={20} notify={() => undefined} setCapturing={() => undefined} showLogs={() => undefined} />);
    await waitForText(instance, 'CREATE_FAILED');
    const frame = instance.lastFrame() ?? '';
    expect(frame).toContain(`${GREEN}✓ `);
    expect(frame).toContain(`${RED}✗ `);
    expect(frame).not.toContain(`${YELLOW}✓`);
    cleanup();
  });
});
