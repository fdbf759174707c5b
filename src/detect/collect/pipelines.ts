/**
 * Sources that read pipelines: CI definitions, YAML carrying a Tekton or policy marker, the steps of
 * every pipeline with what they call (make, scripts, npm run), and release tooling run by hand.
 */
import type { CiJob, CiStep, Loc, Pipeline } from '../ci/model.js';
import { offeredToCallers, runsOnlyWithinCallers } from '../ci/github.js';
import { mayBeTekton, parseChainsConfig, parseTekton, tektonRuns } from '../ci/tekton.js';
import { limitWarning } from '../../i18n/limit-messages.js';
import { recogniseLine } from '../commands.js';
import { recogniseUses } from '../actions.js';
import { isTemplated, mayBePolicy, parsePolicies, policiesInTemplate } from '../sources/policies.js';
import type { Op, Site } from '../ops.js';
import { commandName, type SourceLine } from '../shell.js';
import type { Collection, CollectStep } from './state.js';
import type { Context } from './context.js';
import type { ParseContext } from '../ci/model.js';

const MAX_FOLLOW_DEPTH = 6;
const MAX_MARKER_YAML = 512 * 1024;
const MAX_CONTINUED = 30;

/** CI definitions found by path, each parsed by its system's parser into the common model. */
export const ciPipelines: CollectStep = {
  kind: 'source',
  name: 'ci-pipelines',
  run(c) {
    for (const src of c.candidates.pipelines) {
      const p = src.parse(c.ctx, src.path);
      if (p) c.pipelines.push(p);
    }
    // a reusable workflow called here runs inside its callers' pipelines, with their inputs; one
    // nothing here calls is offered to other repositories: their CI, not this one's (a limit says so)
    const offered: string[] = [];
    for (let i = c.pipelines.length - 1; i >= 0; i--) {
      const file = c.pipelines[i]!.file;
      if (offeredToCallers(c.ctx, file)) offered.unshift(file);
      if (runsOnlyWithinCallers(c.ctx, file) || offeredToCallers(c.ctx, file)) c.pipelines.splice(i, 1);
    }
    if (offered.length) c.ctx.warn(limitWarning('github-workflows-for-callers', offered[0]!, { count: String(offered.length), at: offered[0]! }));
  },
};

/** `charts/x/templates/…` beside `charts/x/Chart.yaml`: rendered by Helm, not YAML as committed. */
function isChartTemplate(ctx: ParseContext, path: string): boolean {
  const i = path.lastIndexOf('/templates/');
  return i >= 0 && ctx.exists(`${path.slice(0, i)}/Chart.yaml`);
}

/** YAML anywhere: Tekton resources and verification policies, recognised by a marker in the text. */
export const markedYaml: CollectStep = {
  kind: 'source',
  name: 'tekton-and-policies',
  run(c) {
    const claimed = new Set(c.candidates.pipelines.map((p) => p.path));
    const tekton: string[] = [];
    for (const f of c.candidates.yaml) {
      if (claimed.has(f.path) || f.size > MAX_MARKER_YAML) continue;
      const text = c.ctx.peekText(f.path);
      if (text === undefined) continue;
      const isTekton = mayBeTekton(text);
      const policy = mayBePolicy(text, f.path);
      if (!isTekton && !policy) continue;
      // a Helm chart template is Go-template text, not YAML: searched by line, never parsed (no warnings)
      if (isTemplated(text) || isChartTemplate(c.ctx, f.path)) {
        if (policy) for (const pol of policiesInTemplate(text)) c.policySites.push({ op: pol.rec, at: c.site(f.path, pol.line) });
        continue;
      }
      if (isTekton) tekton.push(f.path);
      if (policy) for (const pol of parsePolicies(c.ctx, f.path)) c.policySites.push({ op: pol.rec, at: c.site(f.path, pol.line) });
    }
    // Tasks and Pipelines count as this repository's CI only when a run here reaches them
    const runs = tektonRuns(c.ctx, tekton);
    const unrun: Loc[] = [];
    for (const path of tekton) {
      const p = parseTekton(c.ctx, path, runs, unrun);
      if (p) c.pipelines.push(p);
      for (const signing of parseChainsConfig(c.ctx, path)) c.chains.push({ file: path, signing });
    }
    if (unrun.length) c.ctx.warn(limitWarning('tekton-definitions', unrun[0]!.file, { count: String(unrun.length), at: `${unrun[0]!.file}:${unrun[0]!.line}` }));
  },
};

/**
 * A `\`-continued command is one logical line that starts where its first physical line starts
 * (`gcloud auth … \ && make release`, `LD_FLAGS=… \ ko build …`). The evidence should show the
 * physical line where the command itself is written: the first one naming the command and its verb.
 */
function commandLine(ctx: Context, file: string, line: number, words: readonly string[]): number {
  const name = commandName(words[0]).toLowerCase();
  const verb = words.slice(1).find((w) => !w.startsWith('-'))?.toLowerCase();
  if (!name) return line;
  // `python -m \` + `sigstore sign …`: no line has both, the one naming the verb says most
  let verbLine: number | undefined;
  for (let i = 0; i < MAX_CONTINUED; i++) {
    const text = ctx.lineText(file, line + i);
    const lower = text.toLowerCase();
    if (lower.includes(name) && (verb === undefined || lower.includes(verb))) return line + i;
    if (verb !== undefined && verbLine === undefined && i > 0 && lower.includes(verb)) verbLine = line + i;
    if (!/\\\s*$/.test(text)) break;
  }
  return verbLine ?? line;
}

type Common = Pick<Op, 'pipeline' | 'system' | 'job' | 'step' | 'env' | 'idToken'>;
type Walk = (common: Common, lines: readonly SourceLine[], file: string, via: Site[], depth: number, visited: Set<string>, topOrigin: Op['origin'], base?: string) => void;

/** Recognises lines and follows calls into the repository; the same text is recognised once. */
function walker(c: Collection): Walk {
  const cache = new Map<string, ReturnType<typeof recogniseLine>>();
  const recognised = (text: string): ReturnType<typeof recogniseLine> => {
    let r = cache.get(text);
    if (!r) {
      if (cache.size > 50_000) cache.clear();
      cache.set(text, (r = recogniseLine(text)));
    }
    return r;
  };
  /** `base`: a path in the directory the commands run in (the step's working directory), for resolving calls. */
  const walk: Walk = (common, lines, file, via, depth, visited, topOrigin, base) => {
    for (const l of lines) {
      c.walked.add(`${file}:${l.line}`);
      for (const rc of recognised(l.text)) {
        const at = c.site(file, commandLine(c.ctx, file, l.line, rc.words));
        if (rc.rec.kind === 'call') {
          if (depth >= MAX_FOLLOW_DEPTH) continue;
          for (const called of c.resolver.resolve(rc.rec.call, base ?? file)) {
            const key = `${called.file}:${called.lines[0]?.line ?? 0}`;
            if (visited.has(key)) continue;
            walk(common, called.lines, called.file, [...via, at], depth + 1, new Set([...visited, key]), topOrigin);
          }
          continue;
        }
        const op: Op = { ...common, rec: rc.rec, at, via, origin: depth === 0 ? topOrigin : 'script', siblings: { file, lines } };
        c.addOp(op);
        if (rc.rec.kind === 'publish' && rc.rec.tool === 'goreleaser') c.goreleaserRuns.push(op);
      }
    }
  };
  return walk;
}

function mergeEnv(pipeline: Pipeline, job: CiJob, step: CiStep): Op['env'] {
  const env: Op['env'] = {};
  for (const [k, v] of Object.entries(pipeline.env)) env[k] = { ...v, file: pipeline.file };
  for (const [k, v] of Object.entries(job.env)) env[k] = { ...v, file: job.file };
  for (const [k, v] of Object.entries(step.env)) env[k] = { ...v, file: step.file };
  return env;
}

/** Every step of every pipeline: the actions it uses and the lines it runs, following calls. */
export const pipelineSteps: CollectStep = {
  kind: 'source',
  name: 'pipeline-steps',
  run(c) {
    const walk = walker(c);
    for (const pipeline of c.pipelines) {
      for (const job of pipeline.jobs) {
        for (const step of job.steps) {
          const idToken: Loc | undefined = job.idToken ?? pipeline.idToken;
          const stepVia: Site[] = step.via ? [c.site(step.via.file, step.via.line)] : [];
          const common = { pipeline: pipeline.file, system: pipeline.system, job, step, env: mergeEnv(pipeline, job, step), idToken };
          if (step.uses) {
            for (const rec of recogniseUses(step)) {
              // a key imported through an action input: point at the input (gpg-private-key: ${{ secrets.X }})
              const input = rec.kind === 'key-import' ? Object.entries(step.with).find(([k]) => /gpg[-_]private[-_]key/.test(k))?.[1] : undefined;
              const op: Op = { ...common, rec, at: c.site(step.file, input?.line ?? step.usesLine ?? step.line), via: stepVia, origin: 'ci' };
              c.addOp(op);
              if (rec.kind === 'publish' && rec.tool === 'goreleaser') c.goreleaserRuns.push(op);
            }
          }
          walk(common, step.run, step.file, stepVia, 0, new Set(), 'ci', step.workdir ? `${step.workdir}/.` : undefined);
        }
      }
    }
  },
};

/**
 * Release tooling outside CI: shell scripts and the root Makefile run from a laptop. Each is its own
 * local "pipeline" (no CI system), so a push and a sign in one script match; lines CI already
 * reached are not counted again.
 */
export const handRunTooling: CollectStep = {
  kind: 'source',
  name: 'hand-run-tooling',
  run(c) {
    const walk = walker(c);
    for (const path of c.candidates.scripts) {
      const isMakefile = !/\.(sh|bash)$/.test(path);
      const called = isMakefile ? c.resolver.resolve({ type: 'make', targets: c.resolver.makeTargets(path) }, path) : c.resolver.resolve({ type: 'script', path }, '');
      for (const f of called) {
        const fresh = f.lines.filter((l) => !c.walked.has(`${f.file}:${l.line}`));
        if (fresh.length === 0) continue;
        walk({ pipeline: `local:${path}`, env: {} }, fresh, f.file, [], 0, new Set([`${f.file}:${f.lines[0]?.line ?? 0}`]), 'script');
      }
    }
  },
};
