/**
 * A prompt's button. The focused one is marked by `▸ … ◂` as well as inverse colour, so focus
 * stays visible under NO_COLOR (where inverse is dropped too).
 */
import { Text } from 'ink';

export function FocusButton({ label, focused, color }: { label: string; focused: boolean; color?: string }) {
  return focused ? (
    <Text bold inverse {...(color ? { color } : {})}>
      {`▸ ${label} ◂`}
    </Text>
  ) : (
    <Text {...(color ? { color } : {})}>{`  ${label}  `}</Text>
  );
}
