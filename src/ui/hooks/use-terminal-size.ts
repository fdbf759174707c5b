import { useStdout } from 'ink';
import { useCallback, useSyncExternalStore } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

interface Watch {
  size: TerminalSize;
  readonly components: Set<() => void>;
  readonly onResize: () => void;
}

/**
 * One `resize` listener per output stream, shared by every component that follows the size.
 * A listener per component (the header, the footer, every list row...) passes Node's limit of 10
 * on a question screen, and Node then prints a MaxListenersExceededWarning on stderr: rows that
 * Ink does not know about, so its next erase falls short and leaves stale rows of the old screen
 * above the new one.
 */
const watches = new WeakMap<NodeJS.WriteStream, Watch>();

function watchOf(stdout: NodeJS.WriteStream): Watch {
  let watch = watches.get(stdout);
  if (!watch) {
    const components = new Set<() => void>();
    watch = { size: { columns: 0, rows: 0 }, components, onResize: () => components.forEach((changed) => changed()) };
    watches.set(stdout, watch);
  }
  return watch;
}

/** The terminal's size, following resizes; 80x24 when the output does not say. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const watch = watchOf(stdout);
  const subscribe = useCallback(
    (changed: () => void) => {
      if (watch.components.size === 0) stdout.on('resize', watch.onResize);
      watch.components.add(changed);
      return () => {
        watch.components.delete(changed);
        if (watch.components.size === 0) stdout.off('resize', watch.onResize);
      };
    },
    [stdout, watch],
  );
  const read = useCallback((): TerminalSize => {
    const columns = stdout.columns || 80;
    const rows = stdout.rows || 24;
    // the same object while the size holds, as useSyncExternalStore requires
    if (watch.size.columns !== columns || watch.size.rows !== rows) watch.size = { columns, rows };
    return watch.size;
  }, [stdout, watch]);
  return useSyncExternalStore(subscribe, read, read);
}
