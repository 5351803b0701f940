import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { TypeToConfirm } from '../../../src/ui/prompts/type-to-confirm.js';
import { KEY, press, settle, waitForText } from '../support/ink-wait.js';

afterEach(() => cleanup());

function prompt() {
  const calls: string[] = [];
  const instance = render(
    <TypeToConfirm
      title="This plan destroys data"
      message="db (StpDbInstance) will be replaced; its data is lost."
      expected="shop-prod"
      confirmLabel="Deploy"
      isActive
      onSubmit={(typed) => calls.push(`submit:${typed}`)}
      onCancel={() => calls.push('cancel')}
    />,
  );
  return { instance, calls };
}

describe('TypeToConfirm', () => {
  it("says what to type and opens with Cancel focused", async () => {
    const { instance } = prompt();
    const frame = await waitForText(instance, 'This plan destroys data');
    expect(frame).toContain('Type shop-prod to confirm, or press Escape to cancel.');
    expect(frame).toContain('▸ Cancel ◂');
    expect(frame).toContain('db (StpDbInstance) will be replaced');
  });

  it('Enter before typing anything cancels (focus is on Cancel)', async () => {
    const { instance, calls } = prompt();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    instance.stdin.write(KEY.enter);
    await settle();
    expect(calls).toEqual(['cancel']);
  });

  it('a wrong name submits nothing and says so', async () => {
    const { instance, calls } = prompt();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    await press(instance, 'shop-pro');
    await settle();
    const frame = await press(instance, KEY.enter);
    expect(frame).toContain('✗ "shop-pro" is not shop-prod; nothing was approved.');
    expect(calls).toEqual([]);
  });

  it('the exact name then Enter submits it', async () => {
    const { instance, calls } = prompt();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    for (const ch of 'shop-prodx') await press(instance, ch);
    await settle();
    const frame = await press(instance, KEY.backspace);
    expect(frame).toContain('▸ shop-prod  ✓');
    expect(frame).not.toContain('▸ Cancel ◂');
    instance.stdin.write(KEY.enter);
    await settle();
    expect(calls).toEqual(['submit:shop-prod']);
  });

  it('Escape cancels after typing', async () => {
    const { instance, calls } = prompt();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    await press(instance, 'shop-prod');
    await settle();
    instance.stdin.write(KEY.escape);
    await settle();
    expect(calls).toEqual(['cancel']);
  });

  it('Tab back to Cancel then Enter cancels even with the right name typed', async () => {
    const { instance, calls } = prompt();
    await waitForText(instance, '▸ Cancel ◂');
    await settle();
    await press(instance, 'shop-prod');
    await settle();
    expect(await press(instance, KEY.shiftTab)).toContain('▸ Cancel ◂');
    await settle();
    instance.stdin.write(KEY.enter);
    await settle();
    expect(calls).toEqual(['cancel']);
  });
});
