import { Box } from 'ink';
import { useContext } from 'react';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { useActions } from './hooks/use-actions.js';
import { useCommands } from './hooks/use-commands.js';
import { useKeyPacing } from './hooks/use-key-pacing.js';
import { useWizard } from './hooks/use-wizard.js';
import { useLaterScreens } from './hooks/use-later-screens.js';
import { QuitScreen } from './screens/QuitScreen.js';
import { WelcomeScreen } from './screens/WelcomeScreen.js';
import { TEXT_MODES } from './keys.js';
import { selectMode } from './store/selectors.js';
import type { Screen } from './store/types.js';
import { WizardContext } from './wizard-context.js';

/**
 * The root: header, the current screen, footer. Ctrl+C is the one key listened for everywhere;
 * keys that arrive together are handed to the screens one at a time.
 */
export function App() {
  const store = useContext(WizardContext)!;
  useKeyPacing(() => TEXT_MODES.has(selectMode(store.getState())));
  const screen = useWizard((s) => s.screen);
  const ended = useWizard((s) => s.exitCode !== undefined);
  const actions = useActions();
  useCommands('global', { interrupt: () => actions.quit(true) }, !ended);
  // q with something not saved yet: the question is in the footer, and only it listens
  useCommands('confirm-quit', { quitAnyway: () => actions.quit(false), stay: actions.stay });
  return (
    <Box flexDirection="column">
      <Header />
      <Route screen={screen} />
      {ended ? null : <Footer />}
    </Box>
  );
}

/** The screen; the ones after the welcome screen come from a chunk loaded after the first frame. */
function Route({ screen }: { screen: Screen }) {
  const later = useLaterScreens();
  switch (screen.kind) {
    case 'welcome':
      return <WelcomeScreen />;
    case 'quit':
      return <QuitScreen />;
    case 'resume':
      return later ? <later.ResumeScreen /> : null;
    case 'scan':
      return later ? <later.ScanScreen /> : null;
    case 'question':
      return later ? <later.QuestionScreen key={screen.id} id={screen.id} /> : null;
    case 'review':
      return later ? <later.ReviewScreen /> : null;
    case 'summary':
      return later ? <later.SummaryScreen /> : null;
    case 'write':
      return later ? <later.WriteScreen /> : null;
    default:
      return unreachable(screen);
  }
}

function unreachable(screen: never): never {
  throw new Error(`unknown screen ${JSON.stringify(screen)}`);
}
