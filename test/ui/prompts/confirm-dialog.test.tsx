import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfirmDialog } from '../../../src/ui/prompts/confirm-dialog.js';
import { KEY, press, settle, waitForText } from '../support/ink-wait.js';

afterEach(() => cleanup());

function dialog(isActive = true) {
  const calls: string[] = [];
  const instance = render(
    <ConfirmDialog
      title="Roll back web?"
      message={['Traffic returns to the previous revision.']}
      confirmLabel="Roll back"
      dangerous
      isActive={isActive}
      onConfirm={() => calls.push('confirm')}
      onCancel={() => calls.push('cancel')}
    />,
  );
  return { instance, calls };
}

describe('ConfirmDialog', () => {
  it('opens with Cancel focused, marked by a symbol as well as colour', async () => {
    const { instance } = dialog();
    const frame = await waitForText(instance, 'Roll back web?');
    expect(frame).toContain('Traffic returns to the previous revision.');
    expect(frame).toContain('▸ Cancel ◂');
    expect(frame).not.toContain('▸ Roll back ◂');
    expect(frame).toContain('Esc cancels');
  });

  it('Enter straight away cancels', async () => {
    const { instance, calls } = dialog();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    instance.stdin.write(KEY.enter);
    await settle();
    expect(calls).toEqual(['cancel']);
  });

  it('moving focus to the action and pressing Enter confirms', async () => {
    const { instance, calls } = dialog();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    const frame = await press(instance, KEY.right);
    expect(frame).toContain('▸ Roll back ◂');
    expect(frame).not.toContain('▸ Cancel ◂');
    instance.stdin.write(KEY.enter);
    await settle();
    expect(calls).toEqual(['confirm']);
  });

  it('Tab moves back and forth; Escape cancels wherever the focus is', async () => {
    const { instance, calls } = dialog();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    await press(instance, KEY.tab);
    await settle();
    expect(await press(instance, KEY.tab)).toContain('▸ Cancel ◂');
    await settle();
    await press(instance, KEY.tab);
    await settle();
    instance.stdin.write(KEY.escape);
    await settle();
    expect(calls).toEqual(['cancel']);
  });

  it('reads no keys while inactive', async () => {
    const { instance, calls } = dialog(false);
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    instance.stdin.write(KEY.enter);
    instance.stdin.write(KEY.escape);
    await settle();
    expect(calls).toEqual([]);
  });
});
