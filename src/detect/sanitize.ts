/**
 * Makes text from the (untrusted) repository safe to show: on a terminal, in a report, in JSON.
 *
 * 1. Terminal control: ANSI/VT escape sequences (CSI, OSC, DCS, SOS/PM/APC, in their 7-bit and C1
 *    forms) are removed whole, then every remaining C0/C1 control and DEL, bidi overrides/isolates,
 *    zero-width and other invisible characters. Line breaks and tabs become spaces: the result is one line.
 * 2. Secrets: private key blocks, well-known token formats and literal values assigned to
 *    password/secret/token/api-key names become `[REDACTED]`. References such as `${{ secrets.X }}`,
 *    `$VAR` or `env://X` are kept: they name a secret, they do not hold one.
 * 3. Length: trimmed and cut (on a code point boundary) with "…".
 */

export const REDACTED = '[REDACTED]';

/** Work on at most this many characters (after control stripping) before redacting and cutting. */
const WORK_WINDOW = 4096;

// --- 1. Terminal control --------------------------------------------------------------------

/* eslint-disable no-control-regex */
const ESCAPE_SEQUENCES = new RegExp(
  [
    // CSI: ESC [ or C1 0x9B, parameter bytes, intermediate bytes, final byte
    '(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    // OSC, DCS, SOS, PM, APC: payload up to BEL or ST (ESC \ or C1 0x9C), or to the end
    '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?',
    // Any other escape: ESC, intermediate bytes, final byte
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
  ].join('|'),
  'g',
);

/** Controls, DEL, C1, bidi controls, zero-width and other invisible format characters. */
const INVISIBLE =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
/** Whitespace that would break the line, and runs of blanks. */
const BREAKING_SPACE = /[\t\n\r\u0085\u2028\u2029 ]+/g;
/* eslint-enable no-control-regex */

function stripControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(INVISIBLE, '').replace(BREAKING_SPACE, ' ');
}

// --- 2. Secrets -----------------------------------------------------------------------------

/** A private key block, from its header to its footer (or to the end of the text). */
const PRIVATE_KEY_BLOCK =
  /-{4,5}\s*BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?\s*-{4,5}(?:[\s\S]*?-{4,5}\s*END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?\s*-{4,5}|[\s\S]*$)/g;
/** A lone footer (the excerpt of the last line of a key). */
const PRIVATE_KEY_FOOTER = /-{4,5}\s*END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?\s*-{4,5}/g;

const TOKEN_PATTERNS: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,255}\b/g, // GitHub classic tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,255}/g, // GitHub fine-grained tokens
  /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g, // AWS access key ids
  /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g, // Slack app-level
  /\bglpat-[A-Za-z0-9_-]{20,}/g, // GitLab personal access tokens
  /\bgl(?:dt|rt|ptt|cbt|soat)-[A-Za-z0-9_-]{20,}/g, // other GitLab tokens
  /\bnpm_[A-Za-z0-9]{36}\b/g, // npm
  /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, // PyPI API tokens
  /\bAGE-SECRET-KEY-1[0-9A-Z]{50,}/g, // age identities
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWT
  /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}/g, // Stripe
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API keys
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*/g, // Authorization headers
];

/** `scheme://user:password@`: the password part. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:)([^\s@/'"]{3,})@/gi;

/**
 * AWS secret access keys: 40 base64 characters after an aws secret name. Covered in general by the
 * assignment rule below; kept for unusual separators (`aws_secret_access_key	=	...`).
 */
const AWS_SECRET = /\b(aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi;

/**
 * `name = value`, `name: value`, `"name": "value"` and `--name value` / `--name=value` where the name
 * ends with a secret-ish word. The value is redacted unless it is a reference or a non-secret word.
 */
const SECRET_ASSIGNMENT =
  /((?:--|\b)[A-Za-z0-9_.-]{0,64}?(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret)["']?(?:\s*[:=]\s*|(?<=--[A-Za-z0-9_.-]{0,80})\s+))(\$\{\{.*?\}\}|\{\{.*?\}\}|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',;)}\]]+)/gi;

/** Values that name a secret rather than hold one, or cannot be one. */
function isReference(value: string): boolean {
  const v = value.replace(/^["']|["']$/g, '').trim();
  if (v === '') return true;
  if (/^\$\{\{[\s\S]*\}\}$/.test(v)) return true; // ${{ secrets.X }}
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(?:[:?\-=+][^}]*)?\}?$/.test(v)) return true; // $VAR, ${VAR}, ${VAR:-x}
  if (/^\$\(/.test(v)) return true; // $(command) substitution
  if (/^\$[A-Za-z_]/.test(v)) return true; // $(VAR) in Azure, $VAR.suffix
  if (/^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v)) return true; // %VAR%
  if (/^\{\{[\s\S]*\}\}$/.test(v)) return true; // {{ template }}
  if (/^<[^<>]*>$/.test(v)) return true; // <placeholder>
  if (/^(?:env|file|k8s|awskms|gcpkms|azurekms|hashivault|pkcs11|vault|secretsmanager|op|ref):/i.test(v)) return true;
  if (/^(?:true|false|yes|no|on|off|null|none|read|write|required|optional|auto|~|\*+|x+|-+|\.\.\.|…)$/i.test(v)) return true;
  if (/^(?:secrets|env|vars|inputs|steps|needs|github|matrix)\.[A-Za-z0-9_.-]+$/.test(v)) return true; // expression parts
  return false;
}

/**
 * A long base64 run (a key body line): both cases and a digit, `+` or `/`. Hex digests and commit ids (one case
 * only) are kept, and so are paths with an extension or dashes (those characters end a run). Slashes
 * are not a sign of a path: a 64-character key line holds one on average and five or more one time in
 * three hundred, so a path-like run without extension is redacted rather than risk a key line.
 */
const BASE64_RUN = /(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=_.-])/g;
function looksLikeKeyMaterial(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9+/]/.test(run);
}

export function redactSecrets(text: string): string {
  let out = text.replace(PRIVATE_KEY_BLOCK, REDACTED).replace(PRIVATE_KEY_FOOTER, REDACTED);
  for (const re of TOKEN_PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(URL_CREDENTIALS, (m, prefix: string, value: string) => (isReference(value) ? m : `${prefix}${REDACTED}@`));
  out = out.replace(AWS_SECRET, (_m, prefix: string) => prefix + REDACTED);
  out = out.replace(SECRET_ASSIGNMENT, (m, prefix: string, value: string) =>
    isReference(value) || value === REDACTED ? m : prefix + REDACTED);
  out = out.replace(BASE64_RUN, (run) => (looksLikeKeyMaterial(run) ? REDACTED : run));
  return out;
}

// --- 3. Length ------------------------------------------------------------------------------

function cut(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  // Cut on a code point boundary; the ellipsis counts toward the maximum.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + '…';
}

/** An evidence excerpt: one line, no control sequences, no secrets, at most `max` characters. */
export function sanitizeExcerpt(text: string, max = 160): string {
  const flat = stripControls(String(text));
  return cut(redactSecrets(flat.slice(0, Math.max(WORK_WINDOW, max * 4))).trim(), max);
}

/** A one-line message fragment (a file name in a warning, an error message): same rules, 300 characters. */
export function sanitizeLine(text: string): string {
  return sanitizeExcerpt(text, 300);
}
