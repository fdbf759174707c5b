import { Box, Text } from 'ink';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { selectLevel } from '../store/selectors.js';

/** The top line: the tool and control on the left, the live level read-out on the right. */
export function Header() {
  const { t } = useLang();
  const theme = useTheme();
  const level = useWizard(selectLevel);
  const target = useWizard((s) => s.meta.targetLevel);
  const readout = level === undefined ? '' : `${t('levelReadout', { level })}${target === undefined ? '' : ` · ${t('targetReadout', { target })}`}`;
  return (
    <Box>
      <Box flexGrow={1} flexShrink={1}>
        <Text bold color={theme.accent} wrap="truncate-end">
          {t('appName')} · {t('control')}
        </Text>
      </Box>
      <Box flexShrink={0} marginLeft={1}>
        <Text bold>{readout}</Text>
      </Box>
    </Box>
  );
}
