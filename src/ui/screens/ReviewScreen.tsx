import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { ChoiceList } from '../components/ChoiceList.js';
import { footerRows } from '../components/Footer.js';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useWizard } from '../hooks/use-wizard.js';
import type { MessageKey } from '../../i18n/ui-messages.js';
import type { ChoiceItem } from '../choice-list.js';
import { selectMode, selectStates } from '../store/selectors.js';

const CONTINUE = '→';
/** The id column: the answer rows start under the question text. */
const ID_WIDTH = 7;
const SOURCE: Record<string, MessageKey> = { detected: 'sourceDetected', confirmed: 'sourceConfirmed', stated: 'sourceStated' };

/** The labels of the values the scan had suggested (an override keeps them). */
function detectedLabels(q: { options: ReadonlyArray<{ value: string; label: Record<string, string> }> }, detected: string | readonly string[], lang: string): string {
  const values = Array.isArray(detected) ? detected : [detected as string];
  return values.map((v) => q.options.find((o) => o.value === v)?.label[lang] ?? v).join(', ');
}

/**
 * Every answer in one list, in bank order: the whole question (wrapped), then the answer and its
 * source; Enter on one edits it; the first item goes on.
 */
export function ReviewScreen() {
  const { lang, t } = useLang();
  const actions = useActions();
  const { rows } = useTerminalSize();
  const bank = useWizard((s) => s.core?.bank);
  const answers = useWizard((s) => s.answers);
  const states = useWizard(selectStates);
  const footer = useWizard(footerRows);
  const focused = useWizard((s) => selectMode(s) === 'review');
  useCommands('review', { back: actions.back, quit: actions.requestQuit }, focused);

  const { items, warn, answered } = useMemo(() => {
    const items: ChoiceItem[] = [{ value: CONTINUE, label: t('reviewContinue') }];
    const warn = new Set<string>();
    let answered = 0;
    if (!bank) return { items, warn, answered };
    for (const st of states) {
      if (st.status === 'skipped') continue;
      const q = bank.byId.get(st.id)!;
      const a = answers[st.id];
      const values = a ? (Array.isArray(a.value) ? a.value : [a.value]) : [];
      const labels = values.map((v) => q.options.find((o) => o.value === v)?.label[lang] ?? v);
      if (a) answered++;
      if (a?.contradiction) warn.add(st.id);
      items.push({
        value: st.id,
        label: `${st.id.padEnd(ID_WIDTH - 1)} ${q.text[lang]}`,
        // an answer the team changed from the detection says so: the detected value stays on record
        detail: a ? `${a.contradiction ? '⚠ ' : ''}${labels.join(', ')}  (${t(SOURCE[a.source]!)}${a.override ? `; ${t('reviewOverride', { detected: detectedLabels(q, a.override.detected, lang) })}` : ''})` : `(${t('notAnswered')})`,
      });
    }
    return { items, warn, answered };
  }, [bank, states, answers, lang]);
  const skipped = states.filter((s) => s.status === 'skipped').length;
  // header, blank, title, blank; the footer; the skipped line; one row spare (the frame stays under the height)
  const listRows = Math.max(3, rows - 1 - 1 - 2 - 1 - footer - (skipped ? 1 : 0));

  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text bold>{t('reviewTitle', { count: answered })}</Text>
      <Box height={1} />
      <ChoiceList
        mode="review"
        items={items}
        rows={listRows}
        warn={warn}
        detailIndent={ID_WIDTH}
        isFocused={focused}
        onSubmit={([value]) => (value === CONTINUE ? actions.goSummary() : actions.edit(value!))}
      />
      {skipped ? <Text dimColor>{t('reviewSkipped', { count: skipped })}</Text> : null}
    </Box>
  );
}
