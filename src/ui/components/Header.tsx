import { Text } from 'ink';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useWizard } from '../hooks/use-wizard.js';
import { textWidth, truncate } from '../text.js';
import { selectLevel } from '../store/selectors.js';

/** The top line: the tool and control on the left, the live level read-out on the right. */
export function Header() {
  const { t } = useLang();
  const theme = useTheme();
  const level = useWizard(selectLevel);
  const target = useWizard((s) => s.meta.targetLevel);
  const readout = level === undefined ? '' : `${t('levelReadout', { level })}${target === undefined ? '' : ` (${t('targetReadout', { target })})`}`;
  const { columns } = useTerminalSize();
  const title = truncate(`${t('appName')} - ${t('control')}`, Math.max(0, columns - textWidth(readout) - 1));
  const gap = Math.max(1, columns - textWidth(title) - textWidth(readout));
  // one Text: the header is part of the first frame, drawn before anything else loads
  return (
    <Text>
      <Text bold color={theme.accent}>
        {title}
      </Text>
      {readout ? <Text bold>{' '.repeat(gap) + readout}</Text> : null}
    </Text>
  );
}