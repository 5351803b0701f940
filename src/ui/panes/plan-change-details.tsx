/**
 * Property-level details of one planned change (the plan pane's `d`): every cause with its
 * recreation, evaluation, source and causing entity, and before → after when the change set had
 * property values. Bounded to `maxLines`; the rest is counted, not drawn.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { PlannedChange } from '../../engine/events.js';
import { ACTION_STYLE } from '../components/action-style.js';
import { causeSource, changeFlags, displayName } from './plan-view.js';

interface Line {
  key: string;
  node: ReactNode;
}

export function PlanChangeDetails({ change, width, maxLines }: { change: PlannedChange; width: number; maxLines: number }) {
  const style = ACTION_STYLE[change.action];
  const lines: Line[] = [];
  lines.push({
    key: 'head',
    node: (
      <Text bold color={style.color}>
        {`${style.symbol} ${displayName(change)}`}
        <Text dimColor bold={false}>{`  ${[change.owner ? change.logicalId : '', change.resourceType, change.physicalId ?? ''].filter(Boolean).join(' · ')}`}</Text>
      </Text>
    ),
  });
  const facts = [`action ${style.word}`, change.replacement ? `Replacement ${change.replacement}` : '', change.policyAction ? `PolicyAction ${change.policyAction}` : '', ...changeFlags(change).filter((f) => f.text !== change.policyAction).map((f) => f.text)].filter(Boolean);
  lines.push({ key: 'facts', node: <Text>{`  ${facts.join(' · ')}`}</Text> });
  if (change.causes.length === 0) lines.push({ key: 'none', node: <Text dimColor>{change.action === 'add' ? '  new resource: every property is set' : change.action === 'remove' ? '  removed from the template' : '  no property details'}</Text> });
  change.causes.forEach((cause, index) => {
    const forcing = cause.requiresRecreation === 'Always' || cause.requiresRecreation === 'Conditionally';
    const recreation = cause.requiresRecreation ? `recreation ${cause.requiresRecreation}` : 'recreation ?';
    lines.push({
      key: `cause-${index}`,
      node: (
        <Text>
          {'  '}
          <Text bold {...(forcing ? { color: style.color } : {})}>
            {cause.path}
          </Text>
          {`  ${recreation}${cause.evaluation ? ` · ${cause.evaluation}` : ''} · ${cause.changeSource ?? '?'}${cause.causingEntity ? ` ${cause.causingEntity}` : ''}`}
          <Text dimColor>{` (${causeSource(cause)})`}</Text>
        </Text>
      ),
    });
    if (cause.before !== undefined || cause.after !== undefined) {
      lines.push({ key: `values-${index}`, node: <Text dimColor>{`      ${cause.before ?? '∅'} → ${cause.after ?? '∅'}`}</Text> });
    }
  });
  // The top rule takes one line of the budget.
  const budget = Math.max(1, maxLines - 1);
  const shown = lines.length > budget ? lines.slice(0, budget - 1) : lines;
  const hidden = lines.length - shown.length;
  return (
    <Box flexDirection="column" width={width} borderStyle="single" borderDimColor borderBottom={false} borderLeft={false} borderRight={false}>
      {shown.map((line) => (
        <Box key={line.key} width={width}>
          <Text wrap="truncate-end">{line.node}</Text>
        </Box>
      ))}
      {hidden > 0 ? <Text dimColor>{`  … ${hidden} more line${hidden === 1 ? '' : 's'}`}</Text> : null}
    </Box>
  );
}

/** How many lines the details of a change take unbounded (the pane sizes its list around them). */
export function planChangeDetailsLines(change: PlannedChange): number {
  return 3 + Math.max(1, change.causes.length) + change.causes.filter((c) => c.before !== undefined || c.after !== undefined).length;
}
