import { useInput } from 'ink';
import { commandFor, type Command, type Mode } from '../keys.js';

export type Handlers = Partial<Record<Command, () => void>>;

/** Listens for the keys of `mode` while `isActive`, and runs the handler of the command a key means. */
export function useCommands(mode: Mode | 'global', handlers: Handlers, isActive = true): void {
  useInput(
    (input, key) => {
      const command = commandFor(mode, input, key);
      if (command) handlers[command]?.();
    },
    { isActive },
  );
}
