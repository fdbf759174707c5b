/** Text the team types: escape sequences and control characters never reach the store or the screen. */
import { stripControls } from '../../report/markdown-text.js';

export function stripTyped(text: string): string {
  return stripControls(text.replace(/\t/g, ' '));
}
