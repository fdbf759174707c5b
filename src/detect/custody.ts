/**
 * Where the key behind a signing operation lives, judged from the operation and its pipeline:
 * keyless; a CI secret (env://, a variable the CI system injects, a key file written from a secret,
 * a gpg key imported from a secret); a KMS (AWS/GCP/Azure, AWS Signer, Azure Trusted Signing); Vault;
 * an HSM (PKCS#11, security keys); a file committed to the repository; or unknown.
 * A Kubernetes secret (`k8s://`) counts as a CI secret: a platform-held long-lived key.
 */
import type { KeyRef } from './commands.js';
import { keyRefOf } from './commands.js';
import type { KeyCustody, KmsProvider } from './types.js';
import { isSign, type Op, type RawRepo, type Site } from './ops.js';
import { normalisePath } from './ci/model.js';

export interface Custody {
  custody: KeyCustody;
  provider?: KmsProvider;
  /** Lines that show the custody besides the signing line (secret binding, key import, …). */
  sites: Site[];
}

const SECRET_VALUE = /secrets\.|\$\(\s*[\w.]+\s*\)|credentials\(|\(secret\)|vault|\$\{\{\s*secrets/i;
const KEYISH = /KEY|GPG|PGP|SIGN|CERT|P12|PFX|KEYSTORE|PASSPHRASE/i;

function envSite(op: Op, name: string, raw: RawRepo): Site | undefined {
  const v = op.env[name];
  return v ? { file: v.file, line: v.line, text: raw.lineText(v.file, v.line) } : undefined;
}

/** Is the variable provided by the CI system's secret store? */
function secretVariable(op: Op, name: string, raw: RawRepo): { secret: boolean; site?: Site; literal?: string } {
  const v = op.env[name];
  if (v) {
    if (SECRET_VALUE.test(v.value)) return { secret: true, site: envSite(op, name, raw) };
    if (/^\$\{?[A-Za-z_]\w*\}?$/.test(v.value.trim())) return { secret: op.system !== undefined, site: envSite(op, name, raw) };
    return { secret: false, literal: v.value, site: envSite(op, name, raw) };
  }
  const bound = op.job?.secretBindings?.[name];
  if (bound) return { secret: true, site: { ...bound, text: raw.lineText(bound.file, bound.line) } };
  if (op.job?.secretVariables?.includes(name)) return { secret: true };
  // Not defined in the pipeline: injected by the CI system's settings (GitLab/Azure/CircleCI variables).
  return { secret: op.system !== undefined };
}

/**
 * Signing secrets bound in the signing step's own environment (its own `env:`, or its job's or
 * pipeline's, which it inherits): COSIGN_PRIVATE_KEY: ${{ secrets.X }}. A secret in another step's
 * environment (a tunnel certificate, a deploy key) is not the signing key: it tells no custody.
 */
function boundSecrets(op: Op, raw: RawRepo): Site[] {
  const out: Site[] = [];
  const seen = new Set<string>();
  const add = (file: string, line: number): void => {
    if (seen.has(`${file}:${line}`)) return;
    seen.add(`${file}:${line}`);
    out.push({ file, line, text: raw.lineText(file, line) });
  };
  for (const [k, v] of Object.entries(op.env)) if (KEYISH.test(k) && SECRET_VALUE.test(v.value)) add(v.file, v.line);
  return out;
}

/**
 * The key reference the signing step uses, set by an earlier step of its job through `$GITHUB_ENV`
 * (`"CERT_PATH=$certPath" >> $GITHUB_ENV` after decoding a secret): that step's signing secrets are
 * the key's custody.
 */
function exportedFromSecret(op: Op, name: string, raw: RawRepo): Site[] {
  const out: Site[] = [];
  for (const step of op.job?.steps ?? []) {
    if (step === op.step || !step.run.some((l) => l.text.includes(`${name}=`) && /GITHUB_ENV/.test(l.text))) continue;
    for (const [k, v] of Object.entries(step.env)) if (KEYISH.test(k) && SECRET_VALUE.test(v.value)) out.push({ file: step.file, line: v.line, text: raw.lineText(step.file, v.line) });
  }
  return out;
}

/** Commands that fetch a secret from a secret store or CI secret. */
const SECRET_FETCH = /secrets\.|\$|aws\s+secretsmanager|gcloud\s+secrets|vault\s+(kv\s+get|read)|az\s+keyvault\s+secret|buildkite-agent\s+secret|\bop\s+read|kubectl\s+get\s+secret/;

/** A line of the same file or job that writes the key file from a secret: echo "$KEY" > cosign.key. */
function keyFileWriter(op: Op, name: string, raw: RawRepo): Site | undefined {
  const sources: Array<{ file: string; lines: readonly { text: string; line: number }[] }> = [];
  if (op.siblings) sources.push(op.siblings);
  for (const step of op.job?.steps ?? []) sources.push({ file: step.file, lines: step.run });
  for (const src of sources) {
    for (const l of src.lines) {
      if (l.text.includes(name) && /(>|\btee\b|-o\s|--output)/.test(l.text) && SECRET_FETCH.test(l.text) && !/\b(cosign|minisign|signify|gpg)\s/.test(l.text)) {
        return { file: src.file, line: l.line, text: raw.lineText(src.file, l.line) };
      }
    }
  }
  return undefined;
}

function keyImports(op: Op, raw: RawRepo, anyPipeline: boolean): Op[] {
  return raw.ops.filter((o) => o.rec.kind === 'key-import' && o.rec.fromSecret && (anyPipeline || o.pipeline === op.pipeline));
}

function fromRef(key: KeyRef, op: Op, raw: RawRepo, depth = 0): Custody {
  switch (key.type) {
    case 'kms':
      return { custody: 'kms', provider: key.provider, sites: [] };
    case 'vault':
      return { custody: 'vault', provider: 'hashicorp-vault', sites: [] };
    case 'hsm':
      return { custody: 'hsm', provider: key.uri.startsWith('pkcs11') ? 'pkcs11' : undefined, sites: [] };
    case 'k8s':
      return { custody: 'ci-secret', sites: [] };
    case 'env': {
      if (op.system === undefined) return { custody: 'unknown', sites: [] };
      const s = envSite(op, key.name, raw);
      return { custody: 'ci-secret', sites: s ? [s] : [] };
    }
    case 'variable': {
      const v = secretVariable(op, key.name, raw);
      if (v.literal !== undefined && depth < 3) {
        const inner = fromRef(keyRefOf(v.literal), op, raw, depth + 1);
        return { ...inner, sites: [...(v.site ? [v.site] : []), ...inner.sites] };
      }
      return v.secret ? { custody: 'ci-secret', sites: v.site ? [v.site] : [...exportedFromSecret(op, key.name, raw), ...boundSecrets(op, raw)] } : { custody: 'unknown', sites: [] };
    }
    case 'file': {
      const path = normalisePath(key.path);
      // the committed key the path names: an exact path first, then one ending with it
      const found = raw.keys.find((k) => k.path === path) ?? raw.keys.find((k) => k.path.endsWith('/' + (path ?? '')));
      if (found) return { custody: 'file-in-repo', sites: [{ file: found.path, line: found.line, text: `private key (${found.kind})` }] };
      const name = key.path.slice(key.path.lastIndexOf('/') + 1);
      const writer = keyFileWriter(op, name, raw);
      if (writer) return { custody: 'ci-secret', sites: [writer] };
      if (op.system === undefined) return { custody: 'unknown', sites: [] };
      const bound = boundSecrets(op, raw);
      return bound.length ? { custody: 'ci-secret', sites: bound } : { custody: 'unknown', sites: [] };
    }
    case 'plugin':
      return { custody: 'unknown', sites: [] };
    case 'named': {
      const configured = raw.ops.find((o) => o.rec.kind === 'key-config' && o.pipeline === op.pipeline && (o.rec.name === undefined || o.rec.name === key.name));
      if (configured && configured.rec.kind === 'key-config' && depth < 3) {
        const inner = fromRef(configured.rec.key, op, raw, depth + 1);
        return { ...inner, sites: [configured.at, ...inner.sites] };
      }
      return implicit(op, raw);
    }
  }
}

/** No key on the command line: gpg's default key, a keystore, a plugin configured earlier. */
function implicit(op: Op, raw: RawRepo): Custody {
  const sites: Site[] = [];
  // a key imported from a secret (and where that secret is bound: withCredentials, env)
  for (const imp of keyImports(op, raw, op.system === undefined)) {
    sites.push(imp.at);
    if (imp.rec.kind === 'key-import' && imp.rec.path) {
      const ref = keyRefOf(imp.rec.path);
      if (ref.type === 'variable') {
        const v = secretVariable(imp, ref.name, raw);
        if (v.site) sites.push(v.site);
      }
    }
  }
  if (op.system !== undefined) sites.push(...boundSecrets(op, raw));
  if (op.system === undefined && op.origin === 'config') {
    // build-file signing (maven-gpg, Gradle): the key reaches the build through the publishing step's secrets
    for (const pub of raw.ops) if (pub.rec.kind === 'publish' && pub.rec.artifactKind === 'package' && pub.system !== undefined) sites.push(...boundSecrets(pub, raw));
  }
  if (op.custodyHint === 'ci-secret') sites.push(...(op.configSites ?? []));
  if (sites.length || op.custodyHint === 'ci-secret') return { custody: 'ci-secret', sites };
  return { custody: 'unknown', sites: [] };
}

export function custodyOf(op: Op, raw: RawRepo): Custody {
  if (!isSign(op.rec)) return { custody: 'unknown', sites: [] };
  if (op.rec.keyless) return { custody: 'keyless', sites: op.idToken ? [{ ...op.idToken, text: raw.lineText(op.idToken.file, op.idToken.line) }] : [] };
  if (op.rec.key) return fromRef(op.rec.key, op, raw);
  return implicit(op, raw);
}
