/**
 * The tab bar: `1 Plan  2 Events  3 Canary  4 Scripts  5 Logs`, the focused one inverse (and
 * bracketed, so it still reads under NO_COLOR), and `0 Result` once the deploy has ended.
 */
import { Box, Text } from 'ink';

export interface PaneTab {
  key: string;
  title: string;
}

export function PaneTabs({ tabs, focused }: { tabs: readonly PaneTab[]; focused: string }) {
  return (
    <Box>
      {tabs.map((tab) => {
        const active = tab.key === focused;
        return (
          <Box key={tab.key} marginRight={1}>
            <Text inverse={active} bold={active} dimColor={!active}>
              {active ? '[' : ' '}
              {tab.key} {tab.title}
              {active ? ']' : ' '}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
