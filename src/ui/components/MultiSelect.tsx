import { Box, Text, useInput } from 'ink';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { truncate } from '../text.js';
import { widgetCommandFor, type Command } from '../keys.js';
import { SelectIndicator } from './SelectIndicator.js';

export interface MultiSelectItem {
  value: string;
  label: string;
}

interface Props {
  items: readonly MultiSelectItem[];
  initial: readonly string[];
  /** A value that excludes the others ("unsure"): choosing it clears them, choosing another clears it. */
  exclusive?: string;
  /** Rows to show; the list scrolls to keep the cursor in view. */
  limit: number;
  isFocused: boolean;
  onSubmit(values: string[]): void;
}

interface State {
  cursor: number;
  offset: number;
  chosen: ReadonlySet<string>;
  /** Set by Enter; the effect below hands it to onSubmit. */
  submitted?: string[];
}

type Action = { command: Command; items: readonly MultiSelectItem[]; exclusive?: string; rows: number };

/** Every key goes through the reducer, so keys that arrive faster than renders are never lost. */
function reduce(s: State, { command, items, exclusive, rows }: Action): State {
  const view = (cursor: number): State => {
    const offset = cursor < s.offset ? cursor : cursor >= s.offset + rows ? cursor - rows + 1 : s.offset;
    return { ...s, cursor, offset };
  };
  switch (command) {
    case 'up':
      return view(Math.max(0, s.cursor - 1));
    case 'down':
      return view(Math.min(items.length - 1, s.cursor + 1));
    case 'toggle': {
      const value = items[s.cursor]!.value;
      const chosen = new Set(s.chosen);
      if (chosen.has(value)) chosen.delete(value);
      else {
        if (value === exclusive) chosen.clear();
        else if (exclusive) chosen.delete(exclusive);
        chosen.add(value);
      }
      return { ...s, chosen };
    }
    case 'confirm': {
      // nothing ticked: Enter takes the item under the cursor
      const values = items.filter((i) => s.chosen.has(i.value)).map((i) => i.value);
      return { ...s, submitted: values.length ? values : [items[s.cursor]!.value] };
    }
    default:
      return s;
  }
}

/** A checkbox list: its keys come from the binding map (Space toggles, Enter confirms, ↑↓ move). */
export function MultiSelect({ items, initial, exclusive, limit, isFocused, onSubmit }: Props) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const rows = Math.max(1, Math.min(limit, items.length));
  const [state, dispatch] = useReducer(reduce, undefined, (): State => ({ cursor: 0, offset: 0, chosen: new Set(initial) }));
  const props = useRef({ items, exclusive, rows, onSubmit });
  props.current = { items, exclusive, rows, onSubmit };

  const onKey = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const command = widgetCommandFor('question-multi', input, key);
    if (command) dispatch({ command, items: props.current.items, exclusive: props.current.exclusive, rows: props.current.rows });
  }, []);
  useInput(onKey, { isActive: isFocused });

  useEffect(() => {
    if (state.submitted) props.current.onSubmit(state.submitted);
  }, [state.submitted]);

  // the height may have changed since the last key (help shown): keep the cursor in view
  const top = Math.max(0, Math.min(state.offset, state.cursor, items.length - rows, Math.max(state.offset, state.cursor - rows + 1)));
  const start = state.cursor >= top + rows ? state.cursor - rows + 1 : top;
  return (
    <Box flexDirection="column">
      {items.slice(start, start + rows).map((item, i) => {
        const isSelected = start + i === state.cursor;
        const ticked = state.chosen.has(item.value);
        return (
          <Box key={item.value}>
            <SelectIndicator isSelected={isSelected} />
            <Text color={ticked ? theme.ok : undefined}>{ticked ? '[x] ' : '[ ] '}</Text>
            <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
              {truncate(item.label, columns - 6)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
