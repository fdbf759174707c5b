import { Box, Text, type TextProps } from 'ink';

type Props = Omit<TextProps, 'wrap' | 'children'> & { rows: readonly string[]; max?: number };

/**
 * Text already wrapped into rows (text.ts `wrapText`), drawn one row per line and cut at `max`
 * rows: the screen knows its exact height, so the frame never outgrows the terminal.
 */
export function Paragraph({ rows, max, ...style }: Props) {
  const shown = max === undefined ? rows : rows.slice(0, Math.max(0, max));
  return (
    <Box flexDirection="column" flexShrink={0}>
      {shown.map((row, i) => (
        <Text key={i} {...style}>
          {row}
        </Text>
      ))}
    </Box>
  );
}
