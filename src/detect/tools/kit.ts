/**
 * What every tool descriptor is built from: the records a recogniser returns (`Recognised`), key
 * references, the argument helper, and the descriptor type itself. Descriptors live one per tool or
 * family beside this file; `index.ts` registers them and derives the tables the scanner reads.
 */
import type { CiStep } from '../ci/model.js';
import type { SimpleCommand } from '../shell.js';
import type { ArtifactKind, AttestationKind, CiSystem, KmsProvider, SigningTool } from '../types.js';
import type { Signer } from './index.js';

/** Where a signing key comes from, as far as the command line tells. */
export type KeyRef =
  | { type: 'env'; name: string }                          // cosign env://NAME
  | { type: 'variable'; name: string }                     // --key "$COSIGN_KEY"
  | { type: 'file'; path: string }                         // --key cosign.key
  | { type: 'kms'; provider: KmsProvider; uri: string }    // awskms://, gcpkms://, azurekms://
  | { type: 'vault'; uri: string }                         // hashivault://
  | { type: 'hsm'; uri: string }                           // pkcs11:, --sk
  | { type: 'k8s'; uri: string }                           // k8s://ns/secret
  | { type: 'plugin'; plugin: string; id?: string }        // notation --plugin azure-kv
  | { type: 'named'; name: string };                       // notation --key NAME, gpg --local-user

export type Recognised =
  | {
      kind: 'sign';
      /**
       * A registered signer: a tool of the vocabulary, or one outside it that sets no `tools` fact
       * (Tekton Chains, osslsigncode, rcodesign): see `fact` in the descriptor.
       */
      tool: Signer;
      artifact: ArtifactKind;
      keyless: boolean;
      key?: KeyRef;
      /** Set for attestations (cosign attest, provenance, in-toto): what is attested. */
      attestation?: AttestationKind;
      subject?: string;
      /**
       * The job whose outputs name what is signed (the SLSA generator's `base64-subjects:
       * ${{ needs.build.outputs.hashes }}`): only what that job publishes is covered.
       */
      subjectJob?: string;
      /**
       * An option whose value is an environment variable the line does not show (`/dlib $Env:DLIB`):
       * the descriptor's `resolveEnv` reads it from the step's environment (collect/enrich.ts).
       */
      envOption?: { option: string; variable: string };
    }
  /** `options`: the identity options as written (`--certificate-identity`, `--repo`, …), for identity/cli-expectations.ts. */
  | { kind: 'verify'; tool: string; subject?: string; options?: Readonly<Record<string, string>> }
  | { kind: 'publish'; tool: string; artifact: string; artifactKind: ArtifactKind; subject?: string; unsignedReason?: string }
  /** gpg --import of a private key; `fromSecret` when the key comes from a CI secret. */
  | { kind: 'key-import'; tool: string; fromSecret: boolean; path?: string }
  /** An environment setting that changes signing: DOCKER_CONTENT_TRUST=1, NPM_CONFIG_PROVENANCE=true. */
  | { kind: 'setting'; name: Extract<SigningTool, 'docker-content-trust' | 'npm-provenance'>; scope: 'command' | 'export' }
  /** notation key add --plugin …: configures a named key. */
  | { kind: 'key-config'; tool: string; name?: string; key: KeyRef }
  /** Calls into the repository: make targets, scripts, npm scripts. */
  | { kind: 'call'; call: Call };

export type Call =
  | { type: 'make'; targets: string[]; file?: string; dir?: string }
  | { type: 'script'; path: string }
  | { type: 'npm-run'; script: string }
  /** `ant [-f build.xml] targets`: the targets' `<exec>`s (follow-build.ts). */
  | { type: 'ant'; targets: string[]; file?: string }
  /** `mvn [-P profiles] goals`: exec-maven-plugin executions the goals reach (follow-build.ts). */
  | { type: 'maven'; goals: string[]; profiles: string[]; file?: string };

export interface RecognisedCommand {
  rec: Recognised;
  /** The simple command's words, for excerpts and tests. */
  words: string[];
}

/** Recognising nested text (`bash -c '…'`, `xargs cmd`, an action's `args:`), handed to recognisers. */
export interface Recurse {
  line(text: string, depth?: number): RecognisedCommand[];
  command(cmd: SimpleCommand, line: string, depth: number): Recognised[];
}

export type Handler = (words: string[], cmd: SimpleCommand, line: string, depth: number, recurse: Recurse) => Recognised[];
export type Inputs = Record<string, string>;
export type ActionHandler = (inputs: Inputs, step: CiStep, recurse: Recurse) => Recognised[];

/** A CI step recognised by reference: a GitHub action (`owner/repo[/path]`), `task:Name`, `pipe:owner/name`. */
export interface ActionEntry {
  /** Lower-case reference without version; a longer prefix wins over a shorter one. */
  prefix: string;
  run?: ActionHandler;
  /**
   * The step sets up throwaway signing infrastructure (sigstore/scaffolding: a kind cluster with its
   * own registry, Fulcio and Rekor): what its job signs, verifies or pushes is an end-to-end test,
   * and the step itself is no signing tool (`signingToolsArePinned` leaves it out).
   */
  testStack?: true;
}

/**
 * How a tool counts in the facts: `vocabulary` tools are values of the `tools` fact (DESIGN section 4);
 * `signer` tools sign but are outside the vocabulary (naming osslsigncode `signtool` would claim a
 * tool the project does not use); `other` tools publish, verify or call into the repository.
 */
export type ToolFact = 'vocabulary' | 'signer' | 'other';

/**
 * Coverage hint (coverage.ts): which published artifacts a signature of this tool counts for, beyond
 * the rules by artifact kind (an image signature for a pushed image, a blob or checksum signature for
 * release files).
 */
export interface Covers {
  /**
   * Published artifacts by the name their publishing record gives (`npm package`, `Maven artifacts`,
   * `Helm chart`), or by kind (`container-image`). Matched in the same pipeline, a signature at the
   * publishing line first.
   */
  artifacts: readonly string[];
  /** Only the tool's signatures of these kinds count (goreleaser's blob and checksum signing, not its images). */
  kinds?: readonly ArtifactKind[];
  /** A weaker match, taken only when no other tool signs the artifact: gpg run beside a Maven deploy. */
  fallback?: true;
  /** Environment variables that, truthy in the publishing step's environment, sign it (NPM_CONFIG_PROVENANCE=true). */
  env?: readonly string[];
  /**
   * Configured in a build or release file (pom.xml, package.json, .goreleaser.yaml): a configuration
   * no pipeline runs still signs what is published (as a last resort), and when nothing publishes
   * `artifacts[0]` a limit says so, naming this kind.
   */
  configured?: ArtifactKind;
  /** Signs what any pipeline of this CI system publishes (Tekton Chains watches every TaskRun). */
  system?: CiSystem;
}

/** Everything sigmature knows about one tool, in one place. */
export interface ToolDescriptor<Id extends string = string, Fact extends ToolFact = ToolFact> {
  id: Id;
  fact: Fact;
  /** Command words (basename, `.exe` dropped) → recogniser of one simple command. */
  commands?: Readonly<Record<string, Handler>>;
  /** CI steps by reference; the descriptor's id is the tool they concern for the pinning check. */
  actions?: readonly ActionEntry[];
  /** Action name prefixes whose version matters for signing (`signingToolsArePinned`). */
  pinPrefixes?: readonly string[];
  /** Variable-name parts that stand for the tool: `$(COSIGN)`, `${GPG_BIN}`. */
  variables?: readonly string[];
  /** Custody hint: the key every signature of this tool uses (a cloud signing service). */
  key?: KeyRef;
  /**
   * A `sign` record with an `envOption`, given the variable's value from the signing step's
   * environment (its `env:`, its job's and pipeline's): the record it stands for, if another.
   */
  resolveEnv?: (rec: Extract<Recognised, { kind: 'sign' }>, value: string) => Recognised | undefined;
  /** Coverage hint: the tool's signature is a package registry's own provenance (npm, PyPI). */
  packageProvenance?: boolean;
  /** Coverage hint: the published artifacts its signature counts for (see `Covers`). */
  covers?: Covers;
  /** The fixture repository (test/fixtures/repos/<name>) that shows the tool. */
  fixture?: string;
}

export const CHECKSUM = /(checksum|sha\d*sums?|\.sha\d+|sums\.txt|SHASUMS|digests?\.txt)/i;
export const SECRETISH = /(secrets?\.|\$\{?\{?\s*secrets\.|\$\{?[A-Z0-9_]{0,64}?(KEY|GPG|PGP|SIGN|SECRET|PRIVATE|PASSPHRASE|CERT|P12|PFX))/i;
export const IMAGE = 'container image';
export const truthy = (v: string | undefined): boolean => v !== undefined && /^(true|yes|1|on)$/i.test(v.trim());

/** Option parsing helpers over an argv (argv[0] is the first word after the command/verb). */
export class Args {
  constructor(readonly argv: string[]) {}
  has(...names: string[]): boolean {
    return this.argv.some((a) => names.some((n) => a === n || a.startsWith(n + '=')));
  }
  value(...names: string[]): string | undefined {
    for (let i = 0; i < this.argv.length; i++) {
      const a = this.argv[i]!;
      for (const n of names) {
        if (a === n) return this.argv[i + 1];
        if (a.startsWith(n + '=')) return a.slice(n.length + 1);
      }
    }
    return undefined;
  }
  /** Words not starting with `-`, skipping values of the given value-taking options. */
  positionals(valueOptions: readonly string[] = []): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.argv.length; i++) {
      const a = this.argv[i]!;
      if (a === '--') {
        out.push(...this.argv.slice(i + 1));
        break;
      }
      if (a.startsWith('-') && a !== '-') {
        if (!a.includes('=') && valueOptions.includes(a)) i++;
        continue;
      }
      out.push(a);
    }
    return out;
  }
  /** Short-option clusters (`-ab`, `-sb`) containing the letter. */
  shortFlag(letter: string): boolean {
    return this.argv.some((a) => /^-[A-Za-z]+$/.test(a) && a.slice(1).includes(letter));
  }
}

/**
 * An environment variable standing alone as a value: PowerShell `$Env:NAME` / `${env:NAME}`, cmd
 * `%NAME%`, POSIX `$NAME` / `${NAME}`. Its name, or undefined for anything else.
 */
export function envVariableOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(?:\$env:([A-Za-z_]\w*)|\$\{env:([A-Za-z_]\w*)\}|%([A-Za-z_]\w*)%|\$\{?([A-Za-z_]\w*)\}?)$/i.exec(value.trim());
  return m ? m[1] ?? m[2] ?? m[3] ?? m[4] : undefined;
}

/** Classifies a cosign/notation `--key` value. */
export function keyRefOf(value: string): KeyRef {
  const v = value.trim();
  const lower = v.toLowerCase();
  if (lower.startsWith('env://')) return { type: 'env', name: v.slice(6) };
  if (lower.startsWith('awskms://')) return { type: 'kms', provider: 'aws', uri: v };
  if (lower.startsWith('gcpkms://')) return { type: 'kms', provider: 'gcp', uri: v };
  if (lower.startsWith('azurekms://')) return { type: 'kms', provider: 'azure', uri: v };
  if (lower.startsWith('hashivault://')) return { type: 'vault', uri: v };
  if (lower.startsWith('k8s://')) return { type: 'k8s', uri: v };
  if (lower.startsWith('pkcs11:')) return { type: 'hsm', uri: v };
  const variable = /^\$[{(]?[{(]?\s*(?:env:)?([A-Za-z_][\w.]*)\s*[})]?[})]?$/.exec(v);
  if (variable) return { type: 'variable', name: variable[1]! };
  return { type: 'file', path: v };
}

export function artifactOfBlob(subject: string | undefined): ArtifactKind {
  return subject && CHECKSUM.test(subject) ? 'checksums' : 'blob';
}

/** cosign attest --type → attestation kind. */
export function attestationOfType(type: string | undefined): AttestationKind {
  const t = (type ?? 'custom').toLowerCase();
  if (/slsa|provenance/.test(t)) return 'provenance';
  if (/spdx|cyclonedx|sbom/.test(t)) return 'sbom';
  if (/vuln|scan/.test(t)) return 'vuln-scan';
  return 'custom';
}

/** `aws --region r --profile p s3 cp …` → `aws s3 cp …`: global options may come before the service. */
export function withoutAwsGlobalOptions(words: string[]): string[] {
  let i = 1;
  while (i < words.length && words[i]!.startsWith('--')) i += words[i]!.includes('=') || /^--(debug|no-verify-ssl|no-paginate|no-sign-request|no-cli-pager)$/.test(words[i]!) ? 1 : 2;
  return [words[0]!, ...words.slice(i)];
}

/** The values of the named options present on a command line (`--x v` or `--x=v`), keyed by option. */
export function optionValues(args: Args, names: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = args.value(n);
    if (v !== undefined) out[n] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Checksum files named in an action's inputs (`subject-path: dist/checksums.txt`). */
export const CHECKSUM_INPUT = /checksum|sha\d*sum|\.sha\d+/i;
