import { Text, type TextProps } from 'ink';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { truncate } from '../text.js';

type Props = Omit<TextProps, 'wrap' | 'children'> & { children: string; width?: number; indent?: number };

/**
 * One row of text, cut to `width` columns (the terminal's, less `indent`, unless told). Cut here
 * rather than by Ink, whose cut of wide (Japanese) text can overshoot by a column and wrap the row.
 */
export function Line({ children, width, indent = 0, ...style }: Props) {
  const { columns } = useTerminalSize();
  return (
    <Text wrap="truncate-end" {...style}>
      {truncate(children, (width ?? columns) - indent)}
    </Text>
  );
}
