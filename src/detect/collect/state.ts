/**
 * What the collect steps share: the file context, the candidates, and the operations found so far.
 * Sources add operations from one kind of file; enrichers refine operations already found. Each step
 * is small and says why it exists (`collect.ts` lists them in the order they run).
 */
import type { RepoReader } from '../types.js';
import type { Pipeline } from '../ci/model.js';
import type { parseChainsConfig } from '../ci/tekton.js';
import { CallResolver } from '../follow.js';
import type { DocumentedVerification, FoundKey, Op, Operation, Site } from '../ops.js';
import { classify, type Candidates } from './candidates.js';
import { Context } from './context.js';
import type { RawSigner } from '../identity/signers.js';
import type { RepositoryAddress } from '../identity/identities.js';
import type { VerifierExpectation } from '../identity/model.js';

export interface Collection {
  readonly ctx: Context;
  readonly candidates: Candidates;
  readonly resolver: CallResolver;
  readonly ops: Op[];
  readonly pipelines: Pipeline[];
  /** Steps that run `goreleaser release`: its configured signing belongs to their pipelines. */
  readonly goreleaserRuns: Op[];
  /** `file:line` of every line walked from CI, so hand-run tooling is not counted twice. */
  readonly walked: Set<string>;
  readonly policySites: Array<{ op: Operation; at: Site }>;
  readonly chains: Array<{ file: string; signing: ReturnType<typeof parseChainsConfig>[number] }>;
  readonly keys: FoundKey[];
  /** Where the repository lives (its origin remote, or --repo-url), when known. */
  readonly repository?: RepositoryAddress;
  /** Keyless signers and verifier expectations (identity/collect-identities.ts). */
  readonly signers: RawSigner[];
  readonly verifiers: VerifierExpectation[];
  /** Verify commands shown to users in the README or docs (collect/docs.ts). */
  readonly documentedVerifications: DocumentedVerification[];
  site(file: string, line: number): Site;
  /** Adds an operation once (the same line reached twice by the same path is one operation). */
  addOp(op: Op): void;
}

/** A step of collection: a source (reads files, adds operations) or an enricher (refines them). */
export interface CollectStep {
  kind: 'source' | 'enricher';
  name: string;
  run(c: Collection): void;
}

export function newCollection(reader: RepoReader, repository?: RepositoryAddress): Collection {
  const files = reader.files();
  const ctx = new Context(reader, files);
  const ops: Op[] = [];
  const seenOps = new Set<string>();
  return {
    ctx,
    candidates: classify(files),
    resolver: new CallResolver(ctx),
    ops,
    pipelines: [],
    goreleaserRuns: [],
    walked: new Set(),
    policySites: [],
    chains: [],
    keys: [],
    repository,
    signers: [],
    verifiers: [],
    documentedVerifications: [],
    site: (file, line) => ({ file, line, text: ctx.lineText(file, line) }),
    addOp(op) {
      const key = [op.pipeline ?? '', op.at.file, op.at.line, op.rec.kind, JSON.stringify(op.rec), op.via.map((v) => `${v.file}:${v.line}`).join('>')].join('|');
      if (seenOps.has(key)) return;
      seenOps.add(key);
      ops.push(op);
    },
  };
}
