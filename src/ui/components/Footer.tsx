import { Box, Text } from 'ink';
import { footerEntries } from '../keys.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useWizard } from '../hooks/use-wizard.js';
import { textWidth } from '../text.js';
import { Line } from './Line.js';
import { selectMode, selectUnsaved } from '../store/selectors.js';
import type { WizardState } from '../store/types.js';
import type { MessageKey } from '../../i18n/ui-messages.js';

/** What q would lose, in words, while the wizard asks before it stops. */
function confirmText(s: WizardState): { key: MessageKey; error?: string } | undefined {
  if (!s.confirmQuit) return undefined;
  if (selectUnsaved(s) === 'draft') return { key: 'quitConfirmDraft' };
  return s.saveError ? { key: 'quitConfirmFailed', error: s.saveError } : { key: 'quitConfirmLoading' };
}

/**
 * The bindings of the active mode, from the binding map, on one line; above them an autosave
 * problem, or the question q asks when something is not saved yet.
 */
export function Footer() {
  const { t } = useLang();
  const theme = useTheme();
  const mode = useWizard(selectMode);
  const saveError = useWizard((s) => s.saveError);
  const confirmKey = useWizard((s) => confirmText(s)?.key);
  const { columns } = useTerminalSize();
  // whole entries only, as many as fit on the row
  const entries: { glyph: string; label: string }[] = [];
  let used = 0;
  for (const e of footerEntries(mode)) {
    const label = t(e.label);
    const width = (entries.length ? 2 : 0) + textWidth(e.glyph) + 1 + textWidth(label);
    if (used + width > columns) break;
    entries.push({ glyph: e.glyph, label });
    used += width;
  }
  return (
    <Box flexDirection="column">
      {confirmKey ? (
        <Line color={theme.warn} bold>{t(confirmKey, { error: saveError ?? '' })}</Line>
      ) : saveError ? (
        <Line color={theme.warn}>{t('saveFailed', { error: saveError })}</Line>
      ) : null}
      {entries.length ? (
        <Text>
          {entries.map((e, i) => (
            <Text key={`${e.glyph}${e.label}`}>
              {i ? '  ' : ''}
              <Text bold>{e.glyph}</Text>
              <Text dimColor> {e.label}</Text>
            </Text>
          ))}
        </Text>
      ) : null}
    </Box>
  );
}

/** How many rows the footer takes, for screens that budget their height (a selector). */
export function footerRows(s: Pick<WizardState, 'saveError' | 'confirmQuit'>): number {
  return 1 + (s.saveError || s.confirmQuit ? 1 : 0);
}
