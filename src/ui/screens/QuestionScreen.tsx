import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import { footerRows } from '../components/Footer.js';
import { ChoiceList } from '../components/ChoiceList.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { Line } from '../components/Line.js';
import { Paragraph } from '../components/Paragraph.js';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { listItemRows } from '../choice-list.js';
import { questionLayout } from '../question-layout.js';
import { exclusiveValues } from '../store/navigation.js';
import { selectInitialValue, selectMode, selectProgress } from '../store/selectors.js';
import { sanitizeLine } from '../../detect/sanitize.js';
import { textWidth, truncate } from '../text.js';

/** One question: progress, the question, its evidence, "why it matters", the options, a note, the reason for an override. */
export function QuestionScreen({ id }: { id: string }) {
  const { lang, t } = useLang();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const actions = useActions();
  const q = useWizard((s) => s.core?.bank.byId.get(id));
  const dimensions = useWizard((s) => s.core?.bank.dimensions);
  const n = useWizard((s) => selectProgress(s, id).n);
  const total = useWizard((s) => selectProgress(s, id).total);
  const initial = useWizard((s) => selectInitialValue(s, id));
  const suggested = useWizard((s) => s.suggestions[id]?.value);
  const evidence = useWizard((s) => s.suggestions[id]?.evidence ?? s.answers[id]?.evidence);
  const help = useWizard((s) => s.help);
  const note = useWizard((s) => s.notes[id]);
  const noteDraft = useWizard((s) => s.noteDraft);
  const warning = useWizard((s) => (s.pending?.id === id ? s.pending.contradiction : undefined));
  const reason = useWizard((s) => (s.pending?.id === id ? s.pending.reason : undefined));
  const overridden = useWizard((s) => s.answers[id]?.override?.detected);
  const mode = useWizard(selectMode);
  const footer = useWizard(footerRows);

  const options = q?.options ?? [];
  const initialValues = initial === undefined ? [] : Array.isArray(initial) ? initial : [initial];

  const editing = noteDraft !== undefined;
  const listMode = q?.type === 'multi' ? 'question-multi' : 'question';
  // only the focused part listens: the list, the note, or the reason
  useCommands(listMode, { help: actions.toggleHelp, note: actions.openNote, skip: actions.skip, back: actions.back, quit: actions.requestQuit }, mode === listMode);
  useCommands('note', { saveNote: actions.saveNote, cancelNote: actions.cancelNote }, mode === 'note');
  useCommands('reason', { saveReason: actions.saveReason, cancelReason: actions.cancelReason }, mode === 'reason');

  if (!q) return null;
  const multi = q.type === 'multi';
  const dimension = dimensions?.find((d) => d.id === q.dimension)?.name[lang] ?? q.dimension;
  const suggestedValues = suggested === undefined ? [] : Array.isArray(suggested) ? suggested : [suggested];
  const label = (value: string, text: string) => (suggestedValues.includes(value) ? `${text}  ◂ ${t('sourceDetected')}` : text);
  const asking = reason !== undefined;
  const warningLines = warning ? (asking ? [t('contradiction', { detail: warning })] : [t('contradiction', { detail: warning }), t('contradictionKeep')]) : undefined;
  const detectedValues = overridden === undefined ? [] : Array.isArray(overridden) ? overridden : [overridden];
  const detectedText = detectedValues.map((v) => options.find((o) => o.value === v)?.label[lang] ?? v).join(', ');
  const where = evidence?.length
    ? evidence.length > 1
      ? t('detectedMore', { where: `${sanitizeLine(evidence[0]!.file)}:${evidence[0]!.line}`, count: evidence.length - 1 })
      : `${sanitizeLine(evidence[0]!.file)}:${evidence[0]!.line}`
    : undefined;
  const items = options.map((o) => ({ value: o.value, label: label(o.value, o.label[lang]) }));
  const optionRows = listItemRows(items, columns, multi).map((r) => r.height);
  const layout = questionLayout({
    rows, columns, question: `${q.id} ${q.text[lang]}`, optionRows, help: help ? q.help[lang] : undefined,
    detected: where !== undefined, multi, note: editing || note !== undefined, warning: warningLines,
    reason: asking ? t('reasonTitle', { detected: detectedText }) : undefined, footerRows: footer,
  });
  const progress = t('progress', { n, total, dimension });
  const barWidth = Math.max(0, Math.min(30, columns - textWidth(progress) - 3));

  return (
    <Box flexDirection="column">
      <Box>
        <Box flexShrink={1}>
          <Line>{progress}</Line>
        </Box>
        {barWidth > 4 ? (
          <Box marginLeft={2} flexShrink={0}>
            <ProgressBar value={n} max={total} width={barWidth} />
          </Box>
        ) : null}
      </Box>
      <Box height={1} />
      <Box flexDirection="column" flexShrink={0}>
        {layout.question.map((row, i) =>
          i === 0 && row.startsWith(q.id) ? (
            <Text key={i}>
              <Text color={theme.accent}>{q.id}</Text>
              <Text bold>{row.slice(q.id.length)}</Text>
            </Text>
          ) : (
            <Text key={i} bold>
              {row}
            </Text>
          ),
        )}
      </Box>
      {where !== undefined ? (
        <Line color={theme.ok}>{t('detected', { where })}</Line>
      ) : null}
      {layout.help.length ? (
        <Box flexDirection="column" flexShrink={0} borderStyle="single" borderTop={false} borderBottom={false} borderRight={false} borderColor={theme.subtle} paddingLeft={1}>
          <Text bold>{t('whyTitle')}</Text>
          <Paragraph rows={layout.help} />
        </Box>
      ) : null}
      {multi ? <Line dimColor>{t('multiHint')}</Line> : null}
      <ChoiceList
        mode={listMode}
        items={items}
        multi={multi}
        initialCursor={Math.max(0, options.findIndex((o) => o.value === initialValues[0]))}
        initialTicked={multi ? initialValues : []}
        exclusive={exclusiveValues(q)}
        rows={layout.listRows}
        isFocused={mode === listMode}
        onSubmit={(values) => actions.answer(id, multi ? values : values[0]!)}
      />
      {layout.warning.length ? <Paragraph rows={layout.warning} color={theme.warn} bold /> : null}
      {asking ? (
        <Box flexDirection="column" flexShrink={0}>
          <Paragraph rows={layout.reason} bold />
          <Box>
            <Text bold>{t('reasonLabel')}</Text>
            <TextInput value={reason} onChange={actions.editReason} focus={mode === 'reason'} />
            {reason === '' ? <Text dimColor> {truncate(t('reasonPlaceholder'), columns - textWidth(t('reasonLabel')) - 2)}</Text> : null}
          </Box>
        </Box>
      ) : null}
      {editing ? (
        <Box>
          <Text bold>{t('noteLabel')}</Text>
          <TextInput value={noteDraft} onChange={actions.editNote} focus />
          {noteDraft === '' ? <Text dimColor> {t('notePlaceholder')}</Text> : null}
        </Box>
      ) : note !== undefined ? (
        <Text>
          <Text bold>{t('noteLabel')}</Text>
          <Text>{truncate(note, columns - textWidth(t('noteLabel')))}</Text>
        </Text>
      ) : null}
    </Box>
  );
}
