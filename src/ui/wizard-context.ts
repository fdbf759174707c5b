/** The store the components read, provided once by the root. */
import { createContext } from 'react';
import type { WizardStore } from './store/create-wizard-store.js';

export const WizardContext = createContext<WizardStore | null>(null);
