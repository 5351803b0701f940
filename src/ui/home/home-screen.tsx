/**
 * `stp` at a terminal: the stages of this config's stacks (status with colour and symbol, when it
 * last changed) and the actions by key (KEYMAP.home). Choosing an action hands it back
 * (`onChoose`); the caller leaves Ink and runs that command, which asks its own confirmations
 * (a deploy's plan waits for y, a delete for the stack name). `l` picks the resource whose logs
 * to show first when there is more than one.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { StageStack } from '../../engine/status/list-stages.js';
import { KEYMAP, matchesKey, type KeyBinding } from '../console/keymap.js';

export type HomeAction = 'deploy' | 'preview' | 'logs' | 'status' | 'delete';

export interface HomeChoice {
  action: HomeAction;
  stage: string;
  /** For logs: the config resource. */
  resource?: string;
}

export interface HomeScreenProps {
  project: string;
  /** Where the stacks were looked for, e.g. "eu-west-1 · the local cloud" (once listed). */
  where?: string;
  /** Undefined while they are being listed. */
  stages?: readonly StageStack[];
  /** The region they are looked for in (shown while listing). */
  region: string;
  /** Listing the stacks failed: why (the stages shown are then only the one named). */
  error?: string;
  /** Config resources with logs (functions, scripts, services, batch jobs). */
  logResources: readonly string[];
  /** The stage selected first (--stage, or the default). */
  initialStage: string;
  width: number;
  onChoose(choice: HomeChoice): void;
  onQuit(): void;
  /** "now" for the ages (tests pass a fixed one). */
  now?: Date;
}

/** Symbol and colour of a stack status (the symbol alone carries it under NO_COLOR). */
export function statusMark(status: string | undefined): { symbol: string; color: string | undefined; dim: boolean } {
  if (status === undefined) return { symbol: '·', color: undefined, dim: true };
  if (status.endsWith('_FAILED')) return { symbol: '✗', color: 'red', dim: false };
  if (status.includes('ROLLBACK')) return { symbol: '↺', color: 'yellow', dim: false };
  if (status.endsWith('_IN_PROGRESS')) return { symbol: '…', color: 'cyan', dim: false };
  return { symbol: '✓', color: 'green', dim: false };
}

export function age(fromIso: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const STAGE_ACTIONS: readonly [HomeAction, KeyBinding][] = [
  ['deploy', KEYMAP.home.deploy],
  ['preview', KEYMAP.home.preview],
  ['logs', KEYMAP.home.logs],
  ['status', KEYMAP.home.status],
  ['delete', KEYMAP.home.delete],
];

function Footer({ items }: { items: readonly KeyBinding[] }) {
  return (
    <Text wrap="truncate" dimColor>
      {items.map((item, index) => (
        <Text key={item.label}>
          {index > 0 ? '  ' : ''}
          <Text bold color={item.dangerous ? 'red' : undefined}>
            {item.label}
          </Text>{' '}
          {item.help}
        </Text>
      ))}
    </Text>
  );
}

const NO_STAGES: readonly StageStack[] = [];

export function HomeScreen({ project, where, stages: listed, region, error, logResources, initialStage, width, onChoose, onQuit, now = new Date() }: HomeScreenProps) {
  const stages = listed ?? NO_STAGES;
  // The key handler reads the latest selection through refs: keys typed faster than a render
  // must act on what they moved to, not on the last frame's closure.
  const [selected, setSelectedState] = useState(() => Math.max(0, stages.findIndex((s) => s.stage === initialStage)));
  const [picking, setPickingState] = useState<number | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const selectedRef = useRef(selected);
  const pickingRef = useRef(picking);
  const setSelected = (index: number) => setSelectedState((selectedRef.current = index));
  const setPicking = (index: number | undefined) => setPickingState((pickingRef.current = index));
  const stage = stages[selected];
  // The stages arrive after the first frame: select the named one then.
  useEffect(() => {
    if (listed) setSelected(Math.max(0, listed.findIndex((s) => s.stage === initialStage)));
  }, [listed]);

  useInput((input, key) => {
    const keys = KEYMAP.home;
    const current = stages[selectedRef.current];
    const pick = pickingRef.current;
    if (pick !== undefined) {
      if (matchesKey(keys.down, input, key)) setPicking(Math.min(logResources.length - 1, pick + 1));
      else if (matchesKey(keys.up, input, key)) setPicking(Math.max(0, pick - 1));
      else if (matchesKey(keys.choose, input, key) && current) onChoose({ action: 'logs', stage: current.stage, resource: logResources[pick]! });
      else if (matchesKey(keys.back, input, key)) setPicking(undefined);
      return;
    }
    if (matchesKey(KEYMAP.global.quit, input, key)) return onQuit();
    if (matchesKey(keys.down, input, key)) return setSelected(Math.min(stages.length - 1, selectedRef.current + 1));
    if (matchesKey(keys.up, input, key)) return setSelected(Math.max(0, selectedRef.current - 1));
    if (!current) return;
    const action = STAGE_ACTIONS.find(([, binding]) => matchesKey(binding, input, key))?.[0];
    if (action === undefined) return;
    if (action !== 'deploy' && action !== 'preview' && current.status === undefined) {
      setNotice(`${current.stackName} is not deployed: deploy it first (d).`);
      return;
    }
    if (action === 'logs') {
      if (logResources.length === 0) return setNotice(`${project} has no function, script or service with logs.`);
      if (logResources.length === 1) return onChoose({ action, stage: current.stage, resource: logResources[0]! });
      setNotice(undefined);
      return setPicking(0);
    }
    onChoose({ action, stage: current.stage });
  });

  const stageWidth = Math.max(5, ...stages.map((s) => s.stage.length));
  const statusWidth = Math.max(12, ...stages.map((s) => (s.status ?? 'not deployed').length));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>stp</Text> <Text bold color="cyan">{project}</Text> <Text dimColor>· {where ?? region}</Text>
      </Text>
      <Text> </Text>
      {listed === undefined ? (
        <Text dimColor>  looking for {project}'s stages in {region}…</Text>
      ) : (
        <Text dimColor wrap="truncate">
          {'  '}
          {'stage'.padEnd(stageWidth)}   {'status'.padEnd(statusWidth)}  last change
        </Text>
      )}
      {stages.map((s, index) => {
        const mark = statusMark(s.status);
        const current = index === selected;
        return (
          <Text key={s.stage} wrap="truncate" inverse={current && picking === undefined}>
            {current ? '›' : ' '} <Text bold={current}>{s.stage.padEnd(stageWidth)}</Text>{' '}
            <Text color={mark.color} dimColor={mark.dim}>
              {mark.symbol} {(s.status ?? 'not deployed').padEnd(statusWidth)}
            </Text>
            {'  '}
            {s.lastChangedAt ? `${s.lastChangedAt.slice(0, 16).replace('T', ' ')} UTC (${age(s.lastChangedAt, now)})` : ''}
            {s.statusReason && s.status?.endsWith('_FAILED') ? <Text dimColor> — {s.statusReason}</Text> : null}
          </Text>
        );
      })}
      {error ? (
        <Text color="red" wrap="truncate">
          ✗ could not list the stacks: {error}
        </Text>
      ) : null}
      {picking !== undefined && stage ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Logs of {stage.stackName}: which resource?</Text>
          {logResources.map((name, index) => (
            <Text key={name} inverse={index === picking}>
              {index === picking ? '›' : ' '} {name}
            </Text>
          ))}
        </Box>
      ) : null}
      <Text> </Text>
      {notice ? (
        <Text color="yellow" wrap="truncate">
          › {notice}
        </Text>
      ) : null}
      <Footer
        items={
          picking !== undefined
            ? [{ ...KEYMAP.home.down, help: 'select a resource' }, { ...KEYMAP.home.choose, help: 'show its logs' }, { ...KEYMAP.home.back, help: 'back' }]
            : // Short help: the action's name (the ? overlay of the console has the long words).
              [KEYMAP.home.down, ...STAGE_ACTIONS.map(([action, binding]) => ({ ...binding, help: action })), { ...KEYMAP.global.quit, help: 'quit' }]
        }
      />
    </Box>
  );
}
