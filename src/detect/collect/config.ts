/**
 * Sources that read release and build configuration rather than pipelines: Tekton Chains, goreleaser,
 * package manifests and build files, admission policies, and key files.
 */
import { recogniseLine } from '../commands.js';
import { GORELEASER_FILES, parseGoreleaser } from '../sources/goreleaser.js';
import { parseGradle, parsePackageJson, parsePom } from '../sources/manifests.js';
import { findPrivateKeys, isTestKey } from '../sources/keys.js';
import { provenanceSign } from '../tools/npm-provenance.js';
import type { Op } from '../ops.js';
import { base } from './candidates.js';
import type { CollectStep } from './state.js';

/** Tekton Chains signs in the cluster, for the Tekton pipelines: its ConfigMap is the signing step. */
export const tektonChains: CollectStep = {
  kind: 'source',
  name: 'tekton-chains',
  run(c) {
    for (const ch of c.chains) {
      c.addOp({ rec: ch.signing.rec, at: c.site(ch.file, ch.signing.line), via: [], env: {}, origin: 'config', system: 'tekton', idToken: ch.signing.keylessAt });
    }
  },
};

/**
 * goreleaser's signing (`signs`, `docker_signs`, notarize, nfpm keys) belongs to the pipeline that runs
 * `goreleaser release`; with no such step it is configuration nothing here runs (a limit says so).
 */
export const goreleaserConfig: CollectStep = {
  kind: 'source',
  name: 'goreleaser',
  run(c) {
    const path = GORELEASER_FILES.find((f) => c.ctx.exists(f)) ?? c.candidates.goreleaser[0];
    const g = path ? parseGoreleaser(c.ctx, path) : undefined;
    if (!g) return;
    const runs: Array<Partial<Op> & { via: Op['via'] }> = c.goreleaserRuns.length
      ? c.goreleaserRuns.map((r) => ({ pipeline: r.pipeline, system: r.system, job: r.job, step: r.step, env: r.env, idToken: r.idToken, via: [...r.via, r.at] }))
      : [{ via: [] }];
    for (const r of runs) {
      for (const s of g.signs) {
        c.addOp({ pipeline: r.pipeline, system: r.system, job: r.job, step: r.step, env: r.env ?? {}, idToken: r.idToken, rec: s.rec, at: c.site(g.file, s.line), via: r.via, origin: 'config', extraTools: ['goreleaser'] });
      }
    }
    if (!g.publishesImages) return;
    for (const run of c.goreleaserRuns) {
      c.addOp({ ...run, rec: { kind: 'publish', tool: 'goreleaser', artifact: 'container images (goreleaser)', artifactKind: 'container-image' }, configSites: g.imagesLine ? [c.site(g.file, g.imagesLine)] : undefined });
    }
  },
};

/** package.json (`publishConfig.provenance`, signing npm scripts), pom.xml and Gradle signing configuration. */
export const manifests: CollectStep = {
  kind: 'source',
  name: 'manifests',
  run(c) {
    for (const path of c.candidates.manifests) {
      const b = base(path);
      const text = c.ctx.readText(path);
      if (text === undefined) continue;
      if (b === 'package.json') {
        const pkg = parsePackageJson(text);
        if (!pkg) continue;
        if (pkg.provenanceLine !== undefined) c.addOp({ rec: provenanceSign(), at: c.site(path, pkg.provenanceLine), via: [], env: {}, origin: 'config' });
        for (const s of Object.values(pkg.scripts)) {
          for (const rc of recogniseLine(s.command)) if (rc.rec.kind === 'sign') c.addOp({ rec: rc.rec, at: c.site(path, s.line), via: [], env: {}, origin: 'config' });
        }
        continue;
      }
      for (const cf of b === 'pom.xml' ? parsePom(text) : parseGradle(text)) {
        c.addOp({ rec: cf.rec, at: c.site(path, cf.line), via: [], env: {}, origin: 'config', configSites: cf.custodyLine ? [c.site(path, cf.custodyLine)] : undefined, custodyHint: cf.custodyHint });
      }
    }
  },
};

/** Admission policies (Kyverno, policy-controller, Ratify, Connaisseur): verification at deploy time. */
export const policies: CollectStep = {
  kind: 'source',
  name: 'policies',
  run(c) {
    for (const p of c.policySites) c.addOp({ rec: p.op, at: p.at, via: [], env: {}, origin: 'policy' });
  },
};

/** Committed private keys: path, kind and line only; test material is told apart. */
export const privateKeys: CollectStep = {
  kind: 'source',
  name: 'private-keys',
  run(c) {
    for (const f of c.candidates.keys) {
      const text = c.ctx.readText(f.path);
      if (text === undefined) continue;
      for (const k of findPrivateKeys(text)) c.keys.push({ path: f.path, kind: k.kind, line: k.line, test: isTestKey(f.path) });
    }
  },
};
