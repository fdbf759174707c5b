/**
 * The portfolio's "Verification across repositories" section (Markdown and HTML): every verifier of
 * every repository with its verdict against the signers of all repositories given, and the keyless
 * signers that no verifier anywhere accepts.
 */
import type { Lang } from '../i18n/report-messages.js';
import { verificationMessages } from '../i18n/verification-messages.js';
import { mdCode, mdTable, mdText } from '../report/markdown-text.js';
import { breadthOf } from '../detect/identity/match.js';
import type { CrossVerification } from './cross-verify.js';

const M = {
  en: {
    heading: 'Verification across repositories',
    intro: "Each verifier (admission policy, verify step) is matched against the keyless signers of every repository in this portfolio, as the verifier evaluates identities.",
    cols: ['Repository', 'Verifier', 'Verdict', 'Accepts'],
    unverified: 'Keyless signers no verifier in the portfolio accepts',
    none: 'none',
  },
  ja: {
    heading: 'リポジトリをまたいだ検証の照合',
    intro: '各検証 (アドミッションポリシー、検証ステップ) を、このポートフォリオの全リポジトリのキーレス署名者と、その検証と同じ評価方法で照合しています。',
    cols: ['リポジトリ', '検証', '判定', '受け入れる署名者'],
    unverified: 'どの検証にも受け入れられないキーレス署名者',
    none: 'なし',
  },
} as const;

function rows(x: CrossVerification, lang: Lang): string[][] {
  const t = verificationMessages[lang];
  return x.verifiers.map((v) => [
    v.repository, `${v.verifier} ${v.kind}: ${v.name}`,
    `${t.status[v.status]}${v.alsoAccepts ? `: ${t.alsoAccepts(breadthOf(v.alsoAccepts))}` : v.condition ? `: ${v.condition}` : ''}`,
    v.accepts.join(', ') || M[lang].none,
  ]);
}

export function verificationMarkdown(x: CrossVerification | undefined, lang: Lang): string[] {
  if (!x || (x.verifiers.length === 0 && x.unverifiedSigners.length === 0)) return [];
  const m = M[lang];
  const out = [`## ${m.heading}`, '', m.intro, ''];
  if (x.verifiers.length) out.push(...mdTable([...m.cols], rows(x, lang).map((r) => r.map(mdText))), '');
  out.push(`### ${m.unverified}`, '', x.unverifiedSigners.length ? x.unverifiedSigners.map((s) => `- ${mdText(s.repository)}: ${mdCode(s.subject)}`).join('\n') : m.none, '');
  return out;
}

export function verificationHtml(x: CrossVerification | undefined, lang: Lang, e: (text: string) => string): string {
  if (!x || (x.verifiers.length === 0 && x.unverifiedSigners.length === 0)) return '';
  const m = M[lang];
  const table = x.verifiers.length
    ? `<table><thead><tr>${m.cols.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>${rows(x, lang).map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    : '';
  const signers = x.unverifiedSigners.length ? `<ul>${x.unverifiedSigners.map((s) => `<li>${e(s.repository)}: <code>${e(s.subject)}</code></li>`).join('')}</ul>` : `<p>${e(m.none)}</p>`;
  return `<h2>${e(m.heading)}</h2><p>${e(m.intro)}</p>${table}<h3>${e(m.unverified)}</h3>${signers}`;
}
