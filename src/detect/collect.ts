/**
 * Collect (Scorecard's `checks/raw`): choose candidate files by path and name, parse CI pipelines
 * into the normalised model, follow what CI steps call inside the repository, read release and
 * build configuration, policies and key files, and hand detectors one `RawRepo`.
 *
 * Performance: only files chosen by path are read (CI files, manifests, key-like files, and YAML
 * files whose text carries a Tekton or policy marker), plus files referenced from CI steps.
 * Dockerfiles are deliberately not read: a `gpg --verify` there checks a downloaded tool, which is
 * neither signing of this repository's deliverables nor verification of them.
 */
import { limitWarning } from '../i18n/limit-messages.js';
import type { RepoFile, RepoReader, ScanWarning } from './types.js';
import { isThrowawayRegistry, recogniseLine } from './commands.js';
import { recogniseUses } from './actions.js';
import type { CiJob, CiStep, Loc, ParseContext, Pipeline } from './ci/model.js';
import { normalisePath } from './ci/model.js';
import { parseYamlSafe } from './yaml-safe.js';
import type { YamlFile } from './ci/yaml-nodes.js';
import { isGitHubWorkflowPath, parseGitHubWorkflow, runsOnlyWithinCallers } from './ci/github.js';
import { parseGitLab } from './ci/gitlab.js';
import { isJenkinsfilePath, parseJenkinsfile } from './ci/jenkins.js';
import { parseAzure, parseBitbucket, parseBuildkite, parseCircleCi, parseCloudBuild, parseCodeBuild, parseDrone, parseTravis } from './ci/yaml-systems.js';
import { mayBeTekton, parseChainsConfig, parseTekton } from './ci/tekton.js';
import { CallResolver } from './follow.js';
import { GORELEASER_FILES, parseGoreleaser, type GoreleaserConfig } from './sources/goreleaser.js';
import { parseGradle, parsePackageJson, parsePom } from './sources/manifests.js';
import { findPrivateKeys, isKeyCandidate, isTestKey, isTestPath } from './sources/keys.js';
import { isTemplated, mayBePolicy, parsePolicies, policiesInTemplate } from './sources/policies.js';
import type { FoundKey, Op, Operation, RawRepo, Site } from './ops.js';
import { commandName, type SourceLine } from './shell.js';

const MAX_FOLLOW_DEPTH = 6;
const MAX_MARKER_YAML = 512 * 1024;
const NOT_TOOLING = /(^|\/)(docs?|templates?|snippets?)\//;

class Context implements ParseContext {
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

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

interface PipelineSource {
  path: string;
  parse: (ctx: ParseContext, path: string) => Pipeline | undefined;
}

function pipelineSource(p: string): PipelineSource['parse'] | undefined {
  const b = base(p);
  if (isGitHubWorkflowPath(p)) return (c, f) => parseGitHubWorkflow(c, f);
  if (p === '.gitlab-ci.yml' || p === '.gitlab-ci.yaml') return parseGitLab;
  if (isJenkinsfilePath(p)) return parseJenkinsfile;
  if (/^\.circleci\/config\.ya?ml$/.test(p)) return parseCircleCi;
  if (/^azure-pipelines[^/]*\.ya?ml$/.test(p) || /^\.azure-pipelines\/[^/]+\.ya?ml$/.test(p)) return parseAzure;
  if (p === 'bitbucket-pipelines.yml' || p === 'bitbucket-pipelines.yaml') return parseBitbucket;
  if (/^\.buildkite\/pipeline[^/]*\.ya?ml$/.test(p)) return parseBuildkite;
  if (p === '.travis.yml' || p === '.travis.yaml') return parseTravis;
  if (p === '.drone.yml' || p === '.drone.yaml') return parseDrone;
  if (/^cloudbuild[^/]*\.ya?ml$/.test(b)) return parseCloudBuild;
  if (/^buildspec[^/]*\.ya?ml$/.test(b)) return parseCodeBuild;
  return undefined;
}

/** One pass over the file list: which files each collector will read (chosen by path and name only). */
interface Candidates {
  pipelines: PipelineSource[];
  yaml: RepoFile[];        // searched for Tekton / policy markers
  scripts: string[];       // release tooling run by hand
  manifests: string[];     // package.json, pom.xml, build.gradle(.kts)
  keys: RepoFile[];        // key-like names
  macros: string[];        // .rpmmacros
  goreleaser: string[];
}

/** Extensions and names worth a closer look; everything else (source code, assets) is skipped cheaply. */
const INTERESTING_EXT = new Set(['yml', 'yaml', 'sh', 'bash', 'json', 'xml', 'gradle', 'kts', 'jenkinsfile', 'key', 'pem', 'p8', 'asc', 'gpg', 'sec', 'priv', 'ppk', 'pk8', 'der', 'jwk', 'keystore', 'private']);
const INTERESTING_NAME = /^(Jenkinsfile|G?N?U?[Mm]akefile|id_|cosign|private|signing|secring)/;
const KEY_DIR_HINT = /(^|\/)(keys?|certs?|secrets?|private|\.ssh|gpg|pgp)\//i;

/** By path alone: could a collector read this file? (Everything else is skipped cheaply.) */
function isInteresting(p: string): boolean {
  const b = base(p);
  const dot = b.lastIndexOf('.');
  const ext = dot >= 0 ? b.slice(dot + 1).toLowerCase() : '';
  return INTERESTING_EXT.has(ext) || b.charCodeAt(0) === 46 || INTERESTING_NAME.test(b) || KEY_DIR_HINT.test(p);
}

/**
 * A reader warning about this file changes nothing in the result: the scan would never read it (a
 * broken symlink among packaging files), or reads it only to list test material (a binary keyring
 * under testdata/). A link leaving the root is always reported.
 */
export function isIncidental(path: string): boolean {
  return isTestPath(path) || !isInteresting(path);
}

function classify(files: readonly RepoFile[]): Candidates {
  const c: Candidates = { pipelines: [], yaml: [], scripts: [], manifests: [], keys: [], macros: [], goreleaser: [] };
  for (const f of files) {
    const p = f.path;
    const b = base(p);
    if (!isInteresting(p)) continue;
    const parse = pipelineSource(p);
    // a fixture's Jenkinsfile is not this repository's pipeline; nor are its manifests, policies or scripts
    const test = isTestPath(p);
    if (parse) {
      if (!(test && !p.startsWith('.'))) c.pipelines.push({ path: p, parse });
    } else if (/\.ya?ml$/i.test(b) && !test && !/(^|\/)snippets?\//.test(p) && !p.startsWith('.github/workflows/')) {
      if (GORELEASER_FILES.includes(b)) c.goreleaser.push(p);
      else c.yaml.push(f);
    }
    if (test) {
      if (isKeyCandidate(p, () => f.size)) c.keys.push(f);
      continue;
    }
    if (/\.(sh|bash)$/.test(b) && !NOT_TOOLING.test(p)) c.scripts.push(p);
    else if (p === 'Makefile' || p === 'makefile' || p === 'GNUmakefile') c.scripts.push(p);
    else if (b === 'package.json' || b === 'pom.xml' || /^build\.gradle(\.kts)?$/.test(b)) c.manifests.push(p);
    else if (/^\.?rpmmacros$/.test(b)) c.macros.push(p);
    if (isKeyCandidate(p, () => f.size)) c.keys.push(f);
  }
  return c;
}

type EnvMap = Op['env'];

function mergeEnv(pipeline: Pipeline, job: CiJob, step: CiStep): EnvMap {
  const env: EnvMap = {};
  for (const [k, v] of Object.entries(pipeline.env)) env[k] = { ...v, file: pipeline.file };
  for (const [k, v] of Object.entries(job.env)) env[k] = { ...v, file: job.file };
  for (const [k, v] of Object.entries(step.env)) env[k] = { ...v, file: step.file };
  return env;
}

export function collect(reader: RepoReader): RawRepo {
  const files = reader.files();
  const ctx = new Context(reader, files);
  const site = (file: string, line: number): Site => ({ file, line, text: ctx.lineText(file, line) });
  const ops: Op[] = [];
  const seenOps = new Set<string>();
  const addOp = (op: Op): void => {
    const key = [op.pipeline ?? '', op.at.file, op.at.line, op.rec.kind, JSON.stringify(op.rec), op.via.map((v) => `${v.file}:${v.line}`).join('>')].join('|');
    if (seenOps.has(key)) return;
    seenOps.add(key);
    ops.push(op);
  };

  // ---- CI pipelines ----
  const pipelines: Pipeline[] = [];
  const claimed = new Set<string>();
  const candidates = classify(files);
  for (const src of candidates.pipelines) {
    const p = src.parse(ctx, src.path);
    if (p) pipelines.push(p);
    claimed.add(src.path);
  }
  // a reusable workflow called here runs inside its callers' pipelines, with their inputs
  for (let i = pipelines.length - 1; i >= 0; i--) if (runsOnlyWithinCallers(ctx, pipelines[i]!.file)) pipelines.splice(i, 1);
  // YAML anywhere: Tekton resources and verification policies, recognised by a marker in the text.
  const policySites: Array<{ op: Operation; at: Site }> = [];
  const chains: Array<{ file: string; signing: ReturnType<typeof parseChainsConfig>[number] }> = [];
  for (const f of candidates.yaml) {
    if (claimed.has(f.path) || f.size > MAX_MARKER_YAML) continue;
    const text = ctx.peekText(f.path);
    if (text === undefined) continue;
    const tekton = mayBeTekton(text);
    const policy = mayBePolicy(text, f.path);
    if (!tekton && !policy) continue;
    // a Helm chart template is Go-template text, not YAML: searched by line, never parsed (no warnings)
    if (isTemplated(text) || isChartTemplate(ctx, f.path)) {
      if (policy) for (const pol of policiesInTemplate(text)) policySites.push({ op: pol.rec, at: site(f.path, pol.line) });
      continue;
    }
    if (tekton) {
      const p = parseTekton(ctx, f.path);
      if (p) pipelines.push(p);
      for (const signing of parseChainsConfig(ctx, f.path)) chains.push({ file: f.path, signing });
    }
    if (policy) {
      for (const pol of parsePolicies(ctx, f.path)) policySites.push({ op: pol.rec, at: site(f.path, pol.line) });
    }
  }

  // The same lines come back many times (a composite action used by every job): recognise each text once.
  const recognisedTexts = new Map<string, ReturnType<typeof recogniseLine>>();
  const recognised = (text: string): ReturnType<typeof recogniseLine> => {
    let r = recognisedTexts.get(text);
    if (!r) {
      if (recognisedTexts.size > 50_000) recognisedTexts.clear();
      recognisedTexts.set(text, (r = recogniseLine(text)));
    }
    return r;
  };

  // ---- walk pipelines, following calls ----
  const resolver = new CallResolver(ctx);
  const goreleaserRuns: Op[] = [];
  const walked = new Set<string>();
  type Common = Pick<Op, 'pipeline' | 'system' | 'job' | 'step' | 'env' | 'idToken'>;
  /** `base`: a path in the directory the commands run in (the step's working directory), for resolving calls. */
  const walk = (common: Common, lines: readonly SourceLine[], file: string, via: Site[], depth: number, visited: Set<string>, topOrigin: Op['origin'], base?: string): void => {
    for (const l of lines) {
      walked.add(`${file}:${l.line}`);
      for (const rc of recognised(l.text)) {
        const at = site(file, commandLine(ctx, file, l.line, rc.words));
        if (rc.rec.kind === 'call') {
          if (depth >= MAX_FOLLOW_DEPTH) continue;
          for (const called of resolver.resolve(rc.rec.call, base ?? file)) {
            const key = `${called.file}:${called.lines[0]?.line ?? 0}`;
            if (visited.has(key)) continue;
            walk(common, called.lines, called.file, [...via, at], depth + 1, new Set([...visited, key]), topOrigin);
          }
          continue;
        }
        const op: Op = { ...common, rec: rc.rec, at, via, origin: depth === 0 ? topOrigin : 'script', siblings: { file, lines } };
        addOp(op);
        if (rc.rec.kind === 'publish' && rc.rec.tool === 'goreleaser') goreleaserRuns.push(op);
      }
    }
  };
  for (const pipeline of pipelines) {
    for (const job of pipeline.jobs) {
      for (const step of job.steps) {
        const env = mergeEnv(pipeline, job, step);
        const idToken: Loc | undefined = job.idToken ?? pipeline.idToken;
        const stepVia: Site[] = step.via ? [site(step.via.file, step.via.line)] : [];
        const common = { pipeline: pipeline.file, system: pipeline.system, job, step, env, idToken };
        if (step.uses) {
          for (const rec of recogniseUses(step)) {
            // a key imported through an action input: point at the input (gpg-private-key: ${{ secrets.X }})
            const input = rec.kind === 'key-import' ? Object.entries(step.with).find(([k]) => /gpg[-_]private[-_]key/.test(k))?.[1] : undefined;
            const op: Op = { ...common, rec, at: site(step.file, input?.line ?? step.usesLine ?? step.line), via: stepVia, origin: 'ci' };
            addOp(op);
            if (rec.kind === 'publish' && rec.tool === 'goreleaser') goreleaserRuns.push(op);
          }
        }
        walk(common, step.run, step.file, stepVia, 0, new Set(), 'ci', step.workdir ? `${step.workdir}/.` : undefined);
      }
    }
  }

  // ---- release tooling outside CI: shell scripts and the root Makefile run from a laptop ----
  // Each is its own local "pipeline" (no CI system), so a push and a sign in one script match.
  // (documentation, templates and snippets for others are not this repository's release tooling)
  for (const path of candidates.scripts) {
    const isMakefile = !/\.(sh|bash)$/.test(path);
    const called = isMakefile ? resolver.resolve({ type: 'make', targets: resolver.makeTargets(path) }, path) : resolver.resolve({ type: 'script', path }, '');
    for (const c of called) {
      const fresh = c.lines.filter((l) => !walked.has(`${c.file}:${l.line}`));
      if (fresh.length === 0) continue;
      walk({ pipeline: `local:${path}`, env: {} }, fresh, c.file, [], 0, new Set([`${c.file}:${c.lines[0]?.line ?? 0}`]), 'script');
    }
  }

  // ---- a throwaway registry (an e2e test's local or ttl.sh registry): pushing there publishes
  // nothing, and signing or verifying an image there is a test of signing, not of a deliverable ----
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    const rec = op.rec;
    const image = rec.kind === 'publish' ? rec.artifactKind === 'container-image' : rec.kind === 'sign' ? rec.artifact === 'container-image' : rec.kind === 'verify';
    if (!image || (rec.kind !== 'publish' && rec.kind !== 'sign' && rec.kind !== 'verify') || rec.subject === undefined) continue;
    const dest = resolveVariable(op, rec.subject);
    op.image = dest;
    if (!isThrowawayRegistry(dest)) continue;
    if (op.rec.kind === 'publish') ops.splice(i, 1);
    else op.throwaway = dest;
  }

  // ---- Tekton Chains: signing by the in-cluster controller, for the Tekton pipelines ----
  for (const c of chains) {
    const keylessAt = c.signing.keylessAt;
    addOp({ rec: c.signing.rec, at: site(c.file, c.signing.line), via: [], env: {}, origin: 'config', system: 'tekton', idToken: keylessAt });
  }

  // ---- settings that sign implicitly: NPM_CONFIG_PROVENANCE / DOCKER_CONTENT_TRUST in the environment ----
  const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true)$/i.test(v.trim());
  for (const op of [...ops]) {
    if (op.rec.kind !== 'publish') continue;
    const exported = (name: string): Op | undefined => ops.find((o) => o.rec.kind === 'setting' && o.rec.name === name && o.pipeline === op.pipeline);
    if (op.rec.artifact === 'npm package') {
      const env = op.env['NPM_CONFIG_PROVENANCE'] ?? op.env['npm_config_provenance'];
      const setting = exported('npm-provenance');
      if (truthy(env?.value) || setting) {
        const configSites = env ? [site(env.file, env.line)] : [setting!.at];
        addOp({ ...op, rec: { kind: 'sign', tool: 'npm-provenance', artifact: 'package', keyless: true, attestation: 'provenance' }, configSites });
      }
    }
    if (op.rec.artifactKind === 'container-image' && op.rec.tool === 'docker') {
      const env = op.env['DOCKER_CONTENT_TRUST'];
      const setting = exported('docker-content-trust');
      const signedAlready = ops.some((o) => o.rec.kind === 'sign' && o.rec.tool === 'docker-content-trust' && o.at.file === op.at.file && o.at.line === op.at.line);
      if ((truthy(env?.value) || setting) && !signedAlready) {
        addOp({ ...op, rec: { kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject: op.rec.subject }, configSites: env ? [site(env.file, env.line)] : [] });
      }
    }
  }

  // ---- settings that sign implicitly: Docker Content Trust ----
  for (const op of ops) {
    if (op.rec.kind !== 'sign' || op.rec.tool !== 'docker-content-trust') continue;
    const settings = ops.filter((o) => o.rec.kind === 'setting' && o.rec.name === 'docker-content-trust' && o.pipeline === op.pipeline);
    if (settings.length) op.configSites = [...(op.configSites ?? []), ...settings.map((s) => s.at)];
  }

  // ---- goreleaser: its signing belongs to the pipeline that runs it ----
  const goreleaserPath = GORELEASER_FILES.find((f) => ctx.exists(f)) ?? candidates.goreleaser[0];
  const goreleaser: GoreleaserConfig | undefined = goreleaserPath ? parseGoreleaser(ctx, goreleaserPath) : undefined;
  if (goreleaser) {
    const contexts: Array<Partial<Op> & { via: Site[] }> = goreleaserRuns.length
      ? goreleaserRuns.map((r) => ({ pipeline: r.pipeline, system: r.system, job: r.job, step: r.step, env: r.env, idToken: r.idToken, via: [...r.via, r.at] }))
      : [{ via: [] }];
    for (const c of contexts) {
      for (const s of goreleaser.signs) {
        addOp({ pipeline: c.pipeline, system: c.system, job: c.job, step: c.step, env: c.env ?? {}, idToken: c.idToken, rec: s.rec, at: site(goreleaser.file, s.line), via: c.via, origin: 'config', extraTools: ['goreleaser'] });
      }
    }
    for (const run of goreleaserRuns) {
      if (goreleaser.publishesImages) {
        addOp({ ...run, rec: { kind: 'publish', tool: 'goreleaser', artifact: 'container images (goreleaser)', artifactKind: 'container-image' }, configSites: goreleaser.imagesLine ? [site(goreleaser.file, goreleaser.imagesLine)] : undefined });
      }
    }
  }

  // ---- manifests and build files ----
  for (const path of candidates.manifests) {
    const f = { path };
    const b = base(path);
    if (b === 'package.json') {
      const text = ctx.readText(f.path);
      const pkg = text === undefined ? undefined : parsePackageJson(text);
      if (!pkg) continue;
      if (pkg.provenanceLine !== undefined) {
        addOp({ rec: { kind: 'sign', tool: 'npm-provenance', artifact: 'package', keyless: true, attestation: 'provenance' }, at: site(f.path, pkg.provenanceLine), via: [], env: {}, origin: 'config' });
      }
      for (const s of Object.values(pkg.scripts)) {
        for (const rc of recogniseLine(s.command)) {
          if (rc.rec.kind === 'sign') addOp({ rec: rc.rec, at: site(f.path, s.line), via: [], env: {}, origin: 'config' });
        }
      }
    } else if (b === 'pom.xml' || /^build\.gradle(\.kts)?$/.test(b)) {
      const text = ctx.readText(f.path);
      if (text === undefined) continue;
      for (const cf of b === 'pom.xml' ? parsePom(text) : parseGradle(text)) {
        addOp({ rec: cf.rec, at: site(f.path, cf.line), via: [], env: {}, origin: 'config', configSites: cf.custodyLine ? [site(f.path, cf.custodyLine)] : undefined, custodyHint: cf.custodyHint });
      }
    }
  }

  // rpmsign reads the key name from ~/.rpmmacros: a committed macros file shows the configuration.
  for (const m of candidates.macros.map((path) => ({ path }))) {
    const lines = (ctx.readText(m.path) ?? '').split(/\r?\n/);
    const i = lines.findIndex((l) => /^%_gpg_name\b/.test(l.trim()));
    if (i < 0) continue;
    for (const op of ops) if (op.rec.kind === 'sign' && op.rec.tool === 'rpm-sign') op.configSites = [...(op.configSites ?? []), site(m.path, i + 1)];
  }

  for (const p of policySites) addOp({ rec: p.op, at: p.at, via: [], env: {}, origin: 'policy' });

  // ---- committed private keys ----
  const keys: FoundKey[] = [];
  for (const f of candidates.keys) {
    const text = ctx.readText(f.path);
    if (text === undefined) continue;
    for (const k of findPrivateKeys(text)) keys.push({ path: f.path, kind: k.kind, line: k.line, test: isTestKey(f.path) });
  }

  markTestKeySigning(ops, keys, ctx);
  return { pipelines, ops, keys, warnings: ctx.warnings, lineText: (file, line) => ctx.lineText(file, line) };
}

/** `charts/x/templates/…` beside `charts/x/Chart.yaml`: rendered by Helm, not YAML as committed. */
function isChartTemplate(ctx: ParseContext, path: string): boolean {
  const i = path.lastIndexOf('/templates/');
  return i >= 0 && ctx.exists(`${path.slice(0, i)}/Chart.yaml`);
}

/**
 * A `$VAR` / `${VAR}` at the start of a word, as far as the file shows: the last `VAR=…` before the
 * operation in its script or in an earlier step of its job (`echo "VAR=…" >> $GITHUB_ENV` too),
 * else the pipeline's environment. Anything else is kept.
 */
function resolveVariable(op: Op, word: string): string {
  const lines = new Map<number, string>();
  for (const l of op.siblings?.lines ?? []) lines.set(l.line, l.text);
  for (const step of op.job?.steps ?? []) if (step.file === op.at.file) for (const l of step.run) lines.set(l.line, l.text);
  const ordered = [...lines].sort((x, y) => x[0] - y[0]);
  const resolve = (w: string, before: number, depth: number): string => {
    const m = /^\$\{?([A-Za-z_]\w*)\}?(.*)$/.exec(w);
    if (!m || depth > 3) return w;
    const [, name, rest] = m;
    const assign = new RegExp(`^(?:export\\s+|echo\\s+["']?)?${name}=(.*)$`);
    let value: string | undefined;
    let at = before;
    for (const [line, text] of ordered) {
      if (line >= before) break;
      const a = assign.exec(text.trim());
      if (!a) continue;
      at = line;
      // IMG=$(ko build …): ko prints the image it pushed under $KO_DOCKER_REPO
      value = /^["']?\$\(\s*ko\s/.test(a[1]!) ? '$KO_DOCKER_REPO' : a[1]!.split(/\s/)[0]!.replace(/^["']|["']$/g, '');
    }
    const resolved = value ?? op.env[name!]?.value;
    return resolved === undefined ? w : resolve(resolved, at, depth + 1) + rest;
  };
  return resolve(word, op.at.line, 0);
}

/**
 * Signing whose `--key` is a test key (a committed key under a test folder or named as test material,
 * cosign's `cosign-test.key` signing CI images) is marked: it neither counts as signing nor tells key
 * custody, and one limit says so, since the signatures exist but anyone could have made them.
 */
function markTestKeySigning(ops: Op[], keys: readonly FoundKey[], ctx: Context): void {
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
}

const MAX_CONTINUED = 30;

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
