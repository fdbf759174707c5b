import { Text } from 'ink';
import { useTheme } from '../hooks/use-theme.js';

/** One item of a list on one row: cut, never wrapped, so that a list of N items is N rows. */
export function SelectItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
  const theme = useTheme();
  return (
    <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
      {label}
    </Text>
  );
}
