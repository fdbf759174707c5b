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
  const changed = s.answers !== prev.answers || s.notes !== prev.notes || s.meta !== prev.meta || s.lang !== prev.lang;
  // what was typed before the bank arrived is written as soon as it is there
  const catchUp = s.unsaved === true && s.core !== undefined && prev.core === undefined;
  if (!changed && !catchUp) return;
  // Nothing is written over a saved file the team has not yet chosen to resume or set aside (nor is
  // anything of the team's waiting to be written then: the scan's commit is not input).
  if (s.saved.status === 'offered') return;
  if (!s.core || !ctx.io) {
    if (!s.unsaved) store.setState({ unsaved: true });
    return;
  }
  try {
    ctx.io.save(selectAnswersFile(s)!, s.core.bank);
    if (s.savedTo !== s.paths.answers || s.saveError || s.unsaved) store.setState({ savedTo: s.paths.answers, saveError: undefined, unsaved: false });
  } catch (err) {
    store.setState({ saveError: err instanceof Error ? err.message : String(err), unsaved: true });
  }
}
