/**
 * Package manifests and build files that configure signing without a CI command:
 * `package.json` (publishConfig.provenance, scripts), Maven `pom.xml` (maven-gpg-plugin,
 * sigstore-maven-plugin), Gradle (`signing {}`, `useInMemoryPgpKeys`, `useGpgCmd`, Android
 * `signingConfigs`). Line numbers come from the text, never from evaluating anything.
 */
import type { Recognised } from '../commands.js';

export interface ConfigFinding {
  rec: Extract<Recognised, { kind: 'sign' }>;
  line: number;
  /** How the key is provided, when the file tells: ci-secret (env/properties), local gpg, … */
  custodyHint?: 'ci-secret' | 'unknown';
  /** A line that tells the custody (useInMemoryPgpKeys …). */
  custodyLine?: number;
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export interface PackageJson {
  provenanceLine?: number;
  scripts: Record<string, { command: string; line: number }>;
}

/** Reads package.json as JSON (never executed); finds lines by searching the text. */
export function parsePackageJson(text: string): PackageJson | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const obj = json as Record<string, unknown>;
  const out: PackageJson = { scripts: {} };
  const pc = obj['publishConfig'];
  if (typeof pc === 'object' && pc !== null && (pc as Record<string, unknown>)['provenance'] === true) {
    const start = text.indexOf('"publishConfig"');
    const m = /"provenance"\s*:\s*true/.exec(text.slice(Math.max(0, start)));
    out.provenanceLine = m ? lineAt(text, Math.max(0, start) + m.index) : lineAt(text, Math.max(0, start));
  }
  const scripts = obj['scripts'];
  if (typeof scripts === 'object' && scripts !== null) {
    const start = Math.max(0, text.indexOf('"scripts"'));
    for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
      if (typeof command !== 'string') continue;
      const key = JSON.stringify(name);
      const idx = text.indexOf(key + ':', start) >= 0 ? text.indexOf(key + ':', start) : text.indexOf(key, start);
      out.scripts[name] = { command, line: idx >= 0 ? lineAt(text, idx) : 1 };
    }
  }
  return out;
}

/** Maven: the maven-gpg-plugin (its `sign` goal when present) and sigstore-maven-plugin. */
export function parsePom(text: string): ConfigFinding[] {
  const out: ConfigFinding[] = [];
  const noComments = text.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  // every maven-gpg-plugin block (pluginManagement, build, profiles): the one that runs the sign goal
  // is the evidence (gson declares the version in pluginManagement, signs in its release profile)
  const blocks: Array<{ line: number; block: string }> = [];
  for (const m of noComments.matchAll(/<artifactId>\s*maven-gpg-plugin\s*<\/artifactId>/g)) {
    const after = noComments.slice(m.index);
    const end = after.indexOf('</plugin>');
    blocks.push({ line: lineAt(noComments, m.index), block: end >= 0 ? after.slice(0, end) : after });
  }
  const active = blocks.filter((b) => !/<skip>\s*true\s*<\/skip>/.test(b.block));
  const signing = active.find((b) => /<goal>\s*sign(-and-deploy-file)?\s*<\/goal>/.test(b.block)) ?? active[0];
  if (signing) {
    const bestPractices = active.some((b) => /<bestPractices>\s*true|<signer>\s*bc\s*</.test(b.block));
    out.push({ rec: { kind: 'sign', tool: 'maven-gpg', artifact: 'package', keyless: false }, line: signing.line, custodyHint: bestPractices ? 'ci-secret' : undefined });
  }
  const sig = /<artifactId>\s*sigstore-maven-plugin\s*<\/artifactId>/.exec(noComments);
  if (sig) out.push({ rec: { kind: 'sign', tool: 'cosign', artifact: 'package', keyless: true }, line: lineAt(noComments, sig.index) });
  return out;
}

/** Gradle: the signing plugin and Android signing configs. */
export function parseGradle(text: string): ConfigFinding[] {
  const out: ConfigFinding[] = [];
  const lines = text.split(/\r?\n/);
  let signingLine: number | undefined;
  let custodyLine: number | undefined;
  let custody: 'ci-secret' | 'unknown' | undefined;
  let android: number | undefined;
  let signLine: number | undefined;
  let androidSecret = false;
  let androidLine: number | undefined;
  lines.forEach((raw, i) => {
    const l = raw.replace(/\/\/.*$/, '');
    if (/^\s*signing\s*\{/.test(l) || /\bid\s*\(?\s*["']signing["']\s*\)?/.test(l) || /apply\s+plugin\s*:\s*["']signing["']/.test(l) || /^\s*signing\s*$/.test(l) || /`signing`/.test(l)) {
      if (/^\s*signing\s*\{/.test(l) || signingLine === undefined) signingLine = i + 1;
    }
    if (signingLine !== undefined && signLine === undefined && /^\s*sign\s*[( ]/.test(l)) signLine = i + 1;
    if (/useInMemoryPgpKeys\s*\(/.test(l)) {
      custody = 'ci-secret';
      custodyLine = i + 1;
    }
    if (/useGpgCmd\s*\(/.test(l) && !custody) {
      custody = 'unknown';
      custodyLine = i + 1;
    }
    if (/\bsigningConfigs\s*\{/.test(l)) android ??= i + 1;
    if (android && /System\.getenv|findProperty|project\.property|providers\.environmentVariable/.test(l) && /store|key|password/i.test(l)) {
      if (!androidSecret) androidLine = i + 1;
      androidSecret = true;
    }
  });
  // `signing {}` only signs when publications are wired in (`sign(publishing.publications)`, `sign …`)
  if (signingLine !== undefined && (/\bsign\s*\(|\bsign\s+publishing|\bsign\s+configurations|useInMemoryPgpKeys|useGpgCmd/.test(text))) {
    out.push({ rec: { kind: 'sign', tool: 'gradle-signing', artifact: 'package', keyless: false }, line: signLine ?? signingLine, custodyHint: custody, custodyLine });
  }
  if (android !== undefined && /storeFile/.test(text)) {
    out.push({ rec: { kind: 'sign', tool: 'apksigner', artifact: 'package', keyless: false }, line: android, custodyHint: androidSecret ? 'ci-secret' : undefined, custodyLine: androidLine });
  }
  return out;
}
