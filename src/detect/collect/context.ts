/**
 * The collector's view of the repository: files by path (binary search in the reader's sorted list),
 * texts and parsed YAML read once, warnings without duplicates, and line text for evidence.
 */
import type { RepoFile, RepoReader, ScanWarning } from '../types.js';
import type { ParseContext } from '../ci/model.js';
import { parseYamlSafe } from '../yaml-safe.js';
import type { YamlFile } from '../ci/yaml-nodes.js';

export class Context implements ParseContext {
  readonly warnings: ScanWarning[] = [];
  private set?: Set<string>;
  private sorted?: boolean;
  private readonly texts = new Map<string, string | undefined>();
  private readonly yamls = new Map<string, YamlFile[]>();
  private readonly lineCache = new Map<string, string[]>();
  constructor(private readonly reader: RepoReader, private readonly list: readonly RepoFile[]) {}
  /** Binary search in the reader's sorted list (cheaper than hashing 100,000 paths); a Set if unsorted. */
  exists(path: string): boolean {
    const list = this.list;
    if (this.sorted === undefined) {
      this.sorted = true;
      for (let i = 1; i < list.length; i++) {
        if (list[i - 1]!.path >= list[i]!.path) {
          this.sorted = false;
          break;
        }
      }
    }
    if (!this.sorted) {
      this.set ??= new Set(list.map((f) => f.path));
      return this.set.has(path);
    }
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = list[mid]!.path;
      if (p === path) return true;
      if (p < path) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
  paths(): readonly string[] {
    return this.list.map((f) => f.path);
  }
  readText(path: string): string | undefined {
    if (!this.texts.has(path)) this.texts.set(path, this.exists(path) ? this.reader.readText(path) : undefined);
    return this.texts.get(path);
  }
  /** Reads without keeping the text: for files that are only searched for a marker. */
  peekText(path: string): string | undefined {
    return this.texts.has(path) ? this.texts.get(path) : this.exists(path) ? this.reader.readText(path) : undefined;
  }
  readYamlDocs(path: string): YamlFile[] {
    const cached = this.yamls.get(path);
    if (cached) return cached;
    const text = this.readText(path);
    let out: YamlFile[] = [];
    if (text !== undefined) {
      const r = parseYamlSafe(text);
      if (r.ok) out = r.docs.map((doc) => ({ path, text, doc, docs: r.docs, lineOf: r.lineOf }));
      else this.warn({ kind: 'unparsable', file: path, message: `${path}${r.line ? `:${r.line}` : ''}: ${r.error}` });
    }
    this.yamls.set(path, out);
    return out;
  }
  readYaml(path: string): YamlFile | undefined {
    return this.readYamlDocs(path)[0];
  }
  warn(w: ScanWarning): void {
    if (!this.warnings.some((x) => x.kind === w.kind && x.file === w.file && x.message === w.message)) this.warnings.push(w);
  }
  lineText(file: string, line: number): string {
    let lines = this.lineCache.get(file);
    if (!lines) {
      lines = (this.texts.get(file) ?? this.readText(file) ?? '').split(/\r?\n/);
      this.lineCache.set(file, lines);
    }
    return lines[line - 1] ?? '';
  }
}
