/**
 * The `?` overlay: every key that works now, generated from KEYMAP (the global keys and the
 * focused pane's scopes), dangerous ones in red and marked `!` so NO_COLOR still shows them.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { helpRows, type KeyScope } from './keymap.js';

const SCOPE_TITLES: Record<KeyScope, string> = {
  global: 'Everywhere',
  approval: 'Approving the plan',
  plan: 'Plan',
  events: 'Events',
  canary: 'Canary',
  scripts: 'Scripts',
  logs: 'Logs',
  failure: 'After a failure',
  result: 'Result',
  replay: 'Replay',
  home: 'Home',
  prompt: 'Questions',
};

export function HelpOverlay({ scopes, width, height }: { scopes: readonly KeyScope[]; width: number; height: number }) {
  const lines: { key: string; node: ReactNode }[] = [];
  const labelWidth = Math.max(...scopes.flatMap((scope) => helpRows(scope).map((row) => row.label.length)), 4) + 2;
  for (const scope of scopes) {
    lines.push({ key: `${scope}-title`, node: <Text bold underline>{SCOPE_TITLES[scope]}</Text> });
    for (const row of helpRows(scope)) {
      lines.push({
        key: `${scope}-${row.label}`,
        node: (
          <Text wrap="truncate">
            {'  '}
            <Text bold color={row.dangerous ? 'red' : 'cyan'}>
              {row.label.padEnd(labelWidth)}
            </Text>
            {row.help}
            {row.dangerous ? <Text color="red"> !</Text> : null}
          </Text>
        ),
      });
    }
  }
  // Two columns when one would not fit the height the shell gives.
  const inner = Math.max(1, height - 3);
  const columns = lines.length > inner ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  return (
    <Box flexDirection="column" borderStyle="round" width={width} height={height} paddingX={1}>
      <Text bold>
        Keys <Text dimColor>(? or Esc closes · ! changes something in AWS, always confirmed)</Text>
      </Text>
      <Box>
        {Array.from({ length: columns }, (_, column) => (
          <Box key={column} flexDirection="column" width={Math.floor((width - 4) / columns)}>
            {lines.slice(column * perColumn, (column + 1) * perColumn).map((line) => (
              <Box key={line.key}>{line.node}</Box>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
