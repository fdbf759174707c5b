/** Enrichers: steps that refine operations the sources found, each for one reason given beside it. */
import { limitWarning } from '../../i18n/limit-messages.js';
import { normalisePath } from '../ci/model.js';
import { isThrowawayRegistry } from '../throwaway.js';
import { isTestKey } from '../sources/keys.js';
import { provenanceSign } from '../tools/npm-provenance.js';
import { TOOL_BY_ID } from '../tools/index.js';
import { actionEntry, parseActionRef } from '../actions.js';
import type { Op } from '../ops.js';
import type { CollectStep } from './state.js';
import { resolveVariable } from './variables.js';

/**
 * A throwaway registry (an e2e test's local or ttl.sh registry): pushing there publishes nothing,
 * and signing or verifying an image there is a test of signing, not of a deliverable.
 */
export const throwawayRegistries: CollectStep = {
  kind: 'enricher',
  name: 'throwaway-registries',
  run({ ops }) {
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      const rec = op.rec;
      const image = rec.kind === 'publish' ? rec.artifactKind === 'container-image' : rec.kind === 'sign' ? rec.artifact === 'container-image' : rec.kind === 'verify';
      if (!image || (rec.kind !== 'publish' && rec.kind !== 'sign' && rec.kind !== 'verify') || rec.subject === undefined) continue;
      const dest = resolveVariable(op, rec.subject);
      op.image = dest;
      if (isThrowawayRegistry(dest)) asTest(ops, i, dest);
    }
  },
};

/** An operation of a test: a push there publishes nothing (dropped); signing or verifying there is a test of signing. */
function asTest(ops: Op[], i: number, where: string): void {
  const op = ops[i]!;
  if (op.rec.kind === 'publish') ops.splice(i, 1);
  else op.throwaway ??= where;
}

/** Is this CI step the setup of throwaway signing infrastructure (sigstore/scaffolding)? */
const setsUpTestStack = (uses: string | undefined): boolean => uses !== undefined && actionEntry(parseActionRef(uses).name)?.testStack === true;

/**
 * A job that sets up a throwaway Sigstore stack and cluster (sigstore/scaffolding's setup action)
 * is an end-to-end test: its images go to the cluster's registry and its signatures to a Fulcio and
 * Rekor that vanish with the runner. Its pushes publish nothing; its signing and verification test
 * the tools (as on a throwaway registry), whatever variable hides the image.
 */
export const testSigningStacks: CollectStep = {
  kind: 'enricher',
  name: 'test-signing-stacks',
  run({ ops }) {
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      const kind = op.rec.kind;
      if ((kind !== 'publish' && kind !== 'sign' && kind !== 'verify') || !op.job?.steps.some((s) => setsUpTestStack(s.uses))) continue;
      asTest(ops, i, 'sigstore/scaffolding');
    }
  },
};

/**
 * A signing option given as an environment variable (`signtool … /dlib $Env:DLIB`): its value from
 * the signing step's environment decides what signs (the Azure Code Signing dlib: Azure Trusted
 * Signing). The tool's descriptor says how (`resolveEnv`); the env entry becomes evidence.
 */
export const envOptions: CollectStep = {
  kind: 'enricher',
  name: 'env-options',
  run(c) {
    for (const op of c.ops) {
      const rec = op.rec;
      if (rec.kind !== 'sign' || !rec.envOption) continue;
      const env = op.env[rec.envOption.variable];
      const resolved = env ? TOOL_BY_ID.get(rec.tool)?.resolveEnv?.(rec, env.value) : undefined;
      if (!resolved || !env) continue;
      op.rec = resolved;
      op.configSites = [...(op.configSites ?? []), c.site(env.file, env.line)];
    }
  },
};

const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true)$/i.test(v.trim());

/**
 * Settings that sign implicitly: NPM_CONFIG_PROVENANCE / DOCKER_CONTENT_TRUST in a publishing step's
 * environment or exported earlier in its pipeline make the publish a signed one.
 */
export const implicitSigning: CollectStep = {
  kind: 'enricher',
  name: 'implicit-signing-settings',
  run(c) {
    const { ops } = c;
    for (const op of [...ops]) {
      if (op.rec.kind !== 'publish') continue;
      const exported = (name: string): Op | undefined => ops.find((o) => o.rec.kind === 'setting' && o.rec.name === name && o.pipeline === op.pipeline);
      if (op.rec.artifact === 'npm package') {
        const env = op.env['NPM_CONFIG_PROVENANCE'] ?? op.env['npm_config_provenance'];
        const setting = exported('npm-provenance');
        if (truthy(env?.value) || setting) c.addOp({ ...op, rec: provenanceSign(), configSites: env ? [c.site(env.file, env.line)] : [setting!.at] });
      }
      if (op.rec.artifactKind === 'container-image' && op.rec.tool === 'docker') {
        const env = op.env['DOCKER_CONTENT_TRUST'];
        const setting = exported('docker-content-trust');
        const signedAlready = ops.some((o) => o.rec.kind === 'sign' && o.rec.tool === 'docker-content-trust' && o.at.file === op.at.file && o.at.line === op.at.line);
        if ((truthy(env?.value) || setting) && !signedAlready) {
          c.addOp({ ...op, rec: { kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject: op.rec.subject }, configSites: env ? [c.site(env.file, env.line)] : [] });
        }
      }
    }
    // the exported DOCKER_CONTENT_TRUST is evidence for every Docker Content Trust signature of its pipeline
    for (const op of ops) {
      if (op.rec.kind !== 'sign' || op.rec.tool !== 'docker-content-trust') continue;
      const settings = ops.filter((o) => o.rec.kind === 'setting' && o.rec.name === 'docker-content-trust' && o.pipeline === op.pipeline);
      if (settings.length) op.configSites = [...(op.configSites ?? []), ...settings.map((s) => s.at)];
    }
  },
};

/** rpmsign reads the key name from ~/.rpmmacros: a committed macros file shows the configuration. */
export const rpmMacros: CollectStep = {
  kind: 'enricher',
  name: 'rpm-macros',
  run(c) {
    for (const path of c.candidates.macros) {
      const lines = (c.ctx.readText(path) ?? '').split(/\r?\n/);
      const i = lines.findIndex((l) => /^%_gpg_name\b/.test(l.trim()));
      if (i < 0) continue;
      for (const op of c.ops) if (op.rec.kind === 'sign' && op.rec.tool === 'rpm-sign') op.configSites = [...(op.configSites ?? []), c.site(path, i + 1)];
    }
  },
};

/**
 * Signing whose `--key` is a test key (a committed key under a test folder or named as test material,
 * cosign's `cosign-test.key` signing CI images) is marked: it neither counts as signing nor tells key
 * custody, and one limit says so, since the signatures exist but anyone could have made them.
 */
export const testKeySigning: CollectStep = {
  kind: 'enricher',
  name: 'test-key-signing',
  run({ ops, keys, ctx }) {
    const marked: Op[] = [];
    for (const op of ops) {
      if (op.rec.kind !== 'sign' || op.rec.key?.type !== 'file') continue;
      const path = normalisePath(op.rec.key.path) ?? op.rec.key.path;
      const found = keys.find((k) => k.path === path) ?? keys.find((k) => k.path.endsWith('/' + path));
      if (found ? found.test : isTestKey(path)) {
        op.testKey = found?.path ?? path;
        marked.push(op);
      }
    }
    const first = marked[0];
    if (!first) return;
    const places = new Set(marked.map((o) => `${o.at.file}:${o.at.line}`));
    ctx.warn(limitWarning('test-key-signing', first.at.file, { count: String(places.size), at: `${first.at.file}:${first.at.line}`, key: first.testKey ?? '' }));
  },
};
