/** Detection: the scan's progress, its result, and the answers it suggests. */
import { mergeDetected } from './answer-records.js';
import type { DetectionSlice, GetState, SetState } from './types.js';

export function createDetectionSlice(set: SetState, get: GetState): DetectionSlice {
  return {
    detection: { status: 'idle' },
    suggestions: {},

    scanStarted() {
      set({ detection: { status: 'running' } });
    },

    scanFinished(scan) {
      const s = get();
      const suggestions = s.core ? s.core.suggest(scan) : {};
      const commit = scan.repository.commit;
      // Before the team decides whether to resume, the answers are not touched (nor saved).
      const decided = s.saved.status !== 'offered';
      set({
        detection: { status: 'done', scan },
        suggestions,
        meta: commit ? { ...s.meta, repository: { ...s.meta.repository, commit } } : s.meta,
        ...(decided && s.core ? { answers: mergeDetected(s.core, s.answers, suggestions) } : {}),
      });
    },

    scanFailed(reason, unavailable = false) {
      set({ detection: { status: unavailable ? 'unavailable' : 'failed', error: reason } });
    },
  };
}
