/**
 * The wizard's store: a vanilla zustand store made of three slices, and the autosave that writes
 * the answers file after every change to the answers, the notes or the meta.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAnswersSlice } from './answers-slice.js';
import { createDetectionSlice } from './detection-slice.js';
import { selectAnswersFile } from './selectors.js';
import { createSessionSlice, type WizardInit } from './session-slice.js';
import type { StoreContext, WizardState } from './types.js';

export type WizardStore = StoreApi<WizardState>;
export type { WizardInit };

export function createWizardStore(init: WizardInit): WizardStore {
  const ctx: StoreContext = {};
  const store = createStore<WizardState>()((set, get) => ({
    ...createSessionSlice(set, get, ctx, init),
    ...createAnswersSlice(set, get),
    ...createDetectionSlice(set, get),
  }));
  store.subscribe((s, prev) => autosave(store, ctx, s, prev));
  return store;
}

function autosave(store: WizardStore, ctx: StoreContext, s: WizardState, prev: WizardState): void {
  if (s.answers === prev.answers && s.notes === prev.notes && s.meta === prev.meta && s.lang === prev.lang) return;
  // Nothing is written before the bank is loaded, nor over a saved file the team has not yet chosen to resume or set aside.
  if (!s.core || !ctx.io || s.saved.status === 'offered') return;
  try {
    ctx.io.save(selectAnswersFile(s)!, s.core.bank);
    if (s.savedTo !== s.paths.answers || s.saveError) store.setState({ savedTo: s.paths.answers, saveError: undefined });
  } catch (err) {
    store.setState({ saveError: err instanceof Error ? err.message : String(err) });
  }
}
