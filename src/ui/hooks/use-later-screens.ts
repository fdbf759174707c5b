import { useEffect, useSyncExternalStore } from 'react';

export type LaterScreens = typeof import('../later-screens.js');

let loaded: LaterScreens | undefined;
let loading: Promise<LaterScreens> | undefined;
const waiting = new Set<() => void>();

/** Loads the screens after the welcome screen (once); resolves when they can be drawn. */
export function loadLaterScreens(): Promise<LaterScreens> {
  loading ??= import('../later-screens.js').then((screens) => {
    loaded = screens;
    waiting.forEach((changed) => changed());
    return screens;
  });
  return loading;
}

function subscribe(changed: () => void): () => void {
  waiting.add(changed);
  return () => void waiting.delete(changed);
}

/** The later screens once loaded (undefined until then); starts loading them after the first frame. */
export function useLaterScreens(): LaterScreens | undefined {
  const screens = useSyncExternalStore(subscribe, () => loaded, () => loaded);
  useEffect(() => {
    void loadLaterScreens();
  }, []);
  return screens;
}
