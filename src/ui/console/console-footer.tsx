/**
 * The last line: a short help built from KEYMAP for what the keys do right now, and the latest
 * notice (a command's answer, or why it could not run — errors in red with a ✗).
 */
import { Box, Text } from 'ink';
import type { NoticeTone } from './pane-props.js';

export interface Notice {
  message: string;
  tone: NoticeTone;
}

export interface ShortHelpItem {
  label: string;
  help: string;
  dangerous?: boolean;
}

export function ConsoleFooter({ items, notice, width }: { items: readonly ShortHelpItem[]; notice: Notice | undefined; width: number }) {
  return (
    <Box width={width} flexDirection="column">
      {notice ? (
        <Text wrap="truncate" color={notice.tone === 'error' ? 'red' : 'cyan'}>
          {notice.tone === 'error' ? '✗ ' : '› '}
          {notice.message}
        </Text>
      ) : null}
      <Text wrap="truncate" dimColor>
        {items.map((item, index) => (
          <Text key={`${item.label}-${index}`}>
            {index > 0 ? '  ' : ''}
            <Text bold color={item.dangerous ? 'red' : undefined}>
              {item.label}
            </Text>{' '}
            {item.help}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
