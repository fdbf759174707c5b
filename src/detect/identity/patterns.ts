/**
 * The pattern languages on both sides of a signature check, turned into JavaScript regular expressions:
 * GitHub's filter patterns (a workflow's `on.push.tags`), Kyverno's wildcards, and Go's RE2 syntax
 * (cosign, Kyverno, policy-controller and Flux compile identities with Go's `regexp` and call
 * `MatchString`, which searches anywhere in the value: `github.com/acme/app` also matches
 * `https://github.com/acme/app-fork/...` unless the expression is anchored).
 */
import type { Matcher } from './model.js';

/** Text as a regular expression that matches exactly it. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * A GitHub Actions filter pattern (branches, tags: `*` any characters but `/`, `**` any characters,
 * `?` and `+` after a character, `[…]` a class) as the body of a regular expression.
 */
export function githubGlobSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else out += '[^/]*';
    } else if (ch === '?' || ch === '+') out += ch;
    else if (ch === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += glob.slice(i, end + 1);
        i = end;
      }
    } else out += escapeRegExp(ch);
  }
  return out;
}

/**
 * One ref a filter pattern accepts, to stand for the set in a comparison: `v*` → `v1.0.0`,
 * `v[0-9]+.[0-9]+.[0-9]+` → `v1.1.1`, `release/**` → `release/1.0.0`.
 */
export function sampleOfGlob(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') i++;
      // a lone trailing star reads as a version (v1.0.0, release-1.0.0); stars between dots as numbers (v1.1.1)
      out += i === glob.length - 1 && !glob.slice(0, i).includes('*') && !glob.includes('.') ? '1.0.0' : '1';
    } else if (ch === '?' || ch === '+') continue;
    else if (ch === '[') {
      const end = glob.indexOf(']', i);
      const cls = end < 0 ? '' : glob.slice(i + 1, end);
      out += cls.startsWith('0-9') ? '1' : (cls[0] ?? '');
      if (end >= 0) i = end;
    } else out += ch;
  }
  return out;
}

/** Kyverno's wildcard (`*`, `?`) over the whole value. */
export function wildcardRegExp(pattern: string): RegExp {
  const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c))).join('');
  return new RegExp(`^${body}$`);
}

/**
 * A Go RE2 expression as a JavaScript one, searching anywhere (as `MatchString` does), or undefined
 * when it uses syntax JavaScript reads differently. Leading flags `(?i)` become JavaScript flags;
 * `\A` and `\z` are the anchors they are.
 */
export function goRegExp(source: string): RegExp | undefined {
  let body = source;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(body);
  if (lead) {
    if (lead[1]!.includes('U')) return undefined;
    flags = lead[1]!.replace(/[^ims]/g, '');
    body = body.slice(lead[0].length);
  }
  if (/\(\?[a-zA-Z]*[:)]/.test(body.replace(/\(\?P?</g, ''))) return undefined;
  body = body.replace(/\\A/g, '^').replace(/\\z/g, '$').replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(body, flags);
  } catch {
    return undefined;
  }
}

/** Does a matcher accept a value? undefined when its expression cannot be read. */
export function accepts(m: Matcher, value: string): boolean | undefined {
  switch (m.how) {
    case 'exact':
      return m.value === value;
    case 'prefix':
      return value.startsWith(m.value);
    case 'wildcard':
      return wildcardRegExp(m.value).test(value);
    case 'regexp': {
      const re = goRegExp(m.value);
      return re === undefined ? undefined : re.test(value);
    }
  }
}

/**
 * Does a matcher accept any value of a set (given by a whole-value pattern and representative
 * samples)? Samples are tried first; an exact or wildcard matcher also offers its own value (its
 * wildcards filled in) to the set's pattern, so `…@refs/tags/v2.3.1` is found in `…@refs/tags/v*`.
 */
export function acceptsAnyOf(m: Matcher, samples: readonly string[], pattern?: RegExp): boolean | undefined {
  let unreadable = false;
  for (const s of samples) {
    const r = accepts(m, s);
    if (r === true) return true;
    if (r === undefined) unreadable = true;
  }
  if (unreadable) return undefined;
  if (pattern && (m.how === 'exact' || m.how === 'wildcard')) {
    for (const fill of ['1.0.0', '1', 'v1.0.0', 'main']) if (pattern.test(m.value.replace(/\*/g, fill).replace(/\?/g, '1'))) return true;
  }
  return false;
}

/** How a matcher reads in a report: `= x`, `~ /x/`, `* x`, `x…`. */
export function describeMatcher(m: Matcher): string {
  switch (m.how) {
    case 'exact':
      return m.value;
    case 'prefix':
      return `${m.value}…`;
    case 'wildcard':
      // a wildcard pattern without a wildcard is an exact value
      return /[*?]/.test(m.value) ? `${m.value} (wildcard)` : m.value;
    case 'regexp':
      return `/${m.value}/`;
  }
}
