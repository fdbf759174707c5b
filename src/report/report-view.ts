/**
 * The report's view: every string the Markdown template places, already localised and already
 * Markdown-safe, so that templates (ours or an organisation's) stay logic-less.
 */
import type { Assessment, CriterionResult, QuestionState } from '../assess/assess.js';
import type { ScanResult } from '../detect/types.js';
import type { Lang } from '../i18n/report-messages.js';
import { reportMessages } from '../i18n/report-messages.js';
import { UNSURE } from '../model/schema.js';
import type { Bank } from '../model/bank.js';
import type { Answer, AnswersFile } from '../session/answers-file.js';
import { fenceFor, mdCode, mdText, mdTrusted } from './markdown-text.js';
import type { ReportData } from './report-data.js';

export interface ReportInput extends ReportData {
  lang: Lang;
  /** An earlier assessment of the same team, for `--compare`. */
  previous?: { answers: AnswersFile; assessment: Assessment };
}

type Status = 'met' | 'missed' | 'open';

export function buildReportView(input: ReportInput) {
  const { bank, answers, assessment, lang } = input;
  const t = reportMessages[lang];
  const meta = answers.meta;
  const levelTitle = (n: number) => bank.levels[n]!.title[lang];
  const target = meta.targetLevel;
  const criterionText = (id: string) => bank.criteria.find((c) => c.id === id)!.text[lang];
  const questionText = (id: string) => bank.byId.get(id)?.text[lang] ?? id;
  const optionLabel = (qid: string, value: string) =>
    bank.byId.get(qid)?.options.find((o) => o.value === value)?.label[lang] ?? value;

  const answerLine = (state: QuestionState): string => {
    const answer: Answer | undefined = answers.answers[state.id];
    const head = `${state.id} ${mdTrusted(questionText(state.id))}`;
    if (state.status === 'skipped') return `${head}: *${t.skipped}*`;
    if (state.status === 'unanswered' || !answer) return `${head}: *${t.noAnswer}*`;
    const values = (Array.isArray(answer.value) ? answer.value : [answer.value]).map((v) => `**${mdTrusted(optionLabel(state.id, v))}**`);
    const parts = [`${head}: ${values.join(', ')} (${t.source[answer.source]})`];
    for (const e of answer.evidence ?? []) parts.push(mdCode(`${e.file}:${e.line}`));
    if (answer.note) parts.push(`${t.note}: ${mdText(answer.note)}`);
    if (answer.contradiction) parts.push(`⚠ ${t.contradiction}: ${mdText(answer.contradiction)}`);
    return parts.join(' · ');
  };

  const statusOf = (results: CriterionResult[]): Status => {
    if (results.every((r) => r.met)) return 'met';
    const unsettled = results.some((r) => !r.met && r.candidates.some((c) => c.status === 'unsure' || c.status === 'unanswered'));
    return unsettled ? 'open' : 'missed';
  };
  const statusMark: Record<Status, string> = { met: '[x]', missed: '[ ]', open: '[ ]' };

  const levels = [1, 2, 3].map((level) => {
    const def = bank.levels[level]!;
    const items = def.evidence.map((ev, index) => {
      const results = assessment.criteria.filter((c) => c.level === level && bank.criteria.find((d) => d.id === c.id)!.evidence === index);
      const status = results.length ? statusOf(results) : 'open';
      const seen = new Set<string>();
      const behind = results.flatMap((r) => r.candidates).filter((c) => !seen.has(c.id) && seen.add(c.id));
      return {
        mark: statusMark[status],
        status: t.status[status],
        text: mdTrusted(ev[lang]),
        criteria: results.map((r) => `${r.id} ${mdTrusted(criterionText(r.id))}`).join('; '),
        answers: behind.map((s) => ({ line: answerLine(s) })),
      };
    });
    return { level, title: mdTrusted(def.title[lang]), reached: assessment.level >= level, items };
  });

  const dimensionName = (id: string) => bank.dimensions.find((d) => d.id === id)!.name[lang];
  const dimensions = assessment.dimensions.map((d) => ({
    name: mdTrusted(dimensionName(d.id)) + (d.advisory ? ` (${t.advisory})` : ''),
    // the chart has room for the name and a one-word mark only
    label: dimensionName(d.id) + (d.advisory ? ` (${t.advisoryShort})` : ''),
    score: d.score,
    bar: '█'.repeat(d.score) + '░'.repeat(3 - d.score),
    answered: `${d.answered}/${d.applicable}`,
  }));
  const chart = [
    'xychart-beta',
    `    title "${t.chartTitle}"`,
    `    x-axis [${assessment.dimensions.map((d) => `"${dimensionName(d.id).replace(/"/g, "'")}"`).join(', ')}]`,
    `    y-axis "${t.score}" 0 --> 3`,
    `    bar [${assessment.dimensions.map((d) => d.score).join(', ')}]`,
  ].join('\n');

  const nextGap = assessment.gaps[0];
  const firstSteps = input.roadmap.slice(0, 3).map((s) => ({ text: mdTrusted(s.title[lang]) }));
  const detectedOnly = Object.values(answers.answers).filter((a) => a.source === 'detected').length;
  // A report of a scan alone speaks of the repository, not of a team.
  const onlyDetected = detectedOnly > 0 && detectedOnly === Object.keys(answers.answers).length;
  const published = input.scan?.published ?? [];
  const unsignedList = published.filter((p) => !p.signed).map((p) => `${p.artifact} (${p.file}:${p.line})`).join(', ');
  const summary = [
    (onlyDetected ? t.summaryLevelDetected : t.summaryLevel)(assessment.level, mdTrusted(levelTitle(assessment.level))) +
      (target !== undefined ? `${lang === 'ja' ? '' : ' '}${t.summaryTarget(target, assessment.level >= target)}` : ''),
    ...(published.length ? [mdText(t.summaryCoverage(published.filter((p) => p.signed).length, published.length, unsignedList))] : []),
    ...(assessment.open.length ? [t.summaryOpen(assessment.open.length)] : []),
    ...(detectedOnly ? [t.summaryDetected(detectedOnly)] : []),
  ].map((text) => ({ text }));

  const openItems = assessment.questions
    .filter((q) => q.status === 'unsure' || q.status === 'unanswered')
    .map((q) => ({
      id: q.id,
      text: mdTrusted(questionText(q.id)),
      status: q.status === 'unsure' ? mdText(bank.unsure[lang]) : t.noAnswer,
      note: answers.answers[q.id]?.note ? mdText(answers.answers[q.id]!.note) : '',
    }));

  const scan = input.scan;
  const evidenceRows = scan ? scanEvidenceRows(scan) : collectAnswerEvidence(answers);

  const roadmap = input.roadmap.map((s, i) => ({
    n: i + 1,
    title: mdTrusted(s.title[lang]),
    level: s.level,
    meets: s.criteria.map((c) => `${c}`).join(', '),
    why: mdTrusted(s.why[lang]),
    effort: t.efforts[s.effort],
    askFor: mdTrusted(s.evidence[lang]),
    snippetCi: s.snippet.ci === 'default' ? '' : s.snippet.ci,
    fence: fenceFor(s.snippet.text),
    language: s.snippet.language,
    snippet: s.snippet.text,
  }));

  const criterionMet = new Map(assessment.criteria.map((c) => [c.id, c.met]));
  const standardTitle = (s: Bank['standards'][number]) => (s.url ? `[${mdTrusted(s.title[lang])}](${s.url})` : mdTrusted(s.title[lang]));
  // A mapping without criteria supports nothing: listed under the table, never as a row.
  const standards = bank.standards.filter((s) => s.criteria.length).map((s) => {
    const related = s.criteria.map((c) => criterionMet.get(c) ?? false);
    const status: 'met' | 'partial' | 'missed' = related.every(Boolean) ? 'met' : related.some(Boolean) ? 'partial' : 'missed';
    return {
      framework: mdText(s.framework),
      ref: mdText(s.ref),
      title: standardTitle(s),
      criteria: s.criteria.join(', '),
      status: t.standardStatus[status],
    };
  });
  const notMapped = bank.standards.filter((s) => !s.criteria.length);
  const standardNotes = bank.standards.filter((s) => s.criteria.length && s.note);

  const metaRows = [
    [t.organisation, meta.organisation],
    [t.team, meta.team],
    [t.participants, meta.participants.join(', ')],
    [t.assessor, meta.assessor],
    [t.date, meta.date],
    [t.repository, meta.repository?.url ?? meta.repository?.path],
    [t.commit, meta.repository?.commit],
    [t.level, `${assessment.level}: ${levelTitle(assessment.level)}`],
    [t.target, target === undefined ? t.notSet : `${target}: ${levelTitle(target)}`],
    [t.bank, `${bank.id} ${bank.version}`],
  ]
    .filter((r): r is [string, string] => Boolean(r[1]))
    // URLs and commits as code: a bare URL is not a link the team's text can smuggle in
    .map(([label, value]) => ({ label, value: label === t.repository || label === t.commit ? mdCode(value) : mdText(value) }));

  const previous = input.previous;
  const comparison = previous
    ? {
        intro: mdText(t.compareIntro(previous.answers.meta.date ?? '')),
        level: t.compareLevel(previous.assessment.level, assessment.level),
        answers: t.compareAnswers(changedAnswers(previous.answers, answers)),
        rows: assessment.dimensions.map((d) => {
          const before = previous.assessment.dimensions.find((p) => p.id === d.id)?.score ?? 0;
          const delta = d.score - before;
          return { name: mdTrusted(dimensionName(d.id)), before, after: d.score, delta: delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '=' };
        }),
      }
    : undefined;

  return {
    comparison,
    lang,
    t: Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    title: t.title,
    controlId: bank.control.id,
    controlTitle: mdTrusted(bank.control.title[lang]),
    metaRows,
    summary,
    holdsBack: nextGap
      ? { heading: t.summaryHoldsBack(nextGap.level), items: nextGap.missing.map((c) => ({ text: mdTrusted(criterionText(c.id)) })) }
      : undefined,
    top: assessment.level === 3 ? t.summaryTop : '',
    firstSteps: firstSteps.length ? { heading: t.summaryFirstSteps, items: firstSteps } : undefined,
    dimensions,
    chart,
    levels,
    evidence: evidenceRows.length ? { rows: evidenceRows } : undefined,
    coverage: published.length
      ? {
          sentence: t.signedOf(published.filter((p) => p.signed).length, published.length),
          rows: published.map((p) => ({ artifact: mdText(p.artifact), where: mdCode(`${p.file}:${p.line}`), status: p.signed ? t.signed : t.unsigned })),
        }
      : undefined,
    limits: scan && scan.warnings.some((w) => w.kind === 'limit')
      ? { items: scan.warnings.filter((w) => w.kind === 'limit').map((w) => ({ text: (w.file ? `${mdCode(w.file)}: ` : '') + mdText(w.message) })) }
      : undefined,
    keys: scan && (scan.facts.committedPrivateKeys.length || scan.testKeys.length)
      ? {
          committed: scan.facts.committedPrivateKeys.length ? { items: scan.facts.committedPrivateKeys.map(keyItem) } : undefined,
          test: scan.testKeys.length ? { items: scan.testKeys.map(keyItem) } : undefined,
        }
      : undefined,
    open: openItems.length ? { items: openItems } : undefined,
    roadmap: roadmap.length ? { steps: roadmap } : undefined,
    standards,
    standardsNotMapped: notMapped.length
      ? { items: notMapped.map((s) => ({ text: `${mdText(s.framework)} ${mdText(s.ref)} ${standardTitle(s)}${s.note ? `: ${mdTrusted(s.note[lang])}` : ''}` })) }
      : undefined,
    standardsNotes: standardNotes.length
      ? { items: standardNotes.map((s) => ({ text: `${mdText(s.framework)} ${mdText(s.ref)}: ${mdTrusted(s.note![lang])}` })) }
      : undefined,
    digest: input.answersDigest,
    tool: `${input.tool.name} ${input.tool.version}`,
    warnings: input.warnings.length ? { items: input.warnings.map((w) => ({ text: mdText(w) })) } : undefined,
    unsureValue: UNSURE,
  };
}

export type ReportView = ReturnType<typeof buildReportView>;

function changedAnswers(before: AnswersFile, after: AnswersFile): number {
  const ids = new Set([...Object.keys(before.answers), ...Object.keys(after.answers)]);
  const key = (a: Answer | undefined) => JSON.stringify(a ? [a.value].flat() : null);
  return [...ids].filter((id) => key(before.answers[id]) !== key(after.answers[id])).length;
}

/** A key by path and kind only: never its content. */
function keyItem(k: { path: string; kind: string }) {
  return { text: `${mdCode(k.path)} (${mdText(k.kind)})` };
}

/** One row per place in the repository, naming every detector that cited it. */
function scanEvidenceRows(scan: ScanResult) {
  const rows = new Map<string, { file: string; line: number; detectors: string[]; excerpt: string }>();
  for (const e of scan.evidence) {
    const key = `${e.file}:${e.line}`;
    const row = rows.get(key);
    if (row) {
      if (!row.detectors.includes(e.detector)) row.detectors.push(e.detector);
    } else rows.set(key, { file: e.file, line: e.line, detectors: [e.detector], excerpt: e.excerpt });
  }
  return [...rows.values()].map((r) => ({
    file: mdCode(r.file), line: r.line, detector: r.detectors.map((d) => mdCode(d)).join(', '), excerpt: mdCode(r.excerpt),
  }));
}

/** Without a scan, the evidence table lists what the answers cite. */
function collectAnswerEvidence(answers: AnswersFile) {
  // Several answers often cite the same line: one row per place, with the first excerpt known.
  const places = new Map<string, { file: string; line: number; detector?: string; excerpt?: string }>();
  for (const a of Object.values(answers.answers)) {
    for (const e of a.evidence ?? []) {
      const key = `${e.file}:${e.line}`;
      const seen = places.get(key);
      if (!seen) places.set(key, { ...e });
      else {
        seen.detector ??= e.detector;
        seen.excerpt ??= e.excerpt;
      }
    }
  }
  return [...places.values()].map((e) => ({
    file: mdCode(e.file),
    line: e.line,
    detector: e.detector ? mdCode(e.detector) : '–',
    excerpt: e.excerpt ? mdCode(e.excerpt) : '–',
  }));
}
