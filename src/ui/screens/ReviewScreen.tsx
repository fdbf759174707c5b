import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useMemo } from 'react';
import { footerRows } from '../components/Footer.js';
import { SelectIndicator } from '../components/SelectIndicator.js';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import type { MessageKey } from '../../i18n/ui-messages.js';
import { selectStates } from '../store/selectors.js';
import { pad, truncate } from '../text.js';

const CONTINUE = '→';
const SOURCE: Record<string, MessageKey> = { detected: 'sourceDetected', confirmed: 'sourceConfirmed', stated: 'sourceStated' };

interface Row {
  id: string;
  text: string;
  answer: string;
  source: string;
  sourceKey?: string;
  warn: boolean;
}

/** Every answer in one list, with its source; Enter on one edits it; the first item goes on. */
export function ReviewScreen() {
  const { lang, t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const { columns, rows } = useTerminalSize();
  const bank = useWizard((s) => s.core?.bank);
  const answers = useWizard((s) => s.answers);
  const states = useWizard(selectStates);
  const saveError = useWizard((s) => s.saveError);
  useCommands('review', { back: actions.back, quit: () => actions.quit(false) });

  const list: Row[] = useMemo(() => {
    if (!bank) return [];
    return states
      .filter((st) => st.status !== 'skipped')
      .map((st) => {
        const q = bank.byId.get(st.id)!;
        const a = answers[st.id];
        const values = a ? (Array.isArray(a.value) ? a.value : [a.value]) : [];
        const labels = values.map((v) => q.options.find((o) => o.value === v)?.label[lang] ?? v);
        return {
          id: st.id,
          text: q.text[lang],
          answer: a ? labels.join(', ') : `(${t('notAnswered')})`,
          source: a ? t(SOURCE[a.source]!) : '',
          sourceKey: a?.source,
          warn: Boolean(a?.contradiction),
        };
      });
  }, [bank, states, answers, lang]);
  const skipped = states.filter((s) => s.status === 'skipped').length;
  const byId = new Map(list.map((r) => [r.id, r]));

  // columns: id, question, answer, source
  const sourceWidth = 10;
  const rest = Math.max(20, columns - 2 - 7 - sourceWidth - 4);
  const textWidth = Math.floor(rest * 0.45);
  const answerWidth = rest - textWidth;
  const limit = Math.max(3, rows - 1 - 1 - 2 - 1 - footerRows(saveError) - (skipped ? 1 : 0));

  const Item = useMemo(
    () =>
      function ReviewItem({ isSelected = false, label }: { isSelected?: boolean; label: string }) {
        const row = byId.get(label);
        if (!row) {
          return (
            <Text bold color={isSelected ? theme.accent : undefined}>
              {t('reviewContinue')}
            </Text>
          );
        }
        return (
          <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
            {pad(row.id, 7)}
            {pad(row.text, textWidth)}
            {'  '}
            <Text color={row.warn ? theme.warn : undefined}>{pad(`${row.warn ? '⚠ ' : ''}${row.answer}`, answerWidth)}</Text>
            {'  '}
            <Text dimColor={!isSelected}>{truncate(row.source, sourceWidth)}</Text>
          </Text>
        );
      },
    [list, columns, theme, lang],
  );

  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text bold>{t('reviewTitle', { count: list.filter((r) => r.sourceKey).length })}</Text>
      <Box height={1} />
      <SelectInput
        items={[{ key: CONTINUE, label: CONTINUE, value: CONTINUE }, ...list.map((r) => ({ key: r.id, label: r.id, value: r.id }))]}
        limit={limit}
        indicatorComponent={SelectIndicator}
        itemComponent={Item}
        onSelect={(item) => (item.value === CONTINUE ? actions.goSummary() : actions.edit(item.value))}
      />
      {skipped ? <Text dimColor>{t('reviewSkipped', { count: skipped })}</Text> : null}
    </Box>
  );
}
