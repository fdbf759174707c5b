/**
 * Keyless signers as the files show them: which CI workflow signs, from which refs. The repository's
 * URL is not in its files; `identities.ts` completes these with the `origin` remote (or `--repo-url`)
 * into the certificate identities a verifier will see.
 *
 * Refs come from the triggers, read as GitHub and GitLab document them:
 * - GitHub `on.push.tags` / `on.push.branches` patterns; `release` events run on the release's tag;
 *   `push` with no filter and `workflow_dispatch` run on any branch or tag; `schedule`,
 *   `workflow_run` and `pull_request_target` on the default branch; `pull_request` on
 *   `refs/pull/N/merge`. A step or job `if: startsWith(github.ref, 'refs/tags/')` keeps the tags
 *   only, `if: github.ref == 'refs/heads/main'` that ref alone.
 * - GitLab job `rules: - if:` / `only:` on `$CI_COMMIT_TAG` (tags), `$CI_DEFAULT_BRANCH` (the default
 *   branch) or a branch name; a rule with another condition, or none, any branch or tag; a job
 *   without rules of its own follows the pipeline's `workflow: rules:`.
 */
import type { Context } from '../collect/context.js';
import { entries, get, getEntry, items, scalarString, str, type YamlFile } from '../ci/yaml-nodes.js';
import type { Op } from '../ops.js';
import type { IdentitySite, SignerCi } from './model.js';

/** `{default}` stands for the default branch, resolved from the checkout when it can be. */
export const DEFAULT_BRANCH = 'refs/heads/{default}';

export interface RawSigner {
  ci: SignerCi;
  tool: string;
  /** GitHub: the workflow file the signing job is defined in (the called one, for a reusable workflow). */
  workflow?: string;
  /** A reusable workflow of another repository: `owner/repo/.github/workflows/x.yml@ref` as written. */
  remoteWorkflow?: string;
  /** GitLab: the project's pipeline file (`ci_config_ref_uri`). */
  configPath?: string;
  /** Cloud Build: the service account named in the build file. */
  serviceAccount?: string;
  /** The caller workflow's `name:` and its events (cosign's github-workflow-name/trigger). */
  workflowName?: string;
  triggers: string[];
  /** `refs/tags/v*`, `refs/heads/main`, `refs/heads/{default}`, `refs/pull/*\/merge`; globs as written. */
  refs: string[];
  sites: IdentitySite[];
}

type Site = (file: string, line: number) => IdentitySite;

function scalarList(y: YamlFile, node: unknown): string[] {
  const list = items(y, node);
  const s = scalarString(y, node);
  return list.length > 0 ? list.map((n) => scalarString(y, n)).filter((v): v is string => v !== undefined) : s !== undefined ? [s] : [];
}

/** GitHub: the events of `on:` and the refs they run on, with the lines that say so. */
function githubTriggers(y: YamlFile, site: Site): { triggers: string[]; refs: string[]; sites: IdentitySite[] } {
  const on = getEntry(y, y.doc.contents, 'on') ?? getEntry(y, y.doc.contents, 'true');
  if (!on) return { triggers: [], refs: [], sites: [] };
  const named = scalarList(y, on.value);
  const events = named.length > 0 ? named.map((key) => ({ key, value: undefined as unknown, line: on.line })) : entries(y, on.value);
  const refs: string[] = [];
  const sites: IdentitySite[] = [site(y.path, on.line)];
  for (const e of events) {
    switch (e.key) {
      case 'push': {
        const tags = scalarList(y, get(y, e.value, 'tags'));
        const branches = scalarList(y, get(y, e.value, 'branches'));
        const filtered = tags.length > 0 || branches.length > 0 || get(y, e.value, 'tags-ignore') !== undefined || get(y, e.value, 'branches-ignore') !== undefined;
        for (const t of tags.filter((t) => !t.startsWith('!'))) refs.push(`refs/tags/${t}`);
        for (const b of branches.filter((b) => !b.startsWith('!'))) refs.push(`refs/heads/${b}`);
        if (get(y, e.value, 'tags-ignore') !== undefined) refs.push('refs/tags/**');
        if (get(y, e.value, 'branches-ignore') !== undefined) refs.push('refs/heads/**');
        if (!filtered) refs.push('refs/heads/**', 'refs/tags/**');
        for (const k of ['tags', 'branches']) {
          const at = getEntry(y, e.value, k);
          if (at) sites.push(site(y.path, at.line));
        }
        break;
      }
      case 'release':
      case 'create':
        refs.push('refs/tags/**');
        break;
      case 'workflow_dispatch':
        refs.push('refs/heads/**', 'refs/tags/**');
        break;
      case 'schedule':
      case 'workflow_run':
      case 'pull_request_target':
      case 'issue_comment':
        refs.push(DEFAULT_BRANCH);
        break;
      case 'pull_request':
        refs.push('refs/pull/*/merge');
        break;
      case 'merge_group':
        refs.push('refs/heads/gh-readonly-queue/**');
        break;
      default:
        break;
    }
  }
  return { triggers: events.map((e) => e.key), refs: [...new Set(refs)], sites };
}

/** GitLab: the refs a job runs on, from its `rules: - if:` or `only:`. */
function gitlabRefs(y: YamlFile, job: unknown): string[] {
  const refs = new Set<string>();
  const ANY = ['refs/heads/**', 'refs/tags/**'];
  for (const rule of items(y, get(y, job, 'rules'))) {
    if (str(y, rule, 'when') === 'never') continue;
    const cond = str(y, rule, 'if');
    // a rule whose condition is not one of the forms below (or has none) may run on any ref
    let known = false;
    if (cond !== undefined && /\$CI_COMMIT_TAG\b(?!\s*==\s*(null|""))/.test(cond) && !/!\s*\$CI_COMMIT_TAG/.test(cond)) {
      refs.add('refs/tags/**');
      known = true;
    }
    if (cond !== undefined && /\$CI_COMMIT_(BRANCH|REF_NAME)\s*==\s*\$CI_DEFAULT_BRANCH|\$CI_DEFAULT_BRANCH\s*==\s*\$CI_COMMIT_(BRANCH|REF_NAME)/.test(cond)) {
      refs.add(DEFAULT_BRANCH);
      known = true;
    }
    const named = cond === undefined ? null : /\$CI_COMMIT_(?:BRANCH|REF_NAME)\s*==\s*["']([^"']+)["']/.exec(cond);
    if (named) {
      refs.add(`refs/heads/${named[1]}`);
      known = true;
    }
    if (!known || /\|\|/.test(cond ?? '')) ANY.forEach((r) => refs.add(r));
  }
  for (const o of scalarList(y, get(y, job, 'only'))) {
    if (o === 'tags') refs.add('refs/tags/**');
    else if (o === 'branches') refs.add('refs/heads/**');
    else if (/^[\w./-]+$/.test(o)) refs.add(`refs/heads/${o}`);
  }
  if (refs.size === 0) return ['refs/heads/**', 'refs/tags/**'];
  return [...refs];
}

const TAGS_ONLY = /startsWith\(\s*github\.ref\s*,\s*['"]refs\/tags\/|github\.ref_type\s*==\s*['"]tag['"]/;

/** The `if:` of the job that signs, in the file that defines it (the last part of a reusable job's id). */
function jobCondition(ctx: Context, op: Op): string {
  if (!op.job) return '';
  const y = ctx.readYaml(op.job.file);
  const id = op.job.id.split('/').pop()!;
  return (y && str(y, get(y, get(y, y.doc.contents, 'jobs'), id), 'if')) ?? '';
}

const ONE_REF = /github\.ref\s*==\s*['"](refs\/[\w./-]+)['"]/;

/**
 * The refs the step and its job's conditions leave: `startsWith(github.ref, 'refs/tags/')` keeps the
 * tags; `github.ref == 'refs/heads/main'` keeps that ref alone (an `if:` narrows what the triggers
 * allow, so a certificate is only ever made there). Other conditions are not read.
 */
function narrowedRefs(op: Op, ctx: Context, refs: readonly string[]): string[] {
  const conditions = [op.step?.condition ?? '', jobCondition(ctx, op)];
  const exact = conditions.map((c) => (/\|\||!=/.test(c) ? undefined : ONE_REF.exec(c)?.[1])).find((r) => r !== undefined);
  if (exact) return [exact];
  return conditions.some((c) => TAGS_ONLY.test(c) && !/\|\|/.test(c)) ? refs.filter((r) => r.startsWith('refs/tags/')) : [...refs];
}

const REMOTE_WORKFLOW = /^([\w.-]+\/[\w.-]+\/\.github\/workflows\/[\w./-]+\.ya?ml)@(.+)$/;

/** The keyless signers among the operations, with their triggers (one per workflow file, tool and ref set). */
export function keylessSigners(ops: readonly Op[], ctx: Context, isTest: (op: Op) => boolean): RawSigner[] {
  const site: Site = (file, line) => ({ file, line, text: ctx.lineText(file, line) });
  const out = new Map<string, RawSigner>();
  for (const op of ops) {
    if (op.rec.kind !== 'sign' || !op.rec.keyless || !op.pipeline || isTest(op)) continue;
    const signer = signerOf(op, ctx, site);
    if (!signer) continue;
    const key = JSON.stringify([signer.ci, signer.tool, signer.workflow, signer.remoteWorkflow, signer.configPath, signer.serviceAccount, signer.refs]);
    const seen = out.get(key);
    if (seen) continue;
    out.set(key, signer);
  }
  return [...out.values()];
}

function signerOf(op: Op, ctx: Context, site: Site): RawSigner | undefined {
  const rec = op.rec as Extract<Op['rec'], { kind: 'sign' }>;
  const at = [op.at, ...op.via].map((s) => site(s.file, s.line));
  if (op.system === 'github-actions') {
    const y = ctx.readYaml(op.pipeline!);
    const t = y ? githubTriggers(y, site) : { triggers: [], refs: [], sites: [] };
    const refs = narrowedRefs(op, ctx, t.refs);
    const remote = REMOTE_WORKFLOW.exec(op.step?.uses ?? '');
    const idToken = op.idToken ? [site(op.idToken.file, op.idToken.line)] : [];
    return {
      ci: 'github-actions',
      tool: rec.tool,
      workflow: op.job?.file ?? op.pipeline!,
      remoteWorkflow: remote ? op.step!.uses : undefined,
      workflowName: y ? str(y, y.doc.contents, 'name') : undefined,
      triggers: t.triggers,
      refs: refs.length > 0 ? refs : t.refs,
      sites: [...at, ...t.sites, ...idToken],
    };
  }
  if (op.system === 'gitlab-ci') {
    const file = op.job?.file ?? op.pipeline!;
    const y = ctx.readYaml(file);
    const jobId = op.job?.id;
    const job = y && jobId ? get(y, y.doc.contents, jobId) : undefined;
    const rules = y && job !== undefined ? (getEntry(y, job, 'rules') ?? getEntry(y, job, 'only')) : undefined;
    // a job without rules of its own runs where the pipeline's `workflow: rules:` let pipelines run
    const top = ctx.readYaml(op.pipeline!);
    const workflow = top ? get(top, top.doc.contents, 'workflow') : undefined;
    const refs = y && job !== undefined && !rules && top && workflow !== undefined && get(top, workflow, 'rules') !== undefined
      ? gitlabRefs(top, workflow)
      : y && job !== undefined ? gitlabRefs(y, job) : ['refs/heads/**', 'refs/tags/**'];
    return {
      ci: 'gitlab-ci', tool: rec.tool, configPath: op.pipeline!, triggers: [],
      refs,
      sites: [...at, ...(rules ? [site(file, rules.line)] : [])],
    };
  }
  if (op.system === 'cloud-build') {
    const y = ctx.readYaml(op.pipeline!);
    const sa = y ? getEntry(y, y.doc.contents, 'serviceAccount') : undefined;
    const email = sa && y ? scalarString(y, sa.value)?.replace(/^projects\/[^/]+\/serviceAccounts\//, '') : undefined;
    return { ci: 'cloud-build', tool: rec.tool, serviceAccount: email, triggers: [], refs: [], sites: [...at, ...(sa ? [site(op.pipeline!, sa.line)] : [])] };
  }
  return { ci: op.system === 'buildkite' ? 'buildkite' : 'other', tool: rec.tool, triggers: [], refs: [], sites: at };
}

export { REMOTE_WORKFLOW };
