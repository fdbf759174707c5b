import { Box, Text } from 'ink';
import { useTheme } from '../hooks/use-theme.js';

/**
 * The pointer before the highlighted item of a list (ink-select-input's indicator, themed). Plain
 * ASCII on purpose: the first non-ASCII character Ink measures costs ~40 ms (string-width compiles
 * its emoji regular expression), and the welcome screen is drawn before that cost is paid.
 */
export function SelectIndicator({ isSelected = false }: { isSelected?: boolean }) {
  const theme = useTheme();
  return (
    <Box marginRight={1} flexShrink={0}>
      <Text color={isSelected ? theme.accent : undefined}>{isSelected ? '>' : ' '}</Text>
    </Box>
  );
}
