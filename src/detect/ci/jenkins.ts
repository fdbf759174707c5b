/**
 * Jenkinsfile, read line by line (Groovy is not parsed): `sh '…'`, `sh "…"`, `sh '''…'''`,
 * `sh """…"""`, `sh(script: '…')`, `bat`/`powershell`/`pwsh` the same way. `withCredentials` and
 * `credentials('…')` bindings are noted so a key variable can be told to come from a CI secret.
 * Each `stage('…')` becomes a job.
 */
import { limitWarning } from '../../i18n/limit-messages.js';
import type { CiJob, ParseContext, Pipeline } from './model.js';
import { emptyStep } from './model.js';
import { joinContinuations, type SourceLine } from '../shell.js';

export function isJenkinsfilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^Jenkinsfile([._-].*)?$/.test(base) || /\.jenkinsfile$/i.test(base);
}

/**
 * Pipelines kept as `*.groovy` files in a folder (`jenkins/release.groovy`, `.ci/sign.groovy`), as
 * many Jenkins setups load them with `load` or a job's "Script Path". A shared library's `vars/`,
 * `src/` and `resources/` hold steps and classes for other repositories' pipelines, not this one's.
 */
export function isGroovyPipelinePath(path: string): boolean {
  return /\.groovy$/.test(path) && !/(^|\/)(vars|src|resources)\//.test(path);
}

/**
 * A `*.groovy` file is a pipeline only when it holds one: a declarative `pipeline {` or a scripted `node {`.
 * Every `*.groovy` file outside a library folder is searched for that marker (a Grails or Gradle
 * project has many): the text is kept only for a pipeline.
 */
export function parseGroovyPipeline(ctx: ParseContext, path: string): Pipeline | undefined {
  const text = ctx.peekText(path);
  if (text === undefined || !/^\s*(pipeline\s*\{|node\s*(\(|\{))/m.test(text)) return undefined;
  return parseJenkinsfile(ctx, path);
}

const STEP = /\b(sh|bat|powershell|pwsh)\s*(\(\s*(?:script\s*:\s*)?)?(?:(''')|(""")|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/;

export function parseJenkinsfile(ctx: ParseContext, path: string): Pipeline | undefined {
  const text = ctx.readText(path);
  if (text === undefined) return undefined;
  const lines = text.split(/\r?\n/);
  const jobs: CiJob[] = [];
  let job: CiJob = { id: '(pipeline)', file: path, line: 1, steps: [], env: {}, secretVariables: [] };
  jobs.push(job);
  const secrets = new Set<string>();
  const bindings: Record<string, { file: string; line: number }> = {};
  let withCredentialsLine: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
    const lib = /^\s*@Library\s*\(\s*\[?\s*['"]([^'"]+)['"]/.exec(raw) ?? /^\s*library\s*\(?\s*['"]([^'"]+)['"]/.exec(raw);
    if (lib) ctx.warn(limitWarning('jenkins-library', path, { at: `${path}:${i + 1}`, library: lib[1]! }));
    const stage = /\bstage\s*\(\s*['"]([^'"]+)['"]/.exec(raw);
    if (stage) {
      job = { id: stage[1]!, file: path, line: i + 1, steps: [], env: {}, secretVariables: [] };
      jobs.push(job);
    }
    if (/\bwithCredentials\s*\(/.test(raw)) withCredentialsLine = i + 1;
    const bind = (name: string): void => {
      secrets.add(name);
      bindings[name] ??= { file: path, line: withCredentialsLine ?? i + 1 };
    };
    for (const m of raw.matchAll(/\bvariable\s*:\s*['"]([A-Za-z_]\w*)['"]/g)) if (/credentials|withCredentials|file\(|string\(|sshUserPrivateKey|certificate\(/.test(text)) bind(m[1]!);
    for (const m of raw.matchAll(/\b(keyFileVariable|passphraseVariable|usernameVariable|passwordVariable)\s*:\s*['"]([A-Za-z_]\w*)['"]/g)) bind(m[2]!);
    const cred = /^\s*([A-Za-z_]\w*)\s*=\s*credentials\s*\(/.exec(raw);
    if (cred) {
      withCredentialsLine = undefined;
      bind(cred[1]!);
    }
    const m = STEP.exec(raw);
    if (!m) continue;
    const step = emptyStep(path, i + 1);
    step.name = m[1];
    const body: SourceLine[] = [];
    if (m[3] || m[4]) {
      const quote = m[3] ?? m[4]!;
      const after = raw.slice((m.index ?? 0) + m[0].length);
      const close = after.indexOf(quote);
      if (close >= 0) body.push({ text: after.slice(0, close), line: i + 1 });
      else {
        if (after.trim()) body.push({ text: after, line: i + 1 });
        let j = i + 1;
        for (; j < lines.length; j++) {
          const l = lines[j]!;
          const c = l.indexOf(quote);
          if (c >= 0) {
            if (l.slice(0, c).trim()) body.push({ text: l.slice(0, c).trim(), line: j + 1 });
            break;
          }
          body.push({ text: l.trim(), line: j + 1 });
        }
        i = j;
      }
    } else {
      body.push({ text: (m[5] ?? m[6] ?? '').replace(/\\(['"\\])/g, '$1'), line: i + 1 });
    }
    step.run = joinContinuations(body).filter((l) => l.text !== '');
    job.steps.push(step);
  }
  for (const j of jobs) {
    j.secretVariables = [...secrets];
    j.secretBindings = bindings;
  }
  return { system: 'jenkins', file: path, jobs: jobs.filter((j) => j.steps.length > 0 || j.id !== '(pipeline)'), env: {} };
}
