import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { foundFacts } from '../found-facts.js';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { firstOpen } from '../store/navigation.js';
import { selectApplicable, selectMode } from '../store/selectors.js';
import { pad, textWidth, truncate, truncateStart } from '../text.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';

/** The scan: a spinner while it runs, then what it found, each with the first file:line. */
export function ScanScreen() {
  const { lang, t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const mode = useWizard(selectMode);
  const hasCore = useWizard((s) => s.core !== undefined);
  const detection = useWizard((s) => s.detection);
  const prefilled = useWizard((s) => Object.keys(s.suggestions).length);
  const total = useWizard((s) => s.core?.bank.questions.length ?? 0);
  const dir = useWizard((s) => s.paths.displayDir);
  const { columns } = useTerminalSize();
  const resumeAt = useWizard((s) => {
    if (s.saved.status !== 'resumed' || !s.core) return undefined;
    const id = firstOpen(s.core, s.answers);
    return id ? selectApplicable(s).indexOf(id) + 1 : undefined;
  });
  const ready = mode === 'scan';
  useCommands('scan', { continue: actions.continueFromScan, back: actions.back, quit: actions.requestQuit }, ready);
  useCommands('loading', { quit: actions.requestQuit }, !ready);

  const running = !hasCore || detection.status === 'idle' || detection.status === 'running';
  const rows = detection.scan ? foundFacts(detection.scan, lang) : [];
  const labelWidth = Math.max(0, ...rows.map((r) => textWidth(r.label))) + 2;
  const unreadable = detection.scan?.warnings.filter((w) => w.kind !== 'limit').length ?? 0;
  const nothing = detection.scan && !detection.scan.facts.signs && detection.scan.facts.tools.length === 0;

  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text bold>{t('scanTitle')}</Text>
      <Box height={1} />
      {running ? (
        <Text>
          <Text color={theme.accent}>
            <Spinner type="dots" />
          </Text>{' '}
          {hasCore ? t('scanRunning', { dir }) : t('bankLoading')}
        </Text>
      ) : null}
      {detection.status === 'unavailable' || detection.status === 'failed' ? (
        <Text color={theme.warn} wrap="wrap">
          {t('scanUnavailable', { reason: detection.error ?? '' })}
        </Text>
      ) : null}
      {rows.map((r) => {
        const whereWidth = r.where ? Math.max(0, Math.min(textWidth(r.where), columns - labelWidth - Math.min(textWidth(r.value), 20) - 2)) : 0;
        const valueWidth = columns - labelWidth - (r.where ? whereWidth + 2 : 0);
        return (
          <Box key={r.label}>
            <Text dimColor>{pad(r.label, labelWidth)}</Text>
            <Text>{truncate(r.value, valueWidth)}</Text>
            {r.where ? <Text color={theme.ok}>{`  ${truncateStart(r.where, whereWidth)}`}</Text> : null}
          </Box>
        );
      })}
      {nothing ? <Text>{t('scanNothing')}</Text> : null}
      {!running ? (
        <Box flexDirection="column" marginTop={1}>
          {detection.scan ? <Text wrap="wrap">{t('prefilled', { count: prefilled, total })}</Text> : null}
          {unreadable ? <Text color={theme.warn}>{t('scanWarnings', { count: unreadable })}</Text> : null}
          <Box marginTop={1}>
            <Text bold>{resumeAt ? t('scanResumeContinue', { n: resumeAt }) : t('scanContinue')}</Text>
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}
