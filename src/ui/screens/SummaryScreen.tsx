import { Box, Text } from 'ink';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import type { ReactElement } from 'react';
import { ProgressBar } from '../components/ProgressBar.js';
import { Line } from '../components/Line.js';
import type { MessageKey } from '../../i18n/ui-messages.js';
import { footerRows } from '../components/Footer.js';
import { selectAssessment, selectRoadmap } from '../store/selectors.js';
import { summaryLayout } from '../summary-layout.js';
import { pad, textWidth, truncate } from '../text.js';

const EFFORT: Record<string, MessageKey> = { small: 'effortSmall', medium: 'effortMedium', large: 'effortLarge' };

/** The level, why the next one is not reached, the dimensions, and the first roadmap steps. */
export function SummaryScreen() {
  const { lang, t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const { columns, rows } = useTerminalSize();
  const bank = useWizard((s) => s.core?.bank);
  const assessment = useWizard(selectAssessment);
  const roadmap = useWizard(selectRoadmap);
  const target = useWizard((s) => s.meta.targetLevel);
  const footer = useWizard(footerRows);
  useCommands('summary', { continue: () => void actions.finish(), back: actions.back, quit: actions.requestQuit });
  if (!bank || !assessment) return null;

  const level = assessment.level;
  const next = assessment.gaps[0];
  const criterionText = (id: string) => bank.criteria.find((c) => c.id === id)?.text[lang] ?? id;
  const allSteps = roadmap && 'steps' in roadmap ? roadmap.steps : [];
  const layout = summaryLayout({
    rows, columns, missing: next?.missing.length ?? 0, steps: allSteps.length, dimensions: assessment.dimensions.length,
    open: assessment.open.length > 0, chrome: 1 + footer,
  });
  const twoColumns = layout.twoColumns;
  const colWidth = twoColumns ? Math.floor((columns - 2) / 2) : columns;
  const names = bank.dimensions.map((d) => `${d.name[lang]}${d.advisory ? t('advisoryMark') : ''}`);
  const nameWidth = Math.min(Math.max(...names.map(textWidth)) + 1, colWidth - 8);
  const dims = assessment.dimensions.map((d, i) => (
    <Box key={d.id} width={colWidth}>
      <Text>{pad(names[i]!, nameWidth)}</Text>
      <ProgressBar value={d.score} max={3} width={3} />
      <Text> {d.score}</Text>
    </Box>
  ));
  const pairs: ReactElement[] = [];
  for (let i = 0; i < dims.length; i += twoColumns ? 2 : 1) {
    if (pairs.length === layout.dimensionRows) break;
    pairs.push(
      <Box key={i}>
        {dims[i]}
        {twoColumns ? dims[i + 1] : null}
      </Box>,
    );
  }
  const steps = allSteps.slice(0, layout.steps);
  const targetText = target === undefined ? '' : level >= target ? t('targetMet') : t('targetIs', { target });

  return (
    <Box flexDirection="column">
      <Box>
        <Box flexGrow={1} flexShrink={1}>
          <Line bold color={theme.accent} width={columns - textWidth(targetText) - 1}>
            {t('levelIs', { level, title: bank.levels[level]?.title[lang] ?? '' })}
          </Line>
        </Box>
        {target !== undefined ? (
          <Box flexShrink={0} marginLeft={1}>
            <Text color={level >= target ? theme.ok : undefined}>{targetText}</Text>
          </Box>
        ) : null}
      </Box>
      {next ? (
        <Box flexDirection="column">
          <Text bold>{t('whyNot', { level: next.level })}</Text>
          {next.missing.slice(0, layout.missing).map((c) => (
            <Line key={c.id}>{`  • ${criterionText(c.id)}`}</Line>
          ))}
          {layout.more ? <Text dimColor>{`  … +${next.missing.length - layout.missing}`}</Text> : null}
        </Box>
      ) : (
        <Text color={theme.ok}>{t('allMet')}</Text>
      )}
      <Box marginTop={layout.margins ? 1 : 0}>
        <Text bold>{t('dimensionsTitle')}</Text>
        <Line dimColor indent={textWidth(t('dimensionsTitle'))}>{`  ${t('advisoryNote')}`}</Line>
      </Box>
      {pairs}
      <Box marginTop={layout.margins ? 1 : 0}>
        <Text bold>{t('roadmapTitle')}</Text>
      </Box>
      {roadmap && 'error' in roadmap ? (
        <Line dimColor>{t('roadmapUnavailable', { reason: roadmap.error })}</Line>
      ) : allSteps.length === 0 ? (
        <Text dimColor>{t('roadmapNone')}</Text>
      ) : (
        steps.map((step, i) => (
          <Text key={step.id}>
            {`  ${i + 1}. `}
            {truncate(step.title[lang], Math.max(10, columns - 6 - textWidth(` (${t(EFFORT[step.effort]!)})`)))}
            <Text dimColor>{` (${t(EFFORT[step.effort]!)})`}</Text>
          </Text>
        ))
      )}
      {assessment.open.length ? <Text dimColor>{t('openItems', { count: assessment.open.length })}</Text> : null}
      <Text bold>{t('summaryContinue')}</Text>
    </Box>
  );
}
