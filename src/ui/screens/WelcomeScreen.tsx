import { Box, Text } from 'ink';
import TextInput from 'ink-text-input';
import type { ReactNode } from 'react';
import { useActions } from '../hooks/use-actions.js';
import { useCommands } from '../hooks/use-commands.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import type { MessageKey } from '../../i18n/ui-messages.js';
import { selectMode } from '../store/selectors.js';
import { WELCOME_FIELDS, type WelcomeField } from '../store/types.js';
import { displayPath, pad, textWidth, truncate } from '../text.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { sanitizeLine } from '../../detect/sanitize.js';

const LABELS: Record<WelcomeField, MessageKey> = {
  organisation: 'organisation', team: 'team', participants: 'participants', assessor: 'assessor',
  language: 'language', targetLevel: 'targetLevel', start: 'start',
};
const LANGUAGE_NAMES = { en: 'English', ja: '日本語' } as const;

/** Who is in the room, the language and the target level; Enter moves down the form to Start. */
export function WelcomeScreen() {
  const { lang, t } = useLang();
  const theme = useTheme();
  const actions = useActions();
  const field = useWizard((s) => s.welcomeField);
  const mode = useWizard(selectMode);
  const meta = useWizard((s) => s.meta);
  const participantsText = useWizard((s) => s.participantsText);
  const dir = useWizard((s) => s.paths.dir);
  const levels = useWizard((s) => s.core?.bank.levels);
  const commit = useWizard((s) => s.detection.scan?.repository.commit);
  const scanned = useWizard((s) => s.detection.status === 'done');
  const { columns } = useTerminalSize();

  const handlers = {
    nextField: () => (WELCOME_FIELDS[field] === 'start' ? actions.begin() : actions.moveField(1)),
    prevField: () => actions.moveField(-1),
    change: () => actions.changeChoice(1),
    changeBack: () => actions.changeChoice(-1),
    continue: actions.begin,
    quit: actions.requestQuit,
  };
  useCommands(mode === 'welcome-text' || mode === 'welcome-choice' || mode === 'welcome-start' ? mode : 'loading', handlers);

  const labelWidth = Math.max(...WELCOME_FIELDS.map((f) => textWidth(t(LABELS[f]))), textWidth(t('repository'))) + 2;
  const target = meta.targetLevel ?? 3;
  const levelTitle = levels?.[target]?.title[lang];
  const commitText = commit ? t('commitLabel', { commit: sanitizeLine(commit).slice(0, 12) }) : scanned ? t('commitNone') : t('commitPending');

  const textValue = (f: WelcomeField): string => {
    if (f === 'participants') return participantsText;
    if (f === 'organisation' || f === 'team' || f === 'assessor') return meta[f] ?? '';
    return '';
  };

  return (
    <Box flexDirection="column">
      <Box height={1} />
      <Text bold>{t('welcomeTitle')}</Text>
      <Text wrap="wrap">{t('welcomeIntro')}</Text>
      <Box height={1} />
      <Text>
        {'  '}
        <Text dimColor>{pad(t('repository'), labelWidth)}</Text>
        {truncate(`${displayPath(dir)}  (${commitText})`, columns - labelWidth - 2)}
      </Text>
      {WELCOME_FIELDS.map((f, i) => {
        const focused = i === field;
        // one Text per row, the parts nested: the first frame is drawn before anything else loads
        const row = (value: ReactNode, key: string = f) => (
          <Text key={key}>
            <Text color={focused ? theme.accent : undefined}>{focused ? '> ' : '  '}</Text>
            <Text bold={focused}>{pad(t(LABELS[f]), labelWidth)}</Text>
            {value}
          </Text>
        );
        const fit = (text: string) => truncate(text, columns - labelWidth - 2);
        switch (f) {
          case 'organisation':
          case 'team':
          case 'participants':
          case 'assessor': {
            const value = textValue(f);
            const hint = f === 'participants' && !value ? <Text dimColor>{t('participantsHint')}</Text> : null;
            return row(
              focused ? (
                <>
                  <TextInput value={value} onChange={actions.typeWelcomeText} focus />
                  {hint}
                </>
              ) : (
                value ? fit(value) : hint
              ),
            );
          }
          case 'language':
            return row(<Text color={focused ? theme.accent : undefined}>{focused ? `‹ ${LANGUAGE_NAMES[lang]} ›` : LANGUAGE_NAMES[lang]}</Text>);
          case 'targetLevel': {
            const text = `${t('levelChoice', { level: target })}${levelTitle ? `: ${levelTitle}` : ''}`;
            return row(<Text color={focused ? theme.accent : undefined}>{fit(focused ? `‹ ${text} ›` : text)}</Text>);
          }
          case 'start':
            return (
              <Box key={f} marginTop={1}>
                <Text>
                  <Text color={focused ? theme.accent : undefined}>{focused ? '> ' : '  '}</Text>
                  <Text bold inverse={focused} color={focused ? theme.accent : undefined}>
                    {` ${t('start')} `}
                  </Text>
                </Text>
              </Box>
            );
        }
      })}
    </Box>
  );
}
