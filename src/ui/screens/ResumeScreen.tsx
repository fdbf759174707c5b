import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { basename } from 'node:path';
import { ChoiceList } from '../components/ChoiceList.js';
import { Line } from '../components/Line.js';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { selectMode, selectSavedSummary } from '../store/selectors.js';
import { displayPath } from '../text.js';
import { sanitizeLine } from '../../detect/sanitize.js';

/** A saved answers file was found: resume it, or start over (keeping it aside). */
export function ResumeScreen() {
  const { t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const saved = useWizard((s) => s.saved);
  const path = useWizard((s) => s.paths.answers);
  const summary = useWizard(selectSavedSummary);
  const mode = useWizard(selectMode);
  const ready = mode === 'resume';
  useCommands('resume', { quit: actions.requestQuit }, ready);
  useCommands('loading', { quit: actions.requestQuit }, mode === 'loading');
  if (saved.status !== 'offered') return null;

  const file = saved.loaded?.file;
  const who = file ? [file.meta.organisation, file.meta.team].filter(Boolean).join(' / ') : '';
  const aside = saved.asideTo ? basename(saved.asideTo) : 'answers-<date>.yaml';
  const items = saved.error
    ? [{ value: 'fresh', label: t('resumeStartOverBroken', { name: aside }) }]
    : [
        { value: 'resume', label: t('resumeContinue') },
        { value: 'fresh', label: t('resumeStartOver', { name: aside }) },
      ];
  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text bold>{t('resumeTitle')}</Text>
      <Line>{t('resumeFile', { path: displayPath(path) })}</Line>
      {saved.savedAt ? <Line>{t('resumeSavedAt', { when: saved.savedAt })}</Line> : null}
      {summary ? <Line>{t('resumeLevel', { level: summary.level })}</Line> : null}
      {summary ? <Line>{t('resumeDetails', { team: summary.team, detected: summary.detected })}</Line> : null}
      {who ? <Line>{t('resumeFor', { who: sanitizeLine(who) })}</Line> : null}
      {saved.loaded?.warnings.slice(0, 3).map((w) => (
        <Line key={w} color={theme.warn}>
          {t('resumeWarning', { warning: sanitizeLine(w) })}
        </Line>
      ))}
      {saved.error ? (
        <Text color={theme.warn} wrap="wrap">
          {t('resumeBroken', { error: saved.error })}
        </Text>
      ) : null}
      <Box height={1} />
      {ready ? (
        <ChoiceList
          mode="resume"
          items={items}
          rows={items.length * 3}
          isFocused={ready}
          onSubmit={([value]) => (value === 'resume' ? actions.resume() : actions.startOver())}
        />
      ) : (
        <Text>
          <Spinner type="dots" /> {t('resumeLoading')}
        </Text>
      )}
    </Box>
  );
}
