/**
 * The whole record: what an auditor files and signs. Every answer of the answers file is in the
 * appendix; criteria show where they stand (a detected-only criterion is never "met"); open items
 * say who settles them; overrides, scope, method, limitations and sign-off are there, in both
 * languages.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/detect/types.js';
import type { Lang } from '../../src/i18n/report-messages.js';
import { loadBank } from '../../src/model/bank.js';
import { generateReport } from '../../src/report/generate.js';
import { mdCode, mdText, mdTrusted } from '../../src/report/markdown-text.js';
import { loadRoadmapCatalog } from '../../src/report/roadmap.js';
import { parseAnswers, type Answer, type AnswersFile } from '../../src/session/answers-file.js';
import { boot } from '../../src/ui/run.js';
import { createWizardStore, type WizardStore } from '../../src/ui/store/create-wizard-store.js';
import type { WizardPaths } from '../../src/ui/store/types.js';
import { keySecretScan, wizardWorkspaces } from '../ui/fixtures.js';
import { claimKeylessAgainstScan, ENTER, press, renderWizard, waitForFrame, type Rendered } from '../ui/ink-helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bank = loadBank();
const catalog = loadRoadmapCatalog();
const tool = { name: 'sigmature', version: '0.0.0-test' };
const LANGS: Lang[] = ['en', 'ja'];

function load(path: string): { text: string; file: AnswersFile } {
  const text = readFileSync(path, 'utf8');
  return { text, file: parseAnswers(text, path, bank).file };
}
const fullRecord = () => load(join(root, 'test', 'report', 'fixtures', 'full-record.answers.yaml'));

async function render(file: AnswersFile, lang: Lang, format: 'markdown' | 'html' | 'json' = 'markdown') {
  return (await generateReport({ bank, answers: file, lang, format, tool, catalog })).text;
}

/** The text of one `## ` section, heading included, up to the next `## ` heading. */
function section(report: string, heading: string): string {
  const start = report.indexOf(`\n## ${heading}\n`);
  expect(start, `section "${heading}"`).toBeGreaterThan(-1);
  const end = report.indexOf('\n## ', start + 1);
  return report.slice(start, end === -1 ? undefined : end);
}

const APPENDIX: Record<Lang, string> = { en: 'Appendix: the whole record', ja: '付録: 全記録' };
const label = (qid: string, value: string, lang: Lang) =>
  mdTrusted(bank.byId.get(qid)!.options.find((o) => o.value === value)!.label[lang]);

/** Every answer, value, note, contradiction, override and evidence place of the file is in the appendix. */
function expectWholeRecord(appendix: string, file: AnswersFile, lang: Lang) {
  const entries = Object.entries(file.answers) as [string, Answer][];
  expect(entries.length).toBeGreaterThan(0);
  for (const [id, a] of entries) {
    const item = appendix.slice(appendix.indexOf(`- **${id}**`));
    expect(appendix, id).toContain(`- **${id}**`);
    const own = item.slice(0, item.indexOf('\n- **', 1) === -1 ? undefined : item.indexOf('\n- **', 1));
    for (const v of [a.value].flat()) expect(own, `${id} value ${v}`).toContain(`**${label(id, v, lang)}**`);
    if (a.note) expect(own, `${id} note`).toContain(mdText(a.note));
    if (a.contradiction) expect(own, `${id} contradiction`).toContain(mdText(a.contradiction));
    if (a.override) {
      for (const v of [a.override.detected].flat()) expect(own, `${id} detected ${v}`).toContain(`**${label(id, v, lang)}**`);
      if (a.override.reason) expect(own, `${id} reason`).toContain(mdText(a.override.reason));
    }
    for (const e of a.evidence ?? []) {
      expect(own, `${id} evidence`).toContain(mdCode(`${e.file}:${e.line}`));
      if (e.detector) expect(own, `${id} detector`).toContain(mdCode(e.detector));
      if (e.excerpt) expect(own, `${id} excerpt`).toContain(mdCode(e.excerpt));
    }
  }
}

describe('appendix: the whole record', () => {
  it.each(LANGS)('holds every answer, note, contradiction, override and evidence of an answers file (%s)', async (lang) => {
    const { file } = fullRecord();
    const appendix = section(await render(file, lang), APPENDIX[lang]);
    expectWholeRecord(appendix, file, lang);
    // every question of the bank is there, answered or not
    for (const q of bank.questions) expect(appendix).toContain(`- **${q.id}**`);
    // unanswered questions say so
    expect(appendix).toMatch(lang === 'en' ? /- \*\*VER-1\*\* .*: \*not answered\*/ : /- \*\*VER-1\*\* .*: \*未回答\*/);
  });

  it.each(LANGS)('says why a question was skipped, and keeps an answer recorded for it (%s)', async (lang) => {
    const { file } = fullRecord();
    file.answers['COV-2'] = { value: 'none', source: 'stated' };
    const appendix = section(await render(file, lang), APPENDIX[lang]);
    const none = label('COV-2', 'none', lang);
    const why = lang === 'en' ? `skipped, because COV-2 is "${none}"` : `スキップ (COV-2 の回答が「${none}」であるため)`;
    expect(appendix).toContain(`- **KEY-1** ${mdTrusted(bank.byId.get('KEY-1')!.text[lang])}: *${why}*`);
    // the answer the file still holds for a skipped question is shown, marked as ignored
    expect(appendix).toContain(label('KEY-1', 'cloud-kms', lang));
  });

  it.each([['a contradiction kept', true], ['Enter at every screen', false]] as const)(
    'matches the answers file a whole wizard run writes (%s), in English and Japanese',
    async (_, contradict) => {
      const paths = workspace();
      const store = await runWizardToTheEnd(paths, contradict);
      expect(store.getState().exitCode).toBe(0);
      const { file } = load(paths.answers);
      if (contradict) expect(Object.values(file.answers).some((a) => a.contradiction)).toBe(true);
      else expect(Object.values(file.answers).some((a) => a.source === 'confirmed' && a.evidence?.length)).toBe(true);
      for (const lang of LANGS) expectWholeRecord(section(await render(file, lang), APPENDIX[lang]), file, lang);
      // the report the wizard wrote holds the same record
      expectWholeRecord(section(readFileSync(paths.report, 'utf8'), APPENDIX.en), file, 'en');
    },
  );

  it('keeps text from the team and the repository Markdown-safe, with no control sequences', async () => {
    const { file } = fullRecord();
    const hostile = '<img src=x onerror=alert(1)> **x** [y](javascript:alert(1)) | `z`\u001b[31m\u0007\n# heading';
    file.answers['KEY-1'] = {
      ...file.answers['KEY-1']!,
      note: hostile,
      contradiction: hostile,
      override: { detected: 'no-long-lived-keys', reason: hostile },
      evidence: [{ file: '<b>a|b`.yml', line: 3, detector: 'd<i>', excerpt: `run: echo "${hostile}"` }],
    };
    const md = await render(file, 'en');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(md).not.toMatch(/^# heading/m);
    expect(lint({ strings: { report: md }, config: { default: true, MD013: false } }).report ?? []).toEqual([]);
    const html = await render(file, 'en', 'html');
    expect(html).not.toMatch(/<(img|script|b|i)[\s>]/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/onerror="/i);
  });
});

describe('criteria by status', () => {
  /** The answers a scan alone gives: every one detected. */
  function detectedOnly(): AnswersFile {
    const { file } = fullRecord();
    for (const a of Object.values(file.answers)) {
      a.source = 'detected';
      delete a.override;
    }
    return file;
  }

  it.each(LANGS)('never shows a detected-only criterion as met, in the checklist or the summary (%s)', async (lang) => {
    const md = await render(detectedOnly(), lang);
    const status = lang === 'en' ? 'detected only, not confirmed' : '検出のみ・未確認';
    expect(md).toContain(`- [ ] **${status}** (`);
    expect(md).toMatch(new RegExp(`- \\[ \\] \\*\\*${status}\\*\\* \\(.*\\): L1\\.signed `));
    expect(md).not.toMatch(/- \[x\]/);
    const summary = section(md, lang === 'en' ? 'Executive summary' : 'エグゼクティブサマリー');
    expect(summary).toContain(lang === 'en' ? 'the assessed level is **0**' : '評価レベルは **0** です');
    expect(summary).not.toMatch(/\*\*met\*\*|\*\*充足\*\*/);
    expect(summary).toMatch(lang === 'en' ? /- \*\*detected only, not confirmed\*\*: Released deliverables carry a verifiable signature/ : /- \*\*検出のみ・未確認\*\*: /);
  });

  it('says what confirming would take when the repository shows a higher level', async () => {
    const { file } = fullRecord();
    // everything of level 1 stated but the signature, which only the scan shows
    file.answers['COV-2'] = { ...file.answers['COV-2']!, source: 'detected' };
    const md = await render(file, 'en');
    const summary = section(md, 'Executive summary');
    expect(summary).toContain("The team's assessed level is **level 0**");
    expect(summary).toMatch(/The repository alone shows \*\*level 1\*\* \(Basic code signing with self managed keys\): L1\.signed rests on detected answers nobody has confirmed\. Confirming those answers \(COV-2\) would bring the assessed level to 1\./);
    expect(md).toMatch(/\| Level the repository alone shows \| 1: /);
  });

  it.each(LANGS)('gives each status its own mark and wording, and says why a criterion is open (%s)', async (lang) => {
    const md = section(await render(fullRecord().file, lang), lang === 'en' ? 'Criteria by level' : 'レベル別の基準');
    if (lang === 'en') {
      expect(md).toMatch(/- \[x\] \*\*met\*\*: L1\.signed /);
      expect(md).toMatch(/- \[ \] \*\*missed\*\*: L2\.access-restricted /);
      expect(md).toMatch(/- \[ \] \*\*open\*\* \(unsure: AUD-2\): L2\.central-platform /);
      // an unmonitored log (AUD-1, detected) meets nothing, and a detection settles no team criterion
      expect(md).toMatch(/- \[ \] \*\*open\*\* \(detected only, needs the team's word: AUD-1\): L3\.auditable /);
      expect(md).toMatch(/AUD-1 .*\(detected\)/);
      expect(md).toMatch(/L2\.central-platform [^\n]*\n(?: {2}- [^\n]*\n)*? {2}- To be settled by: Security lead/);
    } else {
      expect(md).toMatch(/- \[x\] \*\*充足\*\*: L1\.signed /);
      expect(md).toMatch(/- \[ \] \*\*未確定\*\* \(わからない: AUD-2\): L2\.central-platform /);
      expect(md).toMatch(/- \[ \] \*\*未確定\*\* \(検出のみで、チームの申告が必要: AUD-1\): L3\.auditable /);
      expect(md).toContain('確定させる担当: セキュリティ責任者');
    }
  });
});

describe('evidence behind an answer', () => {
  it('cites a place once in the criteria even when two detectors found it; the appendix names both', async () => {
    const { file } = fullRecord();
    const at = { file: '.github/workflows/release.yml', line: 53 };
    file.answers['COV-2'] = {
      value: 'some', source: 'confirmed',
      evidence: [{ ...at, detector: 'imagesAreSigned' }, { ...at, detector: 'publishedArtifactsAreSigned' }],
    };
    const md = await render(file, 'en');
    const line = section(md, 'Criteria by level').split('\n').find((l) => l.includes('COV-2 How much'))!;
    expect(line.split('`.github/workflows/release.yml:53`').length - 1).toBe(1);
    const appendix = section(md, 'Appendix: the whole record');
    expect(appendix).toContain('imagesAreSigned');
    expect(appendix).toContain('publishedArtifactsAreSigned');
  });
});

describe('open items, overrides, scope and sign-off', () => {
  it.each(LANGS)('says a criterion needs the team when detection alone would meet it (%s)', async (lang) => {
    // an answers file from an older scan, whose detected "central trail" would meet L3.auditable
    const { file } = fullRecord();
    file.answers['AUD-1'] = { value: 'central', source: 'detected', evidence: [{ file: 'ci/audit.sh', line: 3 }] };
    Object.assign(file.answers, {
      'AUD-4': { value: 'alerts-central-log', source: 'stated' },
      'GOV-3': { value: 'documented', source: 'stated' },
    });
    const md = await render(file, lang);
    if (lang === 'en') {
      expect(section(md, 'Criteria by level')).toMatch(/- \[ \] \*\*open\*\* \(needs the team's statement: interview or document\): L3\.auditable /);
      expect(section(md, 'Open items')).toMatch(/- L3\.auditable .*: \*needs the team's statement.*\*\n {2}- Detected: AUD-1 \*\*In a central trail[^\n]*\n {2}- To be settled by: Security lead/);
    } else {
      expect(section(md, 'レベル別の基準')).toMatch(/- \[ \] \*\*未確定\*\* \(インタビューまたは文書によるチームの申告が必要\): L3\.auditable /);
    }
  });

  it.each(LANGS)('lists open items with who should settle them (%s)', async (lang) => {
    const open = section(await render(fullRecord().file, lang), lang === 'en' ? 'Open items' : '未確定の項目');
    if (lang === 'en') {
      expect(open).toMatch(/- AUT-2 .*: \*answered "unsure": Unsure \/ don't know\*\n {2}- Note: Nobody in the room knows how the mobile pipeline signs\.\n {2}- To be settled by: Release engineering/);
      expect(open).toMatch(/- VER-1 .*: \*not answered\*\n {2}- To be settled by: Platform team/);
      expect(open).toMatch(/- AUD-1 .*\n {2}- Keeps open: L3\.auditable\n {2}- To be settled by: Security lead/);
    } else {
      expect(open).toMatch(/- VER-1 .*: \*未回答\*\n {2}- 確定させる担当: プラットフォームチーム/);
    }
  });

  it('lists a skipped question that an open criterion still needs', async () => {
    const { file } = fullRecord();
    file.answers['COV-2'] = { value: 'none', source: 'stated' };
    const md = await render(file, 'en');
    // with nothing signed the custody questions are skipped; L1.custody-known waits on CUS-2
    expect(section(md, 'Open items')).toMatch(/- CUS-2 .*: \*skipped, but an open criterion needs it\*\n {2}- Keeps open: L1\.custody-known\n(?: {2}- Note: .*\n)? {2}- To be settled by: Key custodian/);
  });

  it.each(LANGS)('lists every override with both answers, the evidence and the reason (%s)', async (lang) => {
    const md = section(await render(fullRecord().file, lang), lang === 'en' ? 'Answers changed from the detection' : '検出結果から変更された回答');
    const d = lang === 'en' ? 'Detected' : '検出';
    const r = lang === 'en' ? 'Reason' : '理由';
    expect(md).toContain(`- KEY-1 `);
    expect(md).toContain(`  - ${d}: **${label('KEY-1', 'no-long-lived-keys', lang)}**`);
    expect(md).toContain(`**${label('KEY-1', 'cloud-kms', lang)}**`);
    expect(md).toContain(`  - ${r}: The scan saw keyless image signing; the CLI tarball is signed with a KMS key from another repository.`);
    expect(md).toContain('`.github/workflows/release.yml:17` `imagesAreSignedKeylessly`: `id-token: write`');
    expect(md).toContain(`- CUS-1 `);
    expect(md).toContain(lang === 'en' ? '  - Reason: no reason given' : '  - 理由: 理由の記載なし');
  });

  it.each(LANGS)('has scope and method, limitations and a sign-off block (%s)', async (lang) => {
    const md = await render(fullRecord().file, lang);
    const en = lang === 'en';
    const scope = section(md, en ? 'Scope and method' : '評価の範囲と方法');
    expect(scope).toContain(en ? '- Repository scanned: none for this report' : '- スキャンしたリポジトリ: このレポートではスキャンしていません');
    expect(scope).toContain('`https://github.com/example/release-tools`');
    expect(scope).toContain('`9f1c2b3a4d5e`');
    expect(scope).toContain(en ? 'Aiko Tanaka (platform), Ben Carter (developer)' : 'Aiko Tanaka (platform)、Ben Carter (developer)');
    expect(scope).toContain('Sam Okafor (AppSec)');
    expect(scope).toContain('`owasp-dsovs-rel-001` 1.0.0');
    expect(scope).toContain(en ? '### How the answers were obtained' : '### 回答の取得方法');
    expect(scope).toContain(en ? 'detected answers nobody confirmed never do' : '誰も確認していない検出結果は数えません');
    expect(scope).toContain(en ? '### Limitations' : '### 制約');
    for (const word of en ? ['other repositories', 'laptop', 'hosting platform', 'interviews'] : ['他のリポジトリ', 'ノート PC', 'ホスティングプラットフォーム', 'インタビュー']) {
      expect(scope).toContain(word);
    }
    const signoff = section(md, en ? 'Sign-off' : '承認');
    expect(signoff).toMatch(en ? /\| Assessor \| Sam Okafor \(AppSec\) \| \| 2026-11-30 \| \|/ : /\| 評価者 \| Sam Okafor \(AppSec\) \| \| 2026-11-30 \| \|/);
    expect(signoff).toMatch(en ? /\| Approver \| \| \| \| \|/ : /\| 承認者 \| \| \| \| \|/);
    expect(signoff).toMatch(en ? /\| Signing as \| Name \| Position \| Date \| Signature \|/ : /\| 区分 \| 氏名 \| 役職 \| 日付 \| 署名 \|/);
    expect(signoff).toMatch(/SHA-256 `[0-9a-f]{64}`/);
  });

  it('puts the scan\'s own limits under Limitations', async () => {
    const scan: ScanResult = {
      repository: { root: 'repo', commit: 'abc123' },
      facts: { ci: [], signs: false, tools: [], keyless: false, keyCustody: [], kmsProviders: [], artifactsSigned: [], attestations: [], verifies: false, committedPrivateKeys: [] },
      evidence: [], findings: [], published: [], testKeys: [], detectors: [],
      warnings: [{ kind: 'limit', file: '.github/workflows/release.yml', message: 'signing happens in a reusable workflow of another repository' }],
    } as unknown as ScanResult;
    const md = (await generateReport({ bank, answers: fullRecord().file, lang: 'en', format: 'markdown', tool, catalog, scan })).text;
    const scope = section(md, 'Scope and method');
    expect(scope).toContain('- Repository scanned: `repo` (at commit `abc123`)');
    expect(scope).toMatch(/### Limitations[\s\S]*Limits this scan found:\n\n- `\.github\/workflows\/release\.yml`: signing happens in a reusable workflow of another repository/);
  });

  it.each(LANGS)('passes markdownlint (%s)', async (lang) => {
    const result = lint({ strings: { report: await render(fullRecord().file, lang) }, config: { default: true, MD013: false } });
    expect(result.report ?? []).toEqual([]);
  });
});

describe('Japanese report prose', () => {
  it('uses option labels, never raw option values, and one style of parentheses outside the roadmap', async () => {
    // the team's own words (notes, reasons, contradictions) are theirs: leave them out here
    const { file } = fullRecord();
    for (const a of Object.values(file.answers)) {
      delete a.note;
      delete a.contradiction;
      if (a.override) delete a.override.reason;
    }
    const md = await render(file, 'ja');
    const ownPart = md.slice(0, md.indexOf('\n## ロードマップ\n')) + md.slice(md.indexOf('\n## 標準・フレームワークとの対応\n'));
    const prose = ownPart
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/\bL[1-3]\.[a-z-]+/g, '');
    const values = new Set(bank.questions.flatMap((q) => q.options.map((o) => o.value)).filter((v) => v.includes('-')));
    for (const v of [...values, 'keyless', 'github-actions', 'container-image']) expect(prose, v).not.toMatch(new RegExp(`(?<![\\w-])${v}(?![\\w-])`));
    expect(ownPart).not.toMatch(/[（）]/);
  });
});

// --- a whole wizard run, as test/ui/flow.test.tsx drives it ---------------------------------------

const workspace = wizardWorkspaces('record');

/**
 * Presses Enter to the end (detected answers confirmed, the rest open); with `contradict`, first
 * answers KLS-1 against the scan and keeps the contradiction.
 */
async function runWizardToTheEnd(paths: WizardPaths, contradict: boolean): Promise<WizardStore> {
  const saved = statSync(paths.answers, { throwIfNoEntry: false });
  const store = createWizardStore({ lang: 'en', paths, today: '2025-06-01', ...(saved ? { savedOffer: { savedAt: 'earlier' } } : {}) });
  const r: Rendered = await renderWizard(store);
  await boot(store, {}, paths, async () => async () => keySecretScan());
  if (contradict) await claimKeylessAgainstScan(r, store);
  for (let i = 0; i < 80 && store.getState().exitCode === undefined; i++) await press(r, ENTER);
  await waitForFrame(r, 'Report: ');
  return store;
}
