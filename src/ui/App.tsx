import { Box } from 'ink';
import { useContext } from 'react';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { useActions } from './hooks/use-actions.js';
import { useCommands } from './hooks/use-commands.js';
import { useKeyPacing } from './hooks/use-key-pacing.js';
import { useWizard } from './hooks/use-wizard.js';
import { QuestionScreen } from './screens/QuestionScreen.js';
import { QuitScreen } from './screens/QuitScreen.js';
import { ResumeScreen } from './screens/ResumeScreen.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { ScanScreen } from './screens/ScanScreen.js';
import { SummaryScreen } from './screens/SummaryScreen.js';
import { WelcomeScreen } from './screens/WelcomeScreen.js';
import { WriteScreen } from './screens/WriteScreen.js';
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
  return (
    <Box flexDirection="column">
      <Header />
      <Route screen={screen} />
      {ended ? null : <Footer />}
    </Box>
  );
}

function Route({ screen }: { screen: Screen }) {
  switch (screen.kind) {
    case 'resume':
      return <ResumeScreen />;
    case 'welcome':
      return <WelcomeScreen />;
    case 'scan':
      return <ScanScreen />;
    case 'question':
      return <QuestionScreen key={screen.id} id={screen.id} />;
    case 'review':
      return <ReviewScreen />;
    case 'summary':
      return <SummaryScreen />;
    case 'write':
      return <WriteScreen />;
    case 'quit':
      return <QuitScreen />;
    default:
      return unreachable(screen);
  }
}

function unreachable(screen: never): never {
  throw new Error(`unknown screen ${JSON.stringify(screen)}`);
}
