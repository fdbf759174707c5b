import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import { useTheme } from '../hooks/use-theme.js';
import { widgetCommandFor } from '../keys.js';
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

/** A checkbox list: the keys come from the binding map (Space toggles, Enter confirms, ↑↓ move). */
export function MultiSelect({ items, initial, exclusive, limit, isFocused, onSubmit }: Props) {
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const [offset, setOffset] = useState(0);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(initial));
  const rows = Math.max(1, Math.min(limit, items.length));
  // keep the cursor in view when the cursor or the height changes
  const top = cursor < offset ? cursor : cursor >= offset + rows ? cursor - rows + 1 : Math.max(0, Math.min(offset, items.length - rows));

  useEffect(() => {
    if (top !== offset) setOffset(top);
  }, [top, offset]);

  const toggle = (value: string) => {
    const next = new Set(chosen);
    if (next.has(value)) next.delete(value);
    else {
      if (value === exclusive) next.clear();
      else if (exclusive) next.delete(exclusive);
      next.add(value);
    }
    setChosen(next);
  };

  useInput(
    (input, key) => {
      switch (widgetCommandFor('question-multi', input, key)) {
        case 'up':
          setCursor((c) => Math.max(0, c - 1));
          break;
        case 'down':
          setCursor((c) => Math.min(items.length - 1, c + 1));
          break;
        case 'toggle':
          toggle(items[cursor]!.value);
          break;
        case 'confirm': {
          // nothing ticked: Enter takes the item under the cursor
          const values = items.filter((i) => chosen.has(i.value)).map((i) => i.value);
          onSubmit(values.length ? values : [items[cursor]!.value]);
          break;
        }
        default:
          break;
      }
    },
    { isActive: isFocused },
  );

  return (
    <Box flexDirection="column">
      {items.slice(top, top + rows).map((item, i) => {
        const index = top + i;
        const isSelected = index === cursor;
        const ticked = chosen.has(item.value);
        return (
          <Box key={item.value}>
            <SelectIndicator isSelected={isSelected} />
            <Text color={ticked ? theme.ok : undefined}>{ticked ? '[x] ' : '[ ] '}</Text>
            <Text bold={isSelected} color={isSelected ? theme.accent : undefined} wrap="truncate-end">
              {item.label}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
