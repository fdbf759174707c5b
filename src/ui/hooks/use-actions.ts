import { useContext } from 'react';
import type { WizardState } from '../store/types.js';
import { WizardContext } from '../wizard-context.js';

/** The store's actions (functions of the state: stable for the store's lifetime). */
export type Actions = { [K in keyof WizardState as WizardState[K] extends (...args: never[]) => unknown ? K : never]: WizardState[K] };

export function useActions(): Actions {
  const store = useContext(WizardContext);
  if (!store) throw new Error('useActions outside <WizardContext.Provider>');
  return store.getState();
}
