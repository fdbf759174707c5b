import { Box, Text } from 'ink';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useWizard } from '../hooks/use-wizard.js';
import { Line } from './Line.js';
import { textWidth } from '../text.js';
import { selectLevel } from '../store/selectors.js';

/** The top line: the tool and control on the left, the live level read-out on the right. */
export function Header() {
  const { t } = useLang();
  const theme = useTheme();
  const level = useWizard(selectLevel);
  const target = useWizard((s) => s.meta.targetLevel);
  const readout = level === undefined ? '' : `${t('levelReadout', { level })}${target === undefined ? '' : ` (${t('targetReadout', { target })})`}`;
  const { columns } = useTerminalSize();
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Line bold color={theme.accent} width={columns - textWidth(readout) - 1}>
          {`${t('appName')} - ${t('control')}`}
        </Line>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text bold>{readout}</Text>
      </Box>
    </Box>
  );
}
