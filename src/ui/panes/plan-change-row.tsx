/**
 * One planned change in the plan pane: selection marker, action symbol, the config name with the
 * logical id dim beside it, the resource type (`AWS::` dropped; details show it whole), why (the
 * forcing property for a replacement), then its flags (DATA LOSS, PROTECTED, broadens access,
 * PolicyAction). One line, truncated at `width`: the why comes first because it is said nowhere
 * else, while the pane's banners repeat data loss, protection and broadening at the top.
 */
import { Box, Text } from 'ink';
import type { PlannedChange } from '../../engine/events.js';
import { ACTION_STYLE } from '../components/action-style.js';
import { changeFlags, changeWhy, displayName } from './plan-view.js';

export interface PlanColumns {
  /** The name and the dim logical id beside it, together. */
  name: number;
  type: number;
}

/** `AWS::S3::Bucket` → `S3::Bucket`: every row would repeat the prefix. */
export function shortType(type: string): string {
  return type.startsWith('AWS::') ? type.slice(5) : type;
}

/** Cuts text to `width` columns with an ellipsis. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

export function PlanChangeRow({ change, selected, columns, width }: { change: PlannedChange; selected: boolean; columns: PlanColumns; width: number }) {
  const style = ACTION_STYLE[change.action];
  const why = changeWhy(change);
  const name = fit(displayName(change), columns.name);
  const id = change.owner ? fit(` ${change.logicalId}`, columns.name - name.length) : '';
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text {...(selected ? { color: 'cyan', bold: true } : {})}>{selected ? '▸ ' : '  '}</Text>
        <Text color={style.color} bold>{`${style.symbol} `}</Text>
        <Text bold={selected}>{name}</Text>
        <Text dimColor>{pad(id, columns.name - name.length)}</Text>
        <Text>{`  ${pad(fit(shortType(change.resourceType), columns.type), columns.type)}`}</Text>
        {why ? <Text {...(change.action === 'replace' || change.action === 'may-replace' ? { color: style.color } : { dimColor: true })}>{`  ${why}`}</Text> : null}
        {changeFlags(change).map((flag) => (
          <Text key={flag.text} {...(flag.tone === 'danger' ? { color: 'red', bold: true } : flag.tone === 'warn' ? { color: 'yellow' } : { dimColor: true })}>
            {`  ${flag.text}`}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
