import { useInput } from 'ink';
import { commandFor, type Command, type Mode } from '../keys.js';
import { selectMode } from '../store/selectors.js';
import { useWizard } from './use-wizard.js';

export type Handlers = Partial<Record<Command, () => void>>;

/**
 * Listens for the keys of `mode` while `isActive` and `mode` is the wizard's mode (only the
 * focused part of the screen listens), and runs the handler of the command a key means.
 */
export function useCommands(mode: Mode | 'global', handlers: Handlers, isActive = true): void {
  const focused = useWizard((s) => mode === 'global' || selectMode(s) === mode);
  useInput(
    (input, key) => {
      const command = commandFor(mode, input, key);
      if (command) handlers[command]?.();
    },
    { isActive: isActive && focused },
  );
}
