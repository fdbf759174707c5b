import { Text } from 'ink';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { truncate } from '../text.js';

/**
 * One item of a list on one row: cut to the terminal's width (after the pointer), never wrapped,
 * so that a list of N items is N rows. Cut here rather than by Ink, whose cut of wide (Japanese)
 * text can overshoot the width by a column and wrap the terminal.
 */
export function SelectItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  return (
    <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
      {truncate(label, columns - 2)}
    </Text>
  );
}
