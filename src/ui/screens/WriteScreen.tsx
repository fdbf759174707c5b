import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { displayPath } from '../text.js';
import { Line } from '../components/Line.js';

/** Writing the report and the answers; then where both went. */
export function WriteScreen() {
  const { t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const write = useWizard((s) => s.write);
  const answersPath = useWizard((s) => s.paths.answers);
  useCommands('write-failed', { retry: () => void actions.finish(), quit: actions.requestQuit }, write.status === 'failed');

  return (
    <Box flexDirection="column">
      <Box height={1} />
      {write.status === 'writing' || write.status === 'idle' ? (
        <Text>
          <Spinner type="dots" /> {t('writing')}
        </Text>
      ) : null}
      {write.status === 'done' ? (
        <>
          <Text bold color={theme.ok}>
            {t('finalLevel', { level: write.files.level })}
          </Text>
          <Line>{t('written', { path: displayPath(write.files.report) })}</Line>
          <Line>{t('answersWritten', { path: displayPath(write.files.answers) })}</Line>
        </>
      ) : null}
      {write.status === 'failed' ? (
        <>
          <Text color={theme.warn} wrap="wrap">
            {t('writeFailed', { error: write.error })}
          </Text>
          <Line>{t('answersWritten', { path: displayPath(answersPath) })}</Line>
        </>
      ) : null}
    </Box>
  );
}
