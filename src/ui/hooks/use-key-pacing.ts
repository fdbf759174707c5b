import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { firstKey } from '../keys.js';

/**
 * Hands keys to the screen one at a time, each after the renders the previous one caused, so that
 * keys arriving together (three fast Enters in one read, or two arrows Ink parsed from one read)
 * count one press each, on the screen each one lands on. Without it a run of plain keys is one
 * unmatched string (`firstKey`), and two arrows in one read reach the list's listener before it
 * has seen the first one's effect, so the cursor moves once.
 *
 * It sits between Ink's input parser and every `useInput` listener (the widgets' included): Ink
 * gives no other place where all of them can be served in turn. `isText` says whether printable
 * keys are text for a field at the moment (a paste is then typed in one go).
 */
const SETTLE_TURNS = 4;

export function useKeyPacing(isText: () => boolean): void {
  const { internal_eventEmitter: emitter } = useStdin();
  const text = useRef(isText);
  text.current = isText;
  useEffect(() => {
    const emit = emitter.emit;
    const queue: string[] = [];
    let settling: NodeJS.Immediate | undefined;
    const pump = () => {
      if (settling || queue.length === 0) return;
      const chunk = queue[0]!;
      const key = firstKey(chunk, text.current());
      if (key.length === chunk.length) queue.shift();
      else queue[0] = chunk.slice(key.length);
      emit.call(emitter, 'input', key);
      settle(SETTLE_TURNS);
    };
    // React runs a commit's effects (a new screen's key listeners among them) in a later turn of
    // the event loop, and an effect may commit again (the multi-select submits from one): the next
    // key waits behind a few such turns
    const settle = (turns: number) => {
      settling = setImmediate(() => {
        settling = undefined;
        if (turns > 1) settle(turns - 1);
        else pump();
      });
    };
    emitter.emit = function paced(event: string | symbol, ...args: unknown[]): boolean {
      const input = args[0];
      if (event !== 'input' || typeof input !== 'string' || input === '') return emit.call(this, event, ...args);
      queue.push(input);
      pump();
      return true;
    };
    return () => {
      emitter.emit = emit;
      if (settling) clearImmediate(settling);
    };
  }, [emitter]);
}
