/**
 * The screens after the welcome screen, in a chunk of their own: the welcome screen (the first
 * frame of a fresh start) is drawn without loading them, their lists, spinners and layouts. The
 * wizard loads this module right after the first frame (see use-later-screens.ts), long before
 * the team is through the welcome fields; a start that offers to resume loads it before the first
 * frame, since that frame is the resume screen.
 */
export { QuestionScreen } from './screens/QuestionScreen.js';
export { ResumeScreen } from './screens/ResumeScreen.js';
export { ReviewScreen } from './screens/ReviewScreen.js';
export { ScanScreen } from './screens/ScanScreen.js';
export { SummaryScreen } from './screens/SummaryScreen.js';
export { WriteScreen } from './screens/WriteScreen.js';
