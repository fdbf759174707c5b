import { Box, Text, useInput } from 'ink';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { labelIndent, listItemRows, listWindow, reduceList, type ChoiceItem, type ListAction, type ListState } from '../choice-list.js';
import { useLang } from '../hooks/use-lang.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../hooks/use-theme.js';
import { widgetCommandFor, type Mode } from '../keys.js';

interface Props {
  /** Whose widget bindings the list reads from the binding map (Enter, Space, arrows). */
  mode: Mode;
  items: readonly ChoiceItem[];
  /** Checkboxes: Space ticks, Enter hands on the ticked values. */
  multi?: boolean;
  initialCursor?: number;
  initialTicked?: readonly string[];
  /** Values that exclude the others when ticked. */
  exclusive?: readonly string[];
  /** Rows the list may take, its "more" markers included. */
  rows: number;
  isFocused: boolean;
  onSubmit(values: string[]): void;
  onHighlight?(value: string): void;
  /** Items drawn in the warning colour. */
  warn?: ReadonlySet<string>;
  /** How much further in than the label an item's detail rows start. */
  detailIndent?: number;
}

/**
 * A list of choices: every label whole, wrapped under itself; scrolled, in order, to the rows it
 * is given, with "↑ n more" / "↓ n more" when items are out of view. Keys come from the binding
 * map (`widgetCommandFor`).
 */
export function ChoiceList({ mode, items, multi = false, initialCursor = 0, initialTicked = [], exclusive = [], rows, isFocused, onSubmit, onHighlight, warn, detailIndent = 0 }: Props) {
  const theme = useTheme();
  const { t } = useLang();
  const { columns } = useTerminalSize();
  const [state, dispatch] = useReducer(
    (s: ListState, a: ListAction) => reduceList(s, a),
    undefined,
    (): ListState => ({ cursor: Math.max(0, Math.min(items.length - 1, initialCursor)), ticked: initialTicked }),
  );
  const props = useRef({ items, multi, exclusive, onSubmit, onHighlight });
  props.current = { items, multi, exclusive, onSubmit, onHighlight };

  const onKey = useCallback((input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    const command = widgetCommandFor(mode, input, key);
    const p = props.current;
    if (command) dispatch({ command, values: p.items.map((i) => i.value), multi: p.multi, exclusive: p.exclusive });
  }, [mode]);
  useInput(onKey, { isActive: isFocused });

  useEffect(() => {
    if (state.submitted) props.current.onSubmit([...state.submitted]);
  }, [state.submitted]);
  useEffect(() => {
    const item = props.current.items[state.cursor];
    if (item) props.current.onHighlight?.(item.value);
  }, [state.cursor]);

  const indent = labelIndent(multi);
  const wrapped = listItemRows(items, columns, multi, detailIndent);
  const heights = wrapped.map((w) => w.height);
  const offset = useRef(0);
  const win = listWindow(heights, state.cursor, offset.current, Math.max(1, rows));
  offset.current = win.start;
  const pad = ' '.repeat(indent);
  return (
    <Box flexDirection="column">
      {win.above ? <Text dimColor>{`${pad}${t('moreAbove', { count: win.above })}`}</Text> : null}
      {items.slice(win.start, win.end).map((item, i) => {
        const index = win.start + i;
        const selected = index === state.cursor;
        const ticked = state.ticked.includes(item.value);
        const { label, detail } = wrapped[index]!;
        const color = selected ? theme.accent : warn?.has(item.value) ? theme.warn : undefined;
        // an item taller than the list is cut at the list's bottom
        const room = Math.max(1, rows - (win.above ? 1 : 0) - (win.below ? 1 : 0));
        const shownLabel = win.end - win.start === 1 ? label.slice(0, room) : label;
        const shownDetail = win.end - win.start === 1 ? detail.slice(0, Math.max(0, room - shownLabel.length)) : detail;
        return (
          <Box key={item.value} flexDirection="column">
            {shownLabel.map((row, r) => (
              <Text key={r}>
                {r === 0 ? (
                  <>
                    <Text color={selected ? theme.accent : undefined}>{selected ? '> ' : '  '}</Text>
                    {multi ? <Text color={ticked ? theme.ok : undefined}>{ticked ? '[x] ' : '[ ] '}</Text> : null}
                  </>
                ) : (
                  pad
                )}
                <Text bold={selected} color={color}>
                  {row}
                </Text>
              </Text>
            ))}
            {shownDetail.map((row, r) => (
              <Text key={`d${r}`}>
                {pad + ' '.repeat(detailIndent)}
                <Text color={color} dimColor={!selected && !warn?.has(item.value)}>
                  {row}
                </Text>
              </Text>
            ))}
          </Box>
        );
      })}
      {win.below ? <Text dimColor>{`${pad}${t('moreBelow', { count: win.below })}`}</Text> : null}
    </Box>
  );
}
