import { Box, Text } from 'ink';
import { footerEntries } from '../keys.js';
import { useLang } from '../hooks/use-lang.js';
import { useTheme } from '../hooks/use-theme.js';
import { useWizard } from '../hooks/use-wizard.js';
import { selectMode } from '../store/selectors.js';

/** The bindings of the active mode, from the binding map, on one line; an autosave problem above them. */
export function Footer() {
  const { t } = useLang();
  const theme = useTheme();
  const mode = useWizard(selectMode);
  const saveError = useWizard((s) => s.saveError);
  const entries = footerEntries(mode);
  return (
    <Box flexDirection="column">
      {saveError ? (
        <Text color={theme.warn} wrap="truncate-end">
          {t('saveFailed', { error: saveError })}
        </Text>
      ) : null}
      {entries.length ? (
        <Text wrap="truncate-end">
          {entries.map((e, i) => (
            <Text key={`${e.glyph}${e.label}`}>
              {i ? '  ' : ''}
              <Text bold>{e.glyph}</Text>
              <Text dimColor> {t(e.label)}</Text>
            </Text>
          ))}
        </Text>
      ) : null}
    </Box>
  );
}

/** How many rows the footer takes, for screens that budget their height. */
export function footerRows(saveError: string | undefined): number {
  return 1 + (saveError ? 1 : 0);
}
