/**
 * The portfolio as Markdown, self-contained HTML and JSON. Every repository-derived string is
 * untrusted: Markdown escapes it as table text, HTML escapes it and embeds the data as JSON with
 * `<` escaped, under a CSP that allows only the page's own inline script and style (by hash).
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../i18n/report-messages.js';
import { mdTable, mdText, stripControls } from '../report/markdown-text.js';
import { escapeHtml } from '../report/render.js';
import type { PortfolioRow, PortfolioSummary, PortfolioTrend } from './rows.js';
import type { CrossVerification } from './cross-verify.js';
import { verificationHtml, verificationMarkdown } from './render-verification.js';

export const PORTFOLIO_SCHEMA_VERSION = 1;

export interface PortfolioDoc {
  rows: PortfolioRow[];
  summary: PortfolioSummary;
  /** JSON inputs that could not be read, one line each. */
  badInputs: { file: string; error: string }[];
  groupBy?: string;
  date: string;
  tool: { name: string; version: string };
  /** Step id → localized title (from the roadmap catalogue), for the next-step column. */
  stepTitles: Record<string, { en: string; ja: string }>;
  /** With `--previous`: what changed since that run. */
  trend?: PortfolioTrend;
  /** Every repository's verifiers against every repository's keyless signers (cross-verify.ts). */
  verification?: CrossVerification;
}

const M = {
  en: {
    title: 'Artifact-signing portfolio (OWASP DSOVS REL-001)',
    generated: 'Generated', repositories: 'Repositories', failed: 'failed',
    summary: 'Summary', distribution: 'Levels', detected: 'detected (scan)', assessed: 'assessed (answers)',
    level: 'Level', count: 'Repositories',
    unsigned: 'Repositories publishing unsigned artifacts', longLived: 'Long-lived keys by custody',
    custodyCol: 'Custody', committed: 'Committed private keys', committedText: (k: number, r: number) => `${k} key(s) in ${r} repository(ies) (paths and content are not shown here)`,
    contradicted: 'Repositories whose answers the repository contradicts',
    cheapest: 'Cheapest next steps', step: 'Next step', effort: 'Effort', unlocks: 'Unlocks level',
    table: 'Repositories', none: 'none',
    cols: {
      name: 'Repository', group: 'Group', detected: 'Detected', assessed: 'Assessed', signs: 'Signs', keyless: 'Keyless',
      custody: 'Custody', verifies: 'Verifies', tools: 'Tools', published: 'Published', signed: 'Signed', keys: 'Committed keys',
      contradictions: 'Contradictions', date: 'Last assessment', next: 'Next step', error: 'Error',
    },
    yes: 'yes', no: 'no', errors: 'Repositories that could not be scanned', badInputs: 'Inputs that could not be read',
    groups: 'By group', filter: 'Filter', allLevels: 'all levels',
    efforts: { small: 'small', medium: 'medium', large: 'large' },
    since: 'Since the previous run', up: 'Moved up', down: 'Moved down', newUnsigned: 'New unsigned publishers',
    added: 'New repositories', removed: 'Repositories no longer present',
  },
  ja: {
    title: '成果物署名ポートフォリオ (OWASP DSOVS REL-001)',
    generated: '作成日', repositories: 'リポジトリ数', failed: '件失敗',
    summary: '概要', distribution: 'レベル分布', detected: '検出 (スキャン)', assessed: '評価 (回答)',
    level: 'レベル', count: 'リポジトリ数',
    unsigned: '未署名の成果物を公開しているリポジトリ', longLived: '長期鍵の保管方法別',
    custodyCol: '保管方法', committed: 'コミットされた秘密鍵', committedText: (k: number, r: number) => `${r} リポジトリに ${k} 個 (パスと内容はここには表示しません)`,
    contradicted: '回答がリポジトリと矛盾しているリポジトリ',
    cheapest: '次の一歩が最も軽いリポジトリ', step: '次の一歩', effort: '工数', unlocks: '到達レベル',
    table: 'リポジトリ一覧', none: 'なし',
    cols: {
      name: 'リポジトリ', group: 'グループ', detected: '検出', assessed: '評価', signs: '署名', keyless: 'キーレス',
      custody: '鍵の保管', verifies: '検証', tools: 'ツール', published: '公開', signed: '署名済み', keys: 'コミット鍵',
      contradictions: '矛盾', date: '最終評価日', next: '次の一歩', error: 'エラー',
    },
    yes: 'はい', no: 'いいえ', errors: 'スキャンできなかったリポジトリ', badInputs: '読めなかった入力',
    groups: 'グループ別', filter: '絞り込み', allLevels: 'すべてのレベル',
    efforts: { small: '小', medium: '中', large: '大' },
    since: '前回の実行からの変化', up: 'レベルが上がった', down: 'レベルが下がった', newUnsigned: '新たに未署名で公開しているリポジトリ',
    added: '新しいリポジトリ', removed: 'なくなったリポジトリ',
  },
} as const;

// ---------------------------------------------------------------- JSON

export function renderJson(doc: PortfolioDoc): string {
  const value = {
    schemaVersion: PORTFOLIO_SCHEMA_VERSION,
    kind: 'portfolio',
    tool: doc.tool,
    date: doc.date,
    ...(doc.groupBy ? { groupBy: doc.groupBy } : {}),
    summary: doc.summary,
    ...(doc.trend ? { trend: doc.trend } : {}),
    ...(doc.verification ? { verification: doc.verification } : {}),
    repositories: doc.rows,
    badInputs: doc.badInputs,
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ---------------------------------------------------------------- cells

function stepTitle(doc: PortfolioDoc, lang: Lang, row: PortfolioRow): string {
  if (!row.nextStep) return '';
  return doc.stepTitles[row.nextStep.id]?.[lang] ?? row.nextStep.title;
}

interface Cell { text: string; sort: string | number }

function cells(doc: PortfolioDoc, lang: Lang, row: PortfolioRow): Record<string, Cell> {
  const m = M[lang];
  const yn = (v: boolean | undefined): Cell => ({ text: v === undefined ? '' : v ? m.yes : m.no, sort: v === undefined ? -1 : Number(v) });
  const num = (v: number | undefined): Cell => ({ text: v === undefined ? '' : String(v), sort: v ?? -1 });
  const list = (v: string[] | undefined): Cell => ({ text: (v ?? []).join(', '), sort: (v ?? []).join(',') });
  const next = row.nextStep;
  return {
    name: { text: row.id, sort: row.id },
    ...(doc.groupBy ? { group: { text: row.group ?? '', sort: row.group ?? '' } } : {}),
    detected: num(row.detectedLevel),
    assessed: num(row.assessedLevel),
    signs: yn(row.signs),
    keyless: yn(row.keyless),
    custody: list(row.custody),
    verifies: yn(row.verifies),
    tools: list(row.tools),
    published: num(row.published),
    signed: num(row.signedPublished),
    keys: num(row.committedKeys),
    contradictions: num(row.contradictions),
    date: { text: row.assessedOn ?? '', sort: row.assessedOn ?? '' },
    next: { text: next ? `${stepTitle(doc, lang, row)} (${m.efforts[next.effort]})` : '', sort: next ? `${next.effort === 'small' ? 0 : next.effort === 'medium' ? 1 : 2}${stepTitle(doc, lang, row)}` : '9' },
  };
}

// ---------------------------------------------------------------- Markdown


export function renderMarkdown(doc: PortfolioDoc, lang: Lang): string {
  const m = M[lang];
  const s = doc.summary;
  const out: string[] = [`# ${m.title}`, '', `${m.generated}: ${doc.date}. ${m.repositories}: ${s.repositories}${s.failed ? ` (${s.failed} ${m.failed})` : ''}.`, ''];
  out.push(`## ${m.summary}`, '', `### ${m.distribution}`, '');
  out.push(...mdTable([m.level, m.detected, m.assessed], [0, 1, 2, 3].map((l) => [String(l), String(s.detectedLevels[l]), String(s.assessedLevels[l])])), '');
  const names = (list: string[]) => (list.length ? list.map(mdText).join(', ') : m.none);
  out.push(`### ${m.unsigned}`, '', `${s.unsignedPublishing.length}: ${names(s.unsignedPublishing)}`, '');
  out.push(`### ${m.longLived}`, '');
  const custody = Object.entries(s.longLivedKeys);
  if (custody.length) out.push(...mdTable([m.custodyCol, m.count], custody.map(([c, r]) => [mdText(c), `${r.length}: ${names(r)}`])), '');
  else out.push(m.none, '');
  out.push(`### ${m.committed}`, '', s.committedKeys.keys ? `${m.committedText(s.committedKeys.keys, s.committedKeys.repositories.length)}: ${names(s.committedKeys.repositories)}` : m.none, '');
  out.push(`### ${m.contradicted}`, '', names(s.contradicted), '');
  if (doc.trend) {
    const t = doc.trend;
    const moves = (list: { name: string; from: number; to: number }[]) => (list.length ? list.map((x) => `${mdText(x.name)} (${x.from} → ${x.to})`).join(', ') : m.none);
    out.push(`### ${m.since}`, '', `- ${m.up}: ${moves(t.up)}`, `- ${m.down}: ${moves(t.down)}`, `- ${m.newUnsigned}: ${names(t.newUnsignedPublishers)}`,
      `- ${m.added}: ${names(t.added)}`, `- ${m.removed}: ${names(t.removed)}`, '');
  }
  out.push(`### ${m.cheapest}`, '');
  if (s.cheapest.length) {
    out.push(...mdTable([m.cols.name, m.level, m.step, m.effort, m.unlocks], s.cheapest.map((c) => [
      mdText(c.name), String(c.level), mdText(doc.stepTitles[c.step.id]?.[lang] ?? c.step.title), m.efforts[c.step.effort], String(c.step.unlocksLevel),
    ])), '');
  } else out.push(m.none, '');
  if (doc.groupBy) {
    out.push(`### ${m.groups}`, '');
    const groups = groupCounts(doc.rows);
    out.push(...mdTable([m.cols.group, m.count, 'L0', 'L1', 'L2', 'L3'], groups.map(([g, c]) => [mdText(g), String(c.total), ...c.levels.map(String)])), '');
  }
  out.push(...verificationMarkdown(doc.verification, lang));
  const ok = doc.rows.filter((r) => !r.error);
  out.push(`## ${m.table}`, '');
  if (ok.length) {
    const keys = Object.keys(cells(doc, lang, ok[0]!));
    out.push(...mdTable(keys.map((k) => m.cols[k as keyof typeof m.cols]), ok.map((r) => Object.values(cells(doc, lang, r)).map((c) => mdText(c.text)))), '');
  } else out.push(m.none, '');
  const failed = doc.rows.filter((r) => r.error);
  if (failed.length) {
    out.push(`## ${m.errors}`, '', ...mdTable([m.cols.name, m.cols.error], failed.map((r) => [mdText(r.id), mdText(r.error!)])), '');
  }
  if (doc.badInputs.length) {
    out.push(`## ${m.badInputs}`, '', ...mdTable(['File', m.cols.error], doc.badInputs.map((b) => [mdText(b.file), mdText(b.error)])), '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function groupCounts(rows: PortfolioRow[]): [string, { total: number; levels: number[] }][] {
  const groups = new Map<string, { total: number; levels: number[] }>();
  for (const r of rows) {
    if (r.error) continue;
    const g = r.group ?? '(none)';
    const entry = groups.get(g) ?? { total: 0, levels: [0, 0, 0, 0] };
    entry.total += 1;
    entry.levels[r.assessedLevel ?? r.detectedLevel ?? 0]! += 1;
    groups.set(g, entry);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------- HTML

/** JSON safe inside `<script type="application/json">`: no `<` (so no `</script>`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #c8ccd1;padding:.25rem .5rem;text-align:left;vertical-align:top}
th[data-key]{cursor:pointer;background:#f3f4f6}th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
.bar{color:#2f6feb}.l0 .level{color:#b42318}
.controls{margin:.5rem 0}.controls input,.controls select{margin-right:1rem}`;

// The table's rows are rendered on the server (escaped) and carry their index into the embedded
// data; the script only reorders and hides them, and never writes HTML.
const SCRIPT = `(function(){
var data=JSON.parse(document.getElementById('portfolio-data').textContent);
var table=document.getElementById('repos');if(!table)return;
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
var heads=table.tHead.rows[0].cells;var state={key:null,dir:1};
function value(tr,key){return data.sort[Number(tr.getAttribute('data-i'))][key];}
function sortBy(key){state.dir=state.key===key?-state.dir:1;state.key=key;
rows.sort(function(a,b){var x=value(a,key),y=value(b,key);return (x<y?-1:x>y?1:0)*state.dir||Number(a.getAttribute('data-i'))-Number(b.getAttribute('data-i'));});
rows.forEach(function(tr){body.appendChild(tr);});
for(var i=0;i<heads.length;i++){heads[i].setAttribute('aria-sort',heads[i].getAttribute('data-key')===key?(state.dir>0?'ascending':'descending'):'none');}}
for(var i=0;i<heads.length;i++){(function(th){th.addEventListener('click',function(){sortBy(th.getAttribute('data-key'));});})(heads[i]);}
var text=document.getElementById('filter'),level=document.getElementById('level');
function filter(){var q=text.value.toLowerCase(),l=level.value;rows.forEach(function(tr){
var d=data.sort[Number(tr.getAttribute('data-i'))];var show=(!q||tr.textContent.toLowerCase().indexOf(q)>=0)&&(l===''||String(d.level)===l);
tr.hidden=!show;});}
text.addEventListener('input',filter);level.addEventListener('change',filter);})();`;

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export function renderHtml(doc: PortfolioDoc, lang: Lang): string {
  const m = M[lang];
  const s = doc.summary;
  // repository text: no control, bidi or zero-width characters, as in the Markdown (mdText)
  const e = (text: string) => escapeHtml(stripControls(text));
  const ok = doc.rows.filter((r) => !r.error);
  const all = ok.map((r) => cells(doc, lang, r));
  const keys = all.length ? Object.keys(all[0]!) : [];
  const sortData = all.map((c, i) => ({
    ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.sort])),
    level: ok[i]!.assessedLevel ?? ok[i]!.detectedLevel ?? 0,
  }));
  const names = (list: string[]) => (list.length ? e(list.join(', ')) : e(m.none));
  const max = Math.max(1, ...s.detectedLevels, ...s.assessedLevels);
  const bar = (n: number) => `<span class="bar">${'\u2588'.repeat(Math.round((n / max) * 20))}</span> ${n}`;
  const parts: string[] = [];
  parts.push(`<h1>${e(m.title)}</h1>`, `<p>${e(m.generated)}: ${e(doc.date)}. ${e(m.repositories)}: ${s.repositories}${s.failed ? ` (${s.failed} ${e(m.failed)})` : ''}.</p>`);
  parts.push(`<h2>${e(m.summary)}</h2>`, `<h3>${e(m.distribution)}</h3>`);
  parts.push(`<table><thead><tr><th>${e(m.level)}</th><th>${e(m.detected)}</th><th>${e(m.assessed)}</th></tr></thead><tbody>${
    [0, 1, 2, 3].map((l) => `<tr><td>${l}</td><td>${bar(s.detectedLevels[l]!)}</td><td>${bar(s.assessedLevels[l]!)}</td></tr>`).join('')}</tbody></table>`);
  parts.push(`<h3>${e(m.unsigned)}</h3><p>${s.unsignedPublishing.length}: ${names(s.unsignedPublishing)}</p>`);
  const custody = Object.entries(s.longLivedKeys);
  parts.push(`<h3>${e(m.longLived)}</h3>`, custody.length
    ? `<table><thead><tr><th>${e(m.custodyCol)}</th><th>${e(m.count)}</th></tr></thead><tbody>${custody.map(([c, r]) => `<tr><td>${e(c)}</td><td>${r.length}: ${names(r)}</td></tr>`).join('')}</tbody></table>`
    : `<p>${e(m.none)}</p>`);
  parts.push(`<h3>${e(m.committed)}</h3><p>${s.committedKeys.keys ? `${e(m.committedText(s.committedKeys.keys, s.committedKeys.repositories.length))}: ${names(s.committedKeys.repositories)}` : e(m.none)}</p>`);
  parts.push(`<h3>${e(m.contradicted)}</h3><p>${names(s.contradicted)}</p>`);
  if (doc.trend) {
    const t = doc.trend;
    const moves = (list: { name: string; from: number; to: number }[]) => (list.length ? list.map((x) => `${e(x.name)} (${x.from} → ${x.to})`).join(', ') : e(m.none));
    parts.push(`<h3>${e(m.since)}</h3><ul><li>${e(m.up)}: ${moves(t.up)}</li><li>${e(m.down)}: ${moves(t.down)}</li><li>${e(m.newUnsigned)}: ${names(t.newUnsignedPublishers)}</li>` +
      `<li>${e(m.added)}: ${names(t.added)}</li><li>${e(m.removed)}: ${names(t.removed)}</li></ul>`);
  }
  parts.push(`<h3>${e(m.cheapest)}</h3>`, s.cheapest.length
    ? `<table><thead><tr><th>${e(m.cols.name)}</th><th>${e(m.level)}</th><th>${e(m.step)}</th><th>${e(m.effort)}</th><th>${e(m.unlocks)}</th></tr></thead><tbody>${
      s.cheapest.map((c) => `<tr><td>${e(c.name)}</td><td>${c.level}</td><td>${e(doc.stepTitles[c.step.id]?.[lang] ?? c.step.title)}</td><td>${e(m.efforts[c.step.effort])}</td><td>${c.step.unlocksLevel}</td></tr>`).join('')}</tbody></table>`
    : `<p>${e(m.none)}</p>`);
  if (doc.groupBy) {
    parts.push(`<h3>${e(m.groups)}</h3><table><thead><tr><th>${e(m.cols.group)}</th><th>${e(m.count)}</th><th>L0</th><th>L1</th><th>L2</th><th>L3</th></tr></thead><tbody>${
      groupCounts(doc.rows).map(([g, c]) => `<tr><td>${e(g)}</td><td>${c.total}</td>${c.levels.map((n) => `<td>${n}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
  }
  parts.push(verificationHtml(doc.verification, lang, e));
  parts.push(`<h2>${e(m.table)}</h2>`);
  parts.push(`<div class="controls"><label>${e(m.filter)} <input id="filter" type="search"></label><select id="level" aria-label="${e(m.level)}"><option value="">${e(m.allLevels)}</option>${
    [0, 1, 2, 3].map((l) => `<option value="${l}">${e(m.level)} ${l}</option>`).join('')}</select></div>`);
  parts.push(`<table id="repos"><thead><tr>${keys.map((k) => `<th data-key="${k}" aria-sort="none">${e(m.cols[k as keyof typeof m.cols])}</th>`).join('')}</tr></thead><tbody>${
    all.map((c, i) => `<tr data-i="${i}" class="l${sortData[i]!.level}">${keys.map((k) => `<td${k === 'detected' ? ' class="level"' : ''}>${e(c[k]!.text)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`);
  const failed = doc.rows.filter((r) => r.error);
  if (failed.length) {
    parts.push(`<h2>${e(m.errors)}</h2><table><thead><tr><th>${e(m.cols.name)}</th><th>${e(m.cols.error)}</th></tr></thead><tbody>${
      failed.map((r) => `<tr><td>${e(r.id)}</td><td>${e(r.error!)}</td></tr>`).join('')}</tbody></table>`);
  }
  if (doc.badInputs.length) {
    parts.push(`<h2>${e(m.badInputs)}</h2><ul>${doc.badInputs.map((b) => `<li>${e(b.file)}: ${e(b.error)}</li>`).join('')}</ul>`);
  }
  const csp = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="referrer" content="no-referrer">
<title>${e(m.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
<script type="application/json" id="portfolio-data">${scriptJson({ sort: sortData })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
