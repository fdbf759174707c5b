/**
 * Which files each collector reads, chosen in one pass by path and name only: nothing else is read,
 * which is what keeps a scan of 100,000 files close to ripgrep's time.
 */
import { isUserDocumentation } from './docs.js';
import type { RepoFile } from '../types.js';
import type { ParseContext, Pipeline } from '../ci/model.js';
import { isGitHubWorkflowPath, parseGitHubWorkflow } from '../ci/github.js';
import { parseGitLab } from '../ci/gitlab.js';
import { isGroovyPipelinePath, isJenkinsfilePath, parseGroovyPipeline, parseJenkinsfile } from '../ci/jenkins.js';
import { parseBitbucket, parseBuildkite, parseCloudBuild, parseCodeBuild, parseDrone, parseTravis } from '../ci/yaml-systems.js';
import { parseCircleCi } from '../ci/circleci.js';
import { parseAzure } from '../ci/azure.js';
import { GORELEASER_FILES } from '../sources/goreleaser.js';
import { isKeyCandidate, isTestPath } from '../sources/keys.js';

/** Documentation, templates and snippets for others are not this repository's release tooling. */
const NOT_TOOLING = /(^|\/)(docs?|templates?|snippets?)\//;

export const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

export interface PipelineSource {
  path: string;
  parse: (ctx: ParseContext, path: string) => Pipeline | undefined;
}

function pipelineSource(p: string): PipelineSource['parse'] | undefined {
  const b = base(p);
  if (isGitHubWorkflowPath(p)) return (c, f) => parseGitHubWorkflow(c, f);
  if (p === '.gitlab-ci.yml' || p === '.gitlab-ci.yaml') return parseGitLab;
  if (isJenkinsfilePath(p)) return parseJenkinsfile;
  if (isGroovyPipelinePath(p)) return parseGroovyPipeline;
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

/**
 * Whether the file at this repository-relative path is a CI pipeline by its path alone (a `*.groovy`
 * file is one only when it holds a pipeline, so not by path). The portfolio asks this to tell a
 * checkout without `.git` by its pipeline files.
 */
export function isPipelinePath(p: string): boolean {
  return pipelineSource(p) !== undefined && !isGroovyPipelinePath(p);
}

/** One pass over the file list: which files each collector will read (chosen by path and name only). */
export interface Candidates {
  pipelines: PipelineSource[];
  yaml: RepoFile[];        // searched for Tekton / policy markers
  scripts: string[];       // release tooling run by hand
  manifests: string[];     // package.json, pom.xml, build.gradle(.kts)
  keys: RepoFile[];        // key-like names
  macros: string[];        // .rpmmacros
  goreleaser: string[];
  docs: string[];          // the root README and docs/**/*.md: verification shown to users
}

/** Extensions and names worth a closer look; everything else (source code, assets) is skipped cheaply. */
const INTERESTING_EXT = new Set(['yml', 'yaml', 'sh', 'bash', 'json', 'xml', 'gradle', 'kts', 'jenkinsfile', 'groovy', 'key', 'pem', 'p8', 'asc', 'gpg', 'sec', 'priv', 'ppk', 'pk8', 'der', 'jwk', 'keystore', 'private']);
const INTERESTING_NAME = /^(Jenkinsfile|G?N?U?[Mm]akefile|id_|cosign|private|signing|secring)/;
const KEY_DIR_HINT = /(^|\/)(keys?|certs?|secrets?|private|\.ssh|gpg|pgp)\//i;

/**
 * Gradle convention plugins: the build logic of many projects lives in `buildSrc/` or an included
 * `build-logic/` build as precompiled script plugins (`publish-conventions.gradle.kts`), and that
 * is where `signing { useInMemoryPgpKeys(...) }` and `sign(publishing.publications)` are written.
 */
function isConventionPlugin(p: string): boolean {
  return /(^|\/)(buildSrc|build-logic)\/.*\.gradle(\.kts)?$/.test(p);
}

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

export function classify(files: readonly RepoFile[]): Candidates {
  const c: Candidates = { pipelines: [], yaml: [], scripts: [], manifests: [], keys: [], macros: [], goreleaser: [], docs: [] };
  for (const f of files) {
    const p = f.path;
    const b = base(p);
    if (isUserDocumentation(p)) c.docs.push(p);
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
    else if (b === 'package.json' || b === 'pom.xml' || /^build\.gradle(\.kts)?$/.test(b) || isConventionPlugin(p)) c.manifests.push(p);
    else if (/^\.?rpmmacros$/.test(b)) c.macros.push(p);
    if (isKeyCandidate(p, () => f.size)) c.keys.push(f);
  }
  return c;
}
