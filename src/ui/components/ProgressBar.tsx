import { Text } from 'ink';
import { useTheme } from '../hooks/use-theme.js';

/** A bar of `width` cells, `value` of `max` filled. */
export function ProgressBar({ value, max, width }: { value: number; max: number; width: number }) {
  const theme = useTheme();
  const cells = Math.max(0, width);
  const filled = max > 0 ? Math.round((Math.max(0, Math.min(value, max)) / max) * cells) : 0;
  return (
    <Text>
      <Text color={theme.accent}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(cells - filled)}</Text>
    </Text>
  );
}
