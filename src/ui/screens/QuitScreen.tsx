import { Box, Text } from 'ink';
import { useLang } from '../hooks/use-lang.js';
import { useWizard } from '../hooks/use-wizard.js';
import { displayPath } from '../text.js';

/** The last frame after q or Ctrl+C: where the answers are, and how to resume. */
export function QuitScreen() {
  const { t } = useLang();
  const savedTo = useWizard((s) => s.savedTo ?? (s.saved.status === 'resumed' ? s.paths.answers : undefined));
  const dir = useWizard((s) => s.paths.displayDir);
  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text wrap="wrap">{savedTo ? t('quitSaved', { path: displayPath(savedTo) }) : t('quitNothing')}</Text>
      {savedTo ? <Text wrap="wrap">{t('resumeHint', { dir })}</Text> : null}
    </Box>
  );
}
