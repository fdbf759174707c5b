/**
 * The command recogniser: given one logical shell line, what signing, verification, publishing or
 * key handling does it perform? Pure and table-driven: a table maps command names to small
 * recognisers over the argument vector. Text in comments, `echo` arguments and prose never counts,
 * because only the command word of each simple command is looked up.
 */
import type { ArtifactKind, AttestationKind, KmsProvider, SigningTool } from './types.js';
import { commandName, parseCommands, type SimpleCommand } from './shell.js';

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
       * A tool of the vocabulary, or a signer outside it that sets no `tools` fact: Tekton Chains (in
       * the cluster), osslsigncode (Authenticode off Windows), rcodesign (Apple code signing off macOS).
       */
      tool: SigningTool | 'tekton-chains' | 'osslsigncode' | 'rcodesign';
      artifact: ArtifactKind;
      keyless: boolean;
      key?: KeyRef;
      /** Set for attestations (cosign attest, provenance, in-toto): what is attested. */
      attestation?: AttestationKind;
      subject?: string;
    }
  | { kind: 'verify'; tool: string; subject?: string }
  | { kind: 'publish'; tool: string; artifact: string; artifactKind: ArtifactKind; subject?: string; unsignedReason?: string }
  /** gpg --import of a private key; `fromSecret` when the key comes from a CI secret. */
  | { kind: 'key-import'; tool: string; fromSecret: boolean; path?: string }
  /** An environment setting that changes signing: DOCKER_CONTENT_TRUST=1, NPM_CONFIG_PROVENANCE=true. */
  | { kind: 'setting'; name: 'docker-content-trust' | 'npm-provenance'; scope: 'command' | 'export' }
  /** notation key add --plugin …: configures a named key. */
  | { kind: 'key-config'; tool: string; name?: string; key: KeyRef }
  /** Calls into the repository: make targets, scripts, npm scripts. */
  | { kind: 'call'; call: Call };

export type Call =
  | { type: 'make'; targets: string[]; file?: string; dir?: string }
  | { type: 'script'; path: string }
  | { type: 'npm-run'; script: string };

export interface RecognisedCommand {
  rec: Recognised;
  /** The simple command's words, for excerpts and tests. */
  words: string[];
}

const MAX_LINE = 16_384;
/** How deep `$( … )` substitutions and `bash -c` scripts are followed. */
const MAX_NESTING = 3;
const CHECKSUM = /(checksum|sha\d*sums?|\.sha\d+|sums\.txt|SHASUMS|digests?\.txt)/i;
const SECRETISH = /(secrets?\.|\$\{?\{?\s*secrets\.|\$\{?[A-Z0-9_]{0,64}?(KEY|GPG|PGP|SIGN|SECRET|PRIVATE|PASSPHRASE|CERT|P12|PFX))/i;

/** Option parsing helpers over an argv (argv[0] is the first word after the command/verb). */
class Args {
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
        if (n.startsWith('-') && !n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--') && n !== '-') {
          // short option with attached value is ambiguous with clusters; only used where noted
        }
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

function artifactOfBlob(subject: string | undefined): ArtifactKind {
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

type Handler = (words: string[], cmd: SimpleCommand, line: string, depth: number) => Recognised[];

const COSIGN_VALUE_OPTS = ['--key', '--certificate', '--certificate-chain', '--output-signature', '--output-certificate', '--bundle', '--predicate', '--type', '-a', '--annotations', '--identity-token', '--fulcio-url', '--rekor-url', '--oidc-issuer', '--oidc-client-id', '--certificate-identity', '--certificate-oidc-issuer', '--certificate-identity-regexp', '--certificate-oidc-issuer-regexp', '--signature', '--output', '--output-file', '--registry-username', '--registry-password', '--attachment', '--timeout', '--sk-slot', '--slot'];

const cosign: Handler = (words) => {
  const args = new Args(words.slice(1));
  const verbIdx = words.slice(1).findIndex((w) => !w.startsWith('-'));
  const verb = verbIdx >= 0 ? words[verbIdx + 1]! : '';
  const rest = new Args(words.slice(verbIdx + 2));
  const subject = rest.positionals(COSIGN_VALUE_OPTS)[0];
  const keyValue = rest.value('--key', '-key');
  const sk = rest.has('--sk');
  const key: KeyRef | undefined = keyValue ? keyRefOf(keyValue) : sk ? { type: 'hsm', uri: '--sk' } : undefined;
  const keyless = !key;
  void args;
  switch (verb) {
    case 'sign':
      return [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless, key, subject }];
    case 'sign-blob':
      return [{ kind: 'sign', tool: 'cosign', artifact: artifactOfBlob(subject), keyless, key, subject }];
    case 'attest':
      return [{ kind: 'sign', tool: 'cosign', artifact: 'container-image', keyless, key, subject, attestation: attestationOfType(rest.value('--type')) }];
    case 'attest-blob':
      return [{ kind: 'sign', tool: 'cosign', artifact: artifactOfBlob(subject), keyless, key, subject, attestation: attestationOfType(rest.value('--type')) }];
    case 'verify':
    case 'verify-blob':
    case 'verify-attestation':
    case 'verify-blob-attestation':
      return [{ kind: 'verify', tool: 'cosign', subject }];
    default:
      return [];
  }
};

/** notation plugin names → key references. */
function notationPlugin(plugin: string, id?: string): KeyRef {
  const p = plugin.toLowerCase();
  if (p.includes('azure')) return { type: 'kms', provider: 'azure', uri: `plugin:${plugin}` };
  if (p.includes('aws')) return { type: 'kms', provider: 'aws', uri: `plugin:${plugin}` };
  if (p.includes('gcp') || p.includes('google')) return { type: 'kms', provider: 'gcp', uri: `plugin:${plugin}` };
  if (p.includes('vault')) return { type: 'vault', uri: `plugin:${plugin}` };
  if (p.includes('pkcs11')) return { type: 'hsm', uri: `plugin:${plugin}` };
  return { type: 'plugin', plugin, id };
}

const NOTATION_VALUE_OPTS = ['--plugin', '--id', '--key', '-k', '--signature-format', '--plugin-config', '--user', '-u', '--password', '-p', '--expiry', '-e', '--timestamp-url', '--timestamp-root-cert', '--scope', '--policy-name', '--user-metadata', '-m'];

const notation: Handler = (words) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const rest = new Args(argv.slice(argv.indexOf(verb ?? '') + 1));
  if (verb === 'sign') {
    const plugin = rest.value('--plugin');
    const keyName = rest.value('--key', '-k');
    const key: KeyRef | undefined = plugin ? notationPlugin(plugin, rest.value('--id')) : keyName ? { type: 'named', name: keyName } : undefined;
    return [{ kind: 'sign', tool: 'notation', artifact: 'container-image', keyless: false, key, subject: rest.positionals(NOTATION_VALUE_OPTS)[0] }];
  }
  if (verb === 'verify') return [{ kind: 'verify', tool: 'notation', subject: rest.positionals(NOTATION_VALUE_OPTS)[0] }];
  if (verb === 'key' && rest.argv[0] === 'add') {
    const sub = new Args(rest.argv.slice(1));
    const plugin = sub.value('--plugin');
    if (plugin) return [{ kind: 'key-config', tool: 'notation', name: sub.positionals(NOTATION_VALUE_OPTS)[0], key: notationPlugin(plugin, sub.value('--id')) }];
  }
  return [];
};

const GPG_VALUE_OPTS = ['-u', '--local-user', '-o', '--output', '-r', '--recipient', '--default-key', '--passphrase', '--passphrase-file', '--passphrase-fd', '--pinentry-mode', '--homedir', '--keyring', '--secret-keyring', '--digest-algo', '--keyserver', '--trust-model', '--status-fd', '--command-fd', '--compress-level', '-z'];

const gpg: Handler = (words, _cmd, line) => {
  const args = new Args(words.slice(1));
  const pos = args.positionals(GPG_VALUE_OPTS);
  if (args.has('--verify') || args.has('--verify-files')) return [{ kind: 'verify', tool: 'gpg', subject: pos[0] }];
  if (args.has('--import') || args.has('--batch-import')) {
    const path = pos[0];
    const fromSecret = SECRETISH.test(line) || (path !== undefined && /priv|secret|signing/i.test(path));
    const privateKey = fromSecret || args.has('--allow-secret-key-import') || /priv|secret/i.test(line);
    return privateKey ? [{ kind: 'key-import', tool: 'gpg', fromSecret, path }] : [];
  }
  const signs = args.has('--sign', '--detach-sign', '--detach-sig', '--clearsign', '--clear-sign') ||
    args.shortFlag('s') || args.shortFlag('b');
  if (!signs) return [];
  const user = args.value('-u', '--local-user', '--default-key');
  const subject = pos[pos.length - 1];
  return [{ kind: 'sign', tool: 'gpg', artifact: artifactOfBlob(subject), keyless: false, key: user ? { type: 'named', name: user } : undefined, subject }];
};

const minisignLike = (tool: 'minisign' | 'signify'): Handler => (words) => {
  const args = new Args(words.slice(1));
  const secret = args.value('-s');
  const message = args.value('-m') ?? args.value('-x');
  if (args.shortFlag('V')) return [{ kind: 'verify', tool, subject: message }];
  if (args.shortFlag('S')) {
    return [{ kind: 'sign', tool, artifact: artifactOfBlob(message), keyless: false, key: secret ? keyRefOf(secret) : undefined, subject: message }];
  }
  return [];
};

const jarsigner: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (args.has('-verify')) return [{ kind: 'verify', tool: 'jarsigner' }];
  const storetype = args.value('-storetype');
  const keystore = args.value('-keystore');
  let key: KeyRef | undefined;
  if (/pkcs11/i.test(storetype ?? '') || args.has('-providerClass')) key = { type: 'hsm', uri: 'pkcs11' };
  else if (keystore && keystore !== 'NONE') key = keyRefOf(keystore);
  const pos = args.positionals(['-keystore', '-storepass', '-keypass', '-storetype', '-signedjar', '-sigfile', '-tsa', '-digestalg', '-sigalg', '-providerClass', '-providerArg', '-providerName', '-tsacert', '-certchain', '-providerPath', '-storepass:env', '-keypass:env', '-storepass:file', '-keypass:file']);
  if (pos.length === 0) return [];
  return [{ kind: 'sign', tool: 'jarsigner', artifact: 'package', keyless: false, key, subject: pos[0] }];
};

const signtool: Handler = (words) => {
  const verb = words[1]?.toLowerCase();
  const args = new Args(words.slice(2));
  if (verb === 'verify') return [{ kind: 'verify', tool: 'signtool' }];
  if (verb !== 'sign') return [];
  const dlib = args.value('/dlib') ?? '';
  if (/codesigning|trustedsigning/i.test(dlib)) {
    return [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }];
  }
  const file = args.value('/f');
  const key: KeyRef | undefined = args.has('/csp') || args.has('/kc') ? { type: 'hsm', uri: 'csp' } : file ? keyRefOf(file) : undefined;
  return [{ kind: 'sign', tool: 'signtool', artifact: 'blob', keyless: false, key }];
};

const codesign: Handler = (words) => {
  const args = new Args(words.slice(1));
  // with --sign, `-v` means --verbose (codesign(1)): `codesign -s "$ID" -v app` signs
  const signs = args.has('--sign') || args.shortFlag('s');
  if (!signs && (args.has('--verify') || args.has('-v'))) return [{ kind: 'verify', tool: 'codesign' }];
  if (!signs) return [];
  const identity = args.value('--sign', '-s');
  return [{ kind: 'sign', tool: 'codesign', artifact: 'blob', keyless: false, key: identity ? { type: 'named', name: identity } : undefined }];
};

const apksigner: Handler = (words) => {
  const args = new Args(words.slice(2));
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'apksigner' }];
  if (words[1] !== 'sign') return [];
  const ks = args.value('--ks');
  const key: KeyRef | undefined = /pkcs11/i.test(args.value('--ks-type') ?? '') ? { type: 'hsm', uri: 'pkcs11' } : ks ? keyRefOf(ks) : undefined;
  return [{ kind: 'sign', tool: 'apksigner', artifact: 'package', keyless: false, key }];
};

/** osslsigncode sign: Authenticode signing with a PKCS#11 key (an HSM, a cloud HSM), a PKCS#12 file or a key file. */
const osslsigncode: Handler = (words) => {
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'osslsigncode' }];
  if (words[1] !== 'sign') return [];
  const args = new Args(words.slice(2));
  const file = args.value('-pkcs12') ?? args.value('-key');
  const key: KeyRef | undefined = args.has('-pkcs11engine', '-pkcs11module', '-pkcs11cert') ? { type: 'hsm', uri: 'pkcs11' } : file ? keyRefOf(file) : undefined;
  return [{ kind: 'sign', tool: 'osslsigncode', artifact: 'blob', keyless: false, key, subject: args.value('-in') }];
};

/** rcodesign sign: Apple code signing with a PKCS#11 or smart-card key, or a PKCS#12 file. */
const rcodesign: Handler = (words) => {
  if (words[1] === 'verify') return [{ kind: 'verify', tool: 'rcodesign' }];
  if (words[1] !== 'sign') return [];
  const args = new Args(words.slice(2));
  const p12 = args.value('--p12-file', '--pem-source', '--pem-file');
  const key: KeyRef | undefined = args.has('--pkcs11-library', '--smartcard-slot') ? { type: 'hsm', uri: 'pkcs11' } : p12 ? keyRefOf(p12) : undefined;
  return [{ kind: 'sign', tool: 'rcodesign', artifact: 'blob', keyless: false, key }];
};

const rpmsign: Handler = (words) => {
  const args = new Args(words.slice(1));
  if (args.has('--addsign', '--resign')) return [{ kind: 'sign', tool: 'rpm-sign', artifact: 'package', keyless: false }];
  if (args.has('--checksig') || args.has('-K')) return [{ kind: 'verify', tool: 'rpm' }];
  return [];
};

const IMAGE = 'container image';

function dct(cmd: SimpleCommand): boolean {
  const v = cmd.env['DOCKER_CONTENT_TRUST'];
  return v !== undefined && /^(1|true)$/i.test(v);
}

const docker: Handler = (words, cmd) => {
  const argv = words.slice(1).filter((w, i, a) => !(w.startsWith('-') && ['--context', '-c', '--config', '-H', '--host', '--log-level', '-l'].includes(w)) && !(i > 0 && ['--context', '-c', '--config', '-H', '--host'].includes(a[i - 1]!)));
  const [a, b] = argv;
  const out: Recognised[] = [];
  if (a === 'trust' && b === 'sign') {
    // `docker trust sign` signs the tag and pushes the image with its trust data
    return [
      { kind: 'publish', tool: 'docker', artifact: IMAGE, artifactKind: 'container-image', subject: argv[2] },
      { kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject: argv[2] },
    ];
  }
  const rest = new Args(argv.slice(1));
  let pushing = false;
  let subject: string | undefined;
  if (a === 'push' || (a === 'image' && b === 'push')) {
    pushing = true;
    subject = (a === 'image' ? new Args(argv.slice(2)) : rest).positionals()[0];
  } else if (a === 'buildx' && (b === 'build' || b === 'bake')) {
    const r = new Args(argv.slice(2));
    const output = r.value('--output', '-o') ?? '';
    pushing = r.has('--push') || /type=registry|push=true/.test(output);
    subject = r.value('--tag', '-t');
  } else if (a === 'build' || a === 'bake') {
    const r = new Args(argv.slice(1));
    pushing = r.has('--push');
    subject = r.value('--tag', '-t');
  } else if (a === 'manifest' && b === 'push') {
    pushing = true;
    subject = argv[2];
  }
  if (pushing) {
    out.push({ kind: 'publish', tool: 'docker', artifact: IMAGE, artifactKind: 'container-image', subject });
    if (dct(cmd)) out.push({ kind: 'sign', tool: 'docker-content-trust', artifact: 'container-image', keyless: false, subject });
  }
  return out;
};

const simplePush = (tool: string, verbs: string[]): Handler => (words) => {
  const verb = words[1];
  if (!verb || !verbs.includes(verb)) return [];
  return [{ kind: 'publish', tool, artifact: IMAGE, artifactKind: 'container-image', subject: new Args(words.slice(2)).positionals()[0] }];
};

const crane: Handler = (words) => {
  const verb = words[1];
  if (verb === 'push') return [{ kind: 'publish', tool: 'crane', artifact: IMAGE, artifactKind: 'container-image', subject: new Args(words.slice(2)).positionals()[1] }];
  if (verb === 'copy' || verb === 'cp') return [{ kind: 'publish', tool: 'crane', artifact: IMAGE, artifactKind: 'container-image', subject: new Args(words.slice(2)).positionals()[1] }];
  return [];
};

const ko: Handler = (words, cmd) => {
  const verb = words[1];
  if (!verb || !['build', 'publish', 'resolve', 'apply'].includes(verb)) return [];
  const args = new Args(words.slice(2));
  if (args.has('--local') || args.has('-L') || args.argv.includes('--push=false')) return [];
  // ko pushes to $KO_DOCKER_REPO; `ko.local` / `kind.local` there mean the local daemon or kind cluster
  const repo = cmd.env['KO_DOCKER_REPO'] ?? '$KO_DOCKER_REPO';
  if (isThrowawayRegistry(repo)) return [];
  return [{ kind: 'publish', tool: 'ko', artifact: IMAGE, artifactKind: 'container-image', subject: repo }];
};

/**
 * Registries no deliverable is published to: the local daemon (`ko.local`), a test cluster's
 * registry (`localhost:5000`, `kind-registry`, `registry.local`), the anonymous expiring `ttl.sh`.
 * An end-to-end test pushing there ships nothing.
 */
export function isThrowawayRegistry(ref: string): boolean {
  return /^(ko\.local|kind\.local|localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0|ttl\.sh|registry\.local|kind-registry|local-registry)([:/]|$)/i.test(ref.replace(/^["']|["']$/g, '').replace(/^(docker|oci):\/\//, ''));
}

const goreleaser: Handler = (words) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const args = new Args(argv);
  // `goreleaser` alone and `goreleaser --clean` mean `release`.
  if (verb !== undefined && verb !== 'release') return [];
  if (args.has('--snapshot') || args.has('--skip-publish') || /publish/.test(args.value('--skip') ?? '')) return [];
  return [{ kind: 'publish', tool: 'goreleaser', artifact: 'release artifacts (goreleaser)', artifactKind: 'blob' }];
};

function provenanceFlag(args: Args, cmd: SimpleCommand): boolean {
  if (args.has('--provenance')) return !args.argv.includes('--provenance=false');
  const env = cmd.env['NPM_CONFIG_PROVENANCE'] ?? cmd.env['npm_config_provenance'];
  return env !== undefined && /^(1|true)$/i.test(env);
}

const npmPublish = (tool: string, argv: string[], cmd: SimpleCommand): Recognised[] => {
  const args = new Args(argv);
  if (args.has('--dry-run')) return [];
  const out: Recognised[] = [{ kind: 'publish', tool, artifact: 'npm package', artifactKind: 'package', subject: args.positionals(['--tag', '--access', '--registry', '--otp', '--workspace', '-w'])[0] }];
  if (provenanceFlag(args, cmd)) {
    out.push({ kind: 'sign', tool: 'npm-provenance', artifact: 'package', keyless: true, attestation: 'provenance' });
  }
  return out;
};

const npm: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const after = argv.slice(argv.indexOf(verb ?? '') + 1);
  if (verb === 'publish') return npmPublish('npm', after, cmd);
  if (verb === 'run' || verb === 'run-script') {
    const script = after.find((w) => !w.startsWith('-'));
    return script ? [{ kind: 'call', call: { type: 'npm-run', script } }] : [];
  }
  return [];
};

const pnpm: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const verb = argv.find((w) => !w.startsWith('-'));
  const after = argv.slice(argv.indexOf(verb ?? '') + 1);
  if (verb === 'publish') return npmPublish('pnpm', after, cmd);
  if (verb === 'run') {
    const script = after.find((w) => !w.startsWith('-'));
    return script ? [{ kind: 'call', call: { type: 'npm-run', script } }] : [];
  }
  return [];
};

const YARN_BUILTINS = new Set(['install', 'add', 'remove', 'up', 'upgrade', 'npm', 'publish', 'run', 'workspace', 'workspaces', 'dlx', 'exec', 'set', 'config', 'cache', 'info', 'why', 'link', 'pack', 'version', 'init', 'global', 'audit', 'plugin', 'rebuild', 'dedupe', 'constraints', 'explain', 'node', 'bin', 'stage', 'unplug', 'patch', 'patch-commit', 'tag', 'login', 'logout', 'owner', 'team', 'outdated', 'list', 'licenses', 'check', 'create', 'generate-lock-entry', 'import', 'policies', 'autoclean', 'help', 'test']);

const yarn: Handler = (words, cmd) => {
  const argv = words.slice(1);
  const positional = argv.filter((w) => !w.startsWith('-'));
  const [a, b] = positional;
  if (a === 'npm' && b === 'publish') return npmPublish('yarn', argv.slice(argv.indexOf('publish') + 1), cmd);
  if (a === 'publish') return npmPublish('yarn', argv.slice(argv.indexOf('publish') + 1), cmd);
  if (a === 'run' && b) return [{ kind: 'call', call: { type: 'npm-run', script: b } }];
  if (a && !YARN_BUILTINS.has(a)) return [{ kind: 'call', call: { type: 'npm-run', script: a } }];
  return [];
};

const twine = (argv: string[]): Recognised[] => {
  if (argv[0] !== 'upload') return [];
  const out: Recognised[] = [{ kind: 'publish', tool: 'twine', artifact: 'Python package', artifactKind: 'package' }];
  if (new Args(argv).has('--attestations')) out.push({ kind: 'sign', tool: 'pypi-attestations', artifact: 'package', keyless: true, attestation: 'provenance' });
  return out;
};

const sigstorePython = (argv: string[]): Recognised[] => {
  const verb = argv.find((w) => !w.startsWith('-'));
  const rest = new Args(argv.slice(argv.indexOf(verb ?? '') + 1));
  if (verb === 'sign' || verb === 'attest') {
    const subject = rest.positionals(['--identity-token', '--oidc-client-id', '--oidc-issuer', '--bundle', '--signature', '--certificate', '--output-directory', '--predicate', '--predicate-type'])[0];
    const attestation = verb === 'attest' ? attestationOfType(rest.value('--predicate-type')) : undefined;
    return [{ kind: 'sign', tool: 'sigstore-python', artifact: artifactOfBlob(subject), keyless: true, subject, attestation }];
  }
  if (verb === 'verify') return [{ kind: 'verify', tool: 'sigstore-python' }];
  return [];
};

const python: Handler = (words) => {
  const i = words.indexOf('-m');
  if (i < 0) return [];
  const mod = words[i + 1];
  const argv = words.slice(i + 2);
  if (mod === 'twine') return twine(argv);
  if (mod === 'sigstore') return sigstorePython(argv);
  return [];
};

const mavenLike = (tool: string): Handler => (words) => {
  const args = new Args(words.slice(1));
  const goals = args.positionals(['-P', '-pl', '-s', '-f', '--settings', '--file', '-T', '--projects', '--activate-profiles', '-gs', '-t', '--toolchains', '-b', '--builder', '-l', '--log-file']);
  if (!goals.some((g) => g === 'deploy' || g === 'deploy:deploy' || /nexus-staging:(deploy|release)|central-publishing:publish|release:perform/.test(g))) return [];
  const skipGpg = args.argv.some((a) => /^-Dgpg\.skip(=true)?$/.test(a));
  return [{ kind: 'publish', tool, artifact: 'Maven artifacts', artifactKind: 'package', unsignedReason: skipGpg ? '-Dgpg.skip' : undefined }];
};

const gradleLike = (tool: string): Handler => (words) => {
  const tasks = new Args(words.slice(1)).positionals(['-x', '--exclude-task', '-P', '-D', '-p', '--project-dir', '-b', '--build-file']);
  const publishing = tasks.filter((t) => {
    const name = t.slice(t.lastIndexOf(':') + 1);
    return /^publish/.test(name) && !/MavenLocal$/.test(name) || /^(uploadArchives|closeAndReleaseSonatypeStagingRepository|publishPlugins|bintrayUpload)$/.test(name);
  });
  if (publishing.length === 0) return [];
  return [{ kind: 'publish', tool, artifact: 'Maven artifacts', artifactKind: 'package' }];
};

const helm: Handler = (words) => {
  if (words[1] !== 'push' && words[1] !== 'cm-push') return [];
  const pos = new Args(words.slice(2)).positionals();
  return [{ kind: 'publish', tool: 'helm', artifact: 'Helm chart', artifactKind: 'package', subject: pos[1] ?? pos[0] }];
};

const gh: Handler = (words) => {
  const [_, a, b] = words;
  if (a === 'attestation' && b === 'verify') return [{ kind: 'verify', tool: 'gh-attestation' }];
  if (a === 'release' && (b === 'upload' || b === 'create')) {
    const pos = new Args(words.slice(3)).positionals(['--title', '-t', '--notes', '-n', '--notes-file', '-F', '--target', '--repo', '-R', '--discussion-category', '--notes-start-tag']);
    if (pos.length >= 2) return [{ kind: 'publish', tool: 'gh', artifact: 'GitHub release assets', artifactKind: 'blob', subject: pos.slice(1).join(' ') }];
  }
  return [];
};

const makeCall: Handler = (words) => {
  const args = new Args(words.slice(1));
  const targets = args.positionals(['-C', '-f', '--file', '--directory', '-j', '--jobs', '-I', '-o', '-W']).filter((t) => !t.includes('='));
  return [{ kind: 'call', call: { type: 'make', targets: targets.length ? targets : [''], file: args.value('-f', '--file'), dir: args.value('-C', '--directory') } }];
};

const shellCall: Handler = (words, _cmd, _line, depth) => {
  const args = words.slice(1);
  // bash -c 'cosign sign …': the inline script is recognised like any line
  const c = args.indexOf('-c');
  if (c >= 0 && args[c + 1] !== undefined && depth < MAX_NESTING) return recogniseLine(args[c + 1]!, depth + 1).map((r) => r.rec);
  const script = args.find((w) => !w.startsWith('-'));
  if (!script || script === '-c' || !/\.(sh|bash)$|^\.{0,2}\/?[\w./-]+$/.test(script) || script.includes('$')) return [];
  return [{ kind: 'call', call: { type: 'script', path: script } }];
};

const XARGS_VALUE_OPTS = ['-I', '-L', '-l', '-n', '-P', '-d', '-E', '-e', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars', '--eof', '--replace', '--process-slot-var'];

/**
 * `… | xargs [options] gh release create v1 --`: the command xargs runs, with the input lines as its
 * last arguments (`{input}`). A variable before the command (`xargs $guard gh …`, empty or `echo` for
 * a dry run) is skipped: the command after it is what runs for real.
 */
const xargs: Handler = (words, cmd, line, depth) => {
  let i = 1;
  while (i < words.length && words[i]!.startsWith('-')) i += XARGS_VALUE_OPTS.includes(words[i]!) ? 2 : 1;
  while (i < words.length && /^\$\{?\w+\}?$/.test(words[i]!)) i++;
  if (i >= words.length || depth >= MAX_NESTING) return [];
  return recogniseCommand({ ...cmd, words: [...words.slice(i), '{input}'] }, line, depth + 1);
};

const HANDLERS: Record<string, Handler> = {
  cosign,
  notation,
  gpg,
  gpg2: gpg,
  minisign: minisignLike('minisign'),
  signify: minisignLike('signify'),
  'signify-openbsd': minisignLike('signify'),
  jarsigner,
  signtool,
  codesign,
  apksigner,
  osslsigncode,
  rcodesign,
  rpmsign,
  rpm: (words) => (new Args(words.slice(1)).has('--addsign', '--resign') ? rpmsign(words, {} as SimpleCommand, '', 0) : []),
  docker,
  podman: (words, cmd, line, depth) => docker(words, cmd, line, depth).filter((r) => r.kind === 'publish'),
  buildah: simplePush('buildah', ['push']),
  crane,
  ko,
  goreleaser,
  npm,
  pnpm,
  yarn,
  twine: (words) => twine(words.slice(1)),
  python: python,
  python3: python,
  py: python,
  sigstore: (words) => sigstorePython(words.slice(1)),
  'slsa-verifier': (words) => (/^verify/.test(words[1] ?? '') ? [{ kind: 'verify', tool: 'slsa-verifier' }] : []),
  gh,
  mvn: mavenLike('maven'),
  mvnw: mavenLike('maven'),
  gradle: gradleLike('gradle'),
  gradlew: gradleLike('gradle'),
  helm,
  cargo: (words) => (words[1] === 'publish' && !words.includes('--dry-run') ? [{ kind: 'publish', tool: 'cargo', artifact: 'Rust crate', artifactKind: 'package' }] : []),
  oras: (words) => {
    if (words[1] === 'push') return [{ kind: 'publish', tool: 'oras', artifact: 'OCI artifact', artifactKind: 'blob', subject: words[2] }];
    // `oras copy` of an image to another registry publishes it there, like `crane copy`
    if (words[1] === 'copy' || words[1] === 'cp') return [{ kind: 'publish', tool: 'oras', artifact: IMAGE, artifactKind: 'container-image', subject: new Args(words.slice(2)).positionals(['--from-username', '--to-username', '--from-password', '--to-password', '--platform', '--concurrency'])[1] }];
    return [];
  },
  poetry: (words) => (words[1] === 'publish' && !words.includes('--dry-run') ? [{ kind: 'publish', tool: 'poetry', artifact: 'Python package', artifactKind: 'package' }] : []),
  uv: (words) => (words[1] === 'publish' ? [{ kind: 'publish', tool: 'uv', artifact: 'Python package', artifactKind: 'package' }] : []),
  flit: (words) => (words[1] === 'publish' ? [{ kind: 'publish', tool: 'flit', artifact: 'Python package', artifactKind: 'package' }] : []),
  aws: (words) => (words[1] === 'signer' && /^(start-signing-job|sign-payload)$/.test(words[2] ?? '')
    ? [{ kind: 'sign', tool: 'aws-signer', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'aws', uri: 'aws-signer' } }]
    : []),
  'Invoke-TrustedSigning': () => [{ kind: 'sign', tool: 'azure-trusted-signing', artifact: 'blob', keyless: false, key: { type: 'kms', provider: 'azure', uri: 'trusted-signing' } }],
  'in-toto-run': (words) => {
    const args = new Args(words.slice(1));
    const k = args.value('--signing-key', '--key', '-k');
    return [{ kind: 'sign', tool: 'in-toto', artifact: 'blob', keyless: false, key: k ? keyRefOf(k) : args.has('--gpg', '-g') ? { type: 'named', name: 'gpg' } : undefined, attestation: 'provenance' }];
  },
  witness: (words) => {
    if (words[1] === 'verify') return [{ kind: 'verify', tool: 'witness' }];
    if (words[1] !== 'run') return [];
    const args = new Args(words.slice(2));
    const k = args.value('--signer-file-key-path', '-k', '--key');
    const keyless = !k && args.argv.some((a) => a.startsWith('--signer-fulcio'));
    const kms = args.value('--signer-kms-ref');
    return [{ kind: 'sign', tool: 'witness', artifact: 'blob', keyless, key: kms ? keyRefOf(kms) : k ? keyRefOf(k) : undefined, attestation: 'provenance' }];
  },
  security: (words, _cmd, line) => (words[1] === 'import' && /\.(p12|pfx)\b|pkcs12/i.test(line) ? [{ kind: 'key-import', tool: 'codesign', fromSecret: SECRETISH.test(line), path: words[2] }] : []),
  executor: (words) => {
    const args = new Args(words.slice(1));
    if (!args.has('--destination', '-d') || args.has('--no-push')) return [];
    return [{ kind: 'publish', tool: 'kaniko', artifact: IMAGE, artifactKind: 'container-image', subject: args.value('--destination', '-d') }];
  },
  xargs,
  make: makeCall,
  gmake: makeCall,
  bash: shellCall,
  sh: shellCall,
  zsh: shellCall,
  source: shellCall,
  '.': shellCall,
};

function recogniseCommand(cmd: SimpleCommand, line: string, depth: number): Recognised[] {
  const first = cmd.words[0];
  const out: Recognised[] = [];
  if (first === 'export' || cmd.words.length === 0) {
    const env = cmd.env;
    if (env['DOCKER_CONTENT_TRUST'] !== undefined && /^(1|true)$/i.test(env['DOCKER_CONTENT_TRUST'])) out.push({ kind: 'setting', name: 'docker-content-trust', scope: 'export' });
    const np = env['NPM_CONFIG_PROVENANCE'] ?? env['npm_config_provenance'];
    if (np !== undefined && /^(1|true)$/i.test(np)) out.push({ kind: 'setting', name: 'npm-provenance', scope: 'export' });
    return out;
  }
  const name = commandName(first);
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (handler) return handler([name, ...cmd.words.slice(1)], cmd, line, depth);
  // ./scripts/release.sh, scripts/sign.sh, script/release: a script in the repository (the resolver
  // follows it only when the path exists; a relative path with a directory runs from the working tree)
  if (first && /\.(sh|bash)$/.test(first) && !first.includes('$')) return [{ kind: 'call', call: { type: 'script', path: first } }];
  if (first && first.startsWith('./') && !first.includes('$') && !/gradlew|mvnw/.test(first)) return [{ kind: 'call', call: { type: 'script', path: first } }];
  if (first && /^\w[\w.-]*\/(?:[\w.-]+\/)*[\w-]+$/.test(first) && !/gradlew|mvnw/.test(first)) return [{ kind: 'call', call: { type: 'script', path: first } }];
  return out;
}

/** The top-level `$( … )` command substitutions in a word (not `$(( … ))` arithmetic). */
function substitutions(word: string): string[] {
  const out: string[] = [];
  for (let i = word.indexOf('$('); i >= 0 && i < word.length; i = word.indexOf('$(', i + 1)) {
    if (word[i + 2] === '(') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < word.length; j++) {
      if (word[j] === '(') depth++;
      else if (word[j] === ')' && --depth === 0) break;
    }
    out.push(word.slice(i + 2, j));
    i = j;
  }
  return out;
}

/** Recognises everything one logical shell line does. */
export function recogniseLine(text: string, depth = 0): RecognisedCommand[] {
  const out: RecognisedCommand[] = [];
  // commands are short: a pathological line is cut rather than scanned in full
  const line = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  for (const cmd of parseCommands(line)) {
    // DIGEST=$(crane push …), IMG="$(ko build …)": what a substitution runs counts too
    if (depth < MAX_NESTING && line.includes('$(')) {
      for (const w of [...Object.values(cmd.env), ...cmd.words]) {
        for (const inner of substitutions(w)) if (inner.length < line.length) out.push(...recogniseLine(inner, depth + 1));
      }
    }
    for (const rec of recogniseCommand(cmd, line, depth)) out.push({ rec, words: cmd.words });
  }
  return out;
}
