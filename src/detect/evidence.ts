/**
 * Evidence registry: detectors add sites and get ids; at the end the evidence is sorted by file,
 * line and detector, numbered E1..En, and every reference is renumbered, so ids are stable for a
 * given repository whatever order detectors ran in. Excerpts go through `sanitizeExcerpt`.
 */
import type { Evidence } from './types.js';
import { sanitizeExcerpt } from './sanitize.js';

export interface SiteLike {
  file: string;
  line: number;
  text: string;
}

export class EvidenceSink {
  private readonly items: Array<Omit<Evidence, 'id'> & { tmp: string }> = [];
  private readonly byKey = new Map<string, string>();

  add(site: SiteLike, detector: string, confidence: Evidence['confidence'], excerpt?: string): string {
    const key = `${site.file}\u0000${site.line}\u0000${detector}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const tmp = `T${this.items.length + 1}`;
    this.items.push({ tmp, file: site.file, line: site.line, excerpt: sanitizeExcerpt((excerpt ?? site.text).trim()), detector, confidence });
    this.byKey.set(key, tmp);
    return tmp;
  }

  /** Sorted, numbered evidence and a function mapping provisional ids to final ones. */
  finish(): { evidence: Evidence[]; map: (id: string) => string } {
    const sorted = [...this.items].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : 0)));
    const ids = new Map<string, string>();
    const evidence: Evidence[] = sorted.map((e, i) => {
      const id = `E${i + 1}`;
      ids.set(e.tmp, id);
      return { id, file: e.file, line: e.line, excerpt: e.excerpt, detector: e.detector, confidence: e.confidence };
    });
    return { evidence, map: (id) => ids.get(id) ?? id };
  }
}
