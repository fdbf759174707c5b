import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { WizardState } from '../store/types.js';
import { WizardContext } from '../wizard-context.js';

/** Reads the store with a selector; results are compared shallowly, so selectors may build small objects. */
export function useWizard<T>(selector: (s: WizardState) => T): T {
  const store = useContext(WizardContext);
  if (!store) throw new Error('useWizard outside <WizardContext.Provider>');
  return useStore(store, useShallow(selector));
}
