import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPercent, newRevisionCells, TrafficBar } from '../../../src/ui/components/traffic-bar.js';
import { plain } from '../support/ink-wait.js';

afterEach(cleanup);

describe('traffic bar', () => {
  it('gives the new revision its share of cells, at least one above 0 % and one short of all below 100 %', () => {
    expect([0, 0.5, 10, 50, 99.5, 100].map((target) => newRevisionCells(target, 40))).toEqual([0, 1, 4, 20, 39, 40]);
    expect(newRevisionCells(10, 0)).toBe(0);
    expect(newRevisionCells(60, 1)).toBe(1);
  });

  it('formats ECS weights (multiples of 0.1)', () => {
    expect([0, 10, 12.5, 33.333, 100].map(formatPercent)).toEqual(['0%', '10%', '12.5%', '33.3%', '100%']);
  });

  it('reads without colour: old and new use different fill characters', () => {
    const { lastFrame } = render(<TrafficBar source={75} target={25} width={30} />);
    // "old 75% " + 14 cells + " 25% new"; 25 % of 14 rounds to 4.
    expect(plain(lastFrame())).toBe(`old 75% ${'░'.repeat(10)}${'█'.repeat(4)} 25% new`);
  });
});
