/**
 * The report's view: every string the Markdown template places, already localised and already
 * Markdown-safe, so that templates (ours or an organisation's) stay logic-less.
 */
import type { CriterionResult, CriterionStatus, QuestionState } from '../assess/assess.js';
import type { ScanResult } from '../detect/types.js';
import type { Lang } from '../i18n/report-messages.js';
import { reportMessages } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import { UNSURE, type Condition } from '../model/schema.js';
import type { Answer, AnswersFile, EvidenceRef } from '../session/answers-file.js';
import { publishedArtifactLabel, privateKeyKindLabel } from '../i18n/fact-labels.js';
import { warningText } from '../i18n/limit-messages.js';
import { joinList } from '../i18n/names.js';
import { fenceFor, mdCode, mdText, mdTrusted } from './markdown-text.js';
import { verificationView } from './verification-view.js';
import { answerCounts, openItems as findOpenItems, openReasons, owners, overrides as findOverrides } from './record.js';
import type { Since } from './generate.js';
import type { HistoryEntry } from './history.js';
import type { ReportData } from './report-data.js';

/** The trend chart and table show this many assessments at most, the latest last. */
export const TREND_POINTS = 12;

export interface ReportInput extends ReportData {
  lang: Lang;
  /** What changed since an earlier assessment (`--compare OLD`, or the history's last entry). */
  since?: Since;
  /** The history's entries of earlier assessments and this one's, last (none: no trend). */
  trend?: readonly HistoryEntry[];
}

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

  // --- answers, as every section shows them -------------------------------------------------
  const labels = (qid: string, value: string | string[]) =>
    [value].flat().map((v) => `**${mdTrusted(optionLabel(qid, v))}**`).join(t.listSep);
  const evidenceText = (e: EvidenceRef) =>
    mdCode(`${e.file}:${e.line}`) + (e.detector ? ` ${mdCode(e.detector)}` : '') + (e.excerpt ? `: ${mdCode(e.excerpt)}` : '');
  const reasonText = (a: Answer) => (a.override?.reason ? mdText(a.override.reason) : t.noReason);
  const ownerText = (qids: readonly string[]) => owners(bank, qids).map((o) => mdTrusted(o[lang])).join(t.listSep);

  const answerLine = (state: QuestionState): string => {
    const answer: Answer | undefined = answers.answers[state.id];
    const head = `${state.id} ${mdTrusted(questionText(state.id))}`;
    if (state.status === 'skipped') return `${head}: *${t.skipped}*`;
    if (state.status === 'unanswered' || !answer) return `${head}: *${t.noAnswer}*`;
    const parts = [`${head}: ${labels(state.id, answer.value)} (${t.source[answer.source]})`];
    // one place once: two detectors citing the same line are one piece of evidence here (the
    // appendix names each detector)
    for (const where of new Set((answer.evidence ?? []).map((e) => `${e.file}:${e.line}`))) parts.push(mdCode(where));
    if (answer.override) parts.push(`${t.overriddenFrom} ${labels(state.id, answer.override.detected)} (${t.reason}: ${reasonText(answer)})`);
    if (answer.note) parts.push(`${t.note}: ${mdText(answer.note)}`);
    if (answer.contradiction) parts.push(`⚠ ${t.contradiction}: ${mdText(answer.contradiction)}`);
    return parts.join(' · ');
  };

  // --- criteria by status ---------------------------------------------------------------------
  const stateOf = new Map(assessment.questions.map((q) => [q.id, q]));
  const statusMark: Record<CriterionStatus, string> = { met: '[x]', 'met-detected': '[ ]', missed: '[ ]', open: '[ ]' };
  /** Why a criterion stands where it does, in words; empty for met and missed. */
  const whyText = (c: CriterionResult): string => {
    if (c.status === 'met-detected') return t.detectedDoesNotCount;
    if (c.status !== 'open') return '';
    if (c.needsTeam) return t.needsTeam;
    const byKind = new Map<keyof typeof t.openWhy, string[]>();
    for (const r of openReasons(bank, assessment, c)) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.question]);
    return [...byKind].map(([kind, ids]) => `${t.openWhy[kind]}: ${ids.join(t.listSep)}`).join(t.itemSep);
  };
  /** The answers behind a criterion: those that meet it (or would, once confirmed), else every question it waits for. */
  const behind = (c: CriterionResult): QuestionState[] => {
    const ids = c.metBy.length
      ? c.metBy.map((m) => m.question)
      : [...c.candidates.map((q) => q.id), ...openReasons(bank, assessment, c).map((r) => r.question)];
    return [...new Set(ids)].map((id) => stateOf.get(id)).filter((q): q is QuestionState => Boolean(q));
  };
  const settlerOf = (c: CriterionResult): string => {
    if (c.status === 'met-detected' || c.needsTeam) return ownerText(c.metBy.map((m) => m.question));
    if (c.status === 'open') return ownerText(openReasons(bank, assessment, c).map((r) => r.question));
    return '';
  };
  const levels = [1, 2, 3].map((level) => {
    const def = bank.levels[level]!;
    const items = def.evidence.map((ev, index) => {
      const results = assessment.criteria.filter((c) => c.level === level && bank.criteria.find((d) => d.id === c.id)!.evidence === index);
      return {
        text: mdTrusted(ev[lang]),
        criteria: results.map((c) => ({
          id: c.id,
          mark: statusMark[c.status],
          status: t.status[c.status],
          why: whyText(c),
          text: mdTrusted(criterionText(c.id)),
          answers: behind(c).map((s) => ({ line: answerLine(s) })),
          settle: settlerOf(c),
        })),
      };
    });
    return { level, title: mdTrusted(def.title[lang]), reached: assessment.level >= level, items };
  });

  // --- dimensions -----------------------------------------------------------------------------
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

  // --- executive summary ----------------------------------------------------------------------
  const nextGap = assessment.gaps[0];
  const firstSteps = input.roadmap.slice(0, 3).map((s) => ({ text: mdTrusted(s.title[lang]) }));
  const detectedOnly = Object.values(answers.answers).filter((a) => a.source === 'detected').length;
  // A report of a scan alone speaks of the repository, not of a team.
  const onlyDetected = detectedOnly > 0 && detectedOnly === Object.keys(answers.answers).length;
  const published = input.scan?.published ?? [];
  const unsignedList = joinList(published.filter((p) => !p.signed).map((p) => `${publishedArtifactLabel(p.artifact, p.kind, lang)} (${p.file}:${p.line})`), lang);
  const open = findOpenItems(bank, assessment);
  const metDetected = assessment.criteria.filter((c) => c.status === 'met-detected');
  const needsTeam = assessment.criteria.filter((c) => c.needsTeam);
  const questionsOf = (cs: CriterionResult[]) => [...new Set(cs.flatMap((c) => c.metBy.map((m) => m.question)))].join(t.listSep);
  // What confirming would take: the detected answers behind the criteria up to the level the repository shows.
  const toConfirm = metDetected.filter((c) => c.level <= assessment.detectedLevel);
  // Only a question that keeps a criterion open can move the level once settled (a skipped KEY-1 can,
  // an unsure PRV-2 of the advisory dimension cannot).
  const openBearing = open.questions.filter((q) => q.criteria.length).length;
  const openOther = open.questions.length - openBearing;
  const summary = [
    (onlyDetected
      ? t.summaryLevelDetected(assessment.detectedLevel, mdTrusted(levelTitle(assessment.detectedLevel)))
      : t.summaryLevel(assessment.level, mdTrusted(levelTitle(assessment.level)))) +
      (target !== undefined ? `${lang === 'ja' ? '' : ' '}${t.summaryTarget(target, assessment.level >= target)}` : ''),
    ...(!onlyDetected && assessment.detectedLevel > assessment.level
      ? [t.summaryRepositoryShows(assessment.detectedLevel, mdTrusted(levelTitle(assessment.detectedLevel)), toConfirm.map((c) => c.id).join(t.listSep), questionsOf(toConfirm))]
      : []),
    ...(metDetected.length && (onlyDetected || metDetected.length > toConfirm.length) ? [t.summaryConfirm(metDetected.length, questionsOf(metDetected))] : []),
    ...(needsTeam.length ? [t.summaryNeedsTeam(needsTeam.length)] : []),
    ...(published.length ? [mdText(t.summaryCoverage(published.filter((p) => p.signed).length, published.length, unsignedList))] : []),
    ...(openBearing ? [t.summaryOpen(openBearing)] : []),
    ...(openOther ? [t.summaryOpenNoCriterion(openOther)] : []),
    ...(detectedOnly ? [t.summaryDetected(detectedOnly)] : []),
  ].map((text) => ({ text }));
  const holdsBack = nextGap
    ? {
        heading: t.summaryHoldsBack(nextGap.level),
        // each with where it stands: a criterion the repository shows is not met until confirmed
        items: nextGap.missing.map((c) => ({ text: `**${t.status[c.status]}**: ${mdTrusted(criterionText(c.id))}` })),
      }
    : undefined;

  // --- open items, overrides ------------------------------------------------------------------
  const openView = {
    questions: open.questions.map((q) => {
      const note = answers.answers[q.question]?.note;
      return {
        id: q.question,
        text: mdTrusted(questionText(q.question)),
        status: q.kind === 'unsure' ? `${t.openKind.unsure}: ${mdText(bank.unsure[lang])}` : t.openKind[q.kind],
        criteria: q.criteria.length ? `${t.keepsOpen}: ${q.criteria.join(t.listSep)}` : '',
        note: note ? mdText(note) : '',
        settle: ownerText([q.question]),
      };
    }),
    criteria: open.criteria.map((c) => ({
      id: c.criterion,
      text: mdTrusted(criterionText(c.criterion)),
      status: c.kind === 'confirm' ? t.openConfirm : t.openNeedsTeam,
      detected: c.detected.map((d) => `${d.question} ${labels(d.question, d.value)}`).join(t.listSep),
      settle: ownerText(c.detected.map((d) => d.question)),
    })),
  };
  const overrideItems = findOverrides(answers, bank).map((o) => ({
    id: o.question,
    text: mdTrusted(questionText(o.question)),
    detected: labels(o.question, o.detected),
    value: labels(o.question, o.value),
    source: t.source[o.source as keyof typeof t.source] ?? mdText(o.source),
    reason: o.reason ? mdText(o.reason) : t.noReason,
    evidence: o.evidence.map((e) => ({ text: evidenceText(e) })),
  }));

  // --- evidence, roadmap, standards -----------------------------------------------------------
  const scan = input.scan;
  const evidenceRows = scan ? scanEvidenceRows(scan) : collectAnswerEvidence(answers);

  const roadmap = input.roadmap.map((s, i) => {
    // alternatives: the recommended option (with its snippet) first, the others named in one line each
    const [chosen, ...others] = s.options;
    return {
      n: i + 1,
      title: mdTrusted(s.title[lang]),
      level: s.unlocksLevel,
      meets: (s.satisfies.length ? s.satisfies : s.criteria).join(', '),
      why: mdTrusted(s.why[lang]),
      effort: t.efforts[s.effort],
      askFor: mdTrusted(s.evidence[lang]),
      recommended: chosen
        ? { title: mdTrusted(chosen.title[lang]), because: chosen.because ? t.recommendedBecause(mdTrusted(chosen.because[lang])) : '' }
        : undefined,
      alternatives: others.length
        ? { items: others.map((o) => ({ title: mdTrusted(o.title[lang]), summary: mdTrusted(o.summary[lang]) })) }
        : undefined,
      snippetCi: s.snippet.ci === 'default' ? '' : s.snippet.ci,
      fence: fenceFor(s.snippet.text),
      language: s.snippet.language,
      snippet: s.snippet.text,
    };
  });

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

  // --- details, scope and method, sign-off ----------------------------------------------------
  const metaRows = [
    [t.organisation, meta.organisation],
    [t.team, meta.team],
    [t.participants, joinList(meta.participants, lang)],
    [t.assessor, meta.assessor],
    [t.date, meta.date],
    [t.repository, meta.repository?.url ?? meta.repository?.path],
    [t.commit, meta.repository?.commit],
    [t.assessedLevel, `${assessment.level}: ${levelTitle(assessment.level)}`],
    [t.detectedLevel, assessment.detectedLevel !== assessment.level ? `${assessment.detectedLevel}: ${levelTitle(assessment.detectedLevel)}` : undefined],
    [t.target, target === undefined ? t.notSet : `${target}: ${levelTitle(target)}`],
    [t.bank, `${bank.id} ${bank.version}`],
  ]
    .filter((r): r is [string, string] => Boolean(r[1]))
    // URLs and commits as code: a bare URL is not a link the team's text can smuggle in
    .map(([label, value]) => ({ label, value: label === t.repository || label === t.commit ? mdCode(value) : mdText(value) }));

  const where = (path: string | undefined, commit: string | undefined) =>
    path ? mdCode(path) + (commit ? ` (${t.scopeAt} ${mdCode(commit)})` : '') : '';
  const assessedRepo = meta.repository?.url ?? meta.repository?.path;
  const scannedRepo = scan ? where(scan.repository.root, scan.repository.commit) : t.scopeNotScanned;
  const who = [
    meta.organisation && `${t.organisation}: ${mdText(meta.organisation)}`,
    meta.team && `${t.team}: ${mdText(meta.team)}`,
    meta.participants.length && `${t.participants}: ${mdText(joinList(meta.participants, lang))}`,
    meta.assessor && `${t.assessor}: ${mdText(meta.assessor)}`,
  ].filter(Boolean).join(t.itemSep);
  const teamCriteria = bank.criteria.filter((c) => c.proof === 'team').map((c) => c.id).join(t.listSep);
  const scope = {
    rows: [
      { label: t.scopeScanned, value: scannedRepo },
      ...(assessedRepo && (!scan || assessedRepo !== scan.repository.root) ? [{ label: t.scopeAssessed, value: where(assessedRepo, meta.repository?.commit) }] : []),
      { label: t.scopeWho, value: who || (onlyDetected ? t.scopeNobody : t.notSet) },
      { label: t.scopeBank, value: `${mdCode(bank.id)} ${mdText(bank.version)}` },
      { label: t.scopeControl, value: `${mdText(bank.control.id)} ${mdTrusted(bank.control.title[lang])}` + (bank.control.source ? ` (${mdCode(bank.control.source)})` : '') },
    ],
    sources: (['stated', 'confirmed', 'detected'] as const).map((s) => ({ text: t.methodSources[s] })),
    method: t.methodCounts(answerCounts(assessment)) + (lang === 'ja' ? '' : ' ') + t.methodRule(teamCriteria),
    cannotSee: t.cannotSee.map((text) => ({ text })),
    scanLimits: scan && scan.warnings.some((w) => w.kind === 'limit')
      ? { items: scan.warnings.filter((w) => w.kind === 'limit').map((w) => ({ text: (w.file ? `${mdCode(w.file)}: ` : '') + mdText(warningText(w, lang)) })) }
      : undefined,
  };
  // Blank cells are for the pen; a table row with one space in each keeps markdownlint's compact style.
  const tableRow = (cells: string[]) => `|${cells.map((c) => (c ? ` ${c} ` : ' ')).join('|')}|`;
  const signoff = {
    intro: t.signoffIntro(assessment.level, input.answersDigest),
    rows: [
      [t.assessor, meta.assessor ? mdText(meta.assessor) : '', '', meta.date ? mdText(meta.date) : '', ''],
      [t.approver, '', '', '', ''],
    ].map((cells) => ({ line: tableRow(cells) })),
  };

  // --- appendix: the whole record -------------------------------------------------------------
  const conditionText = (c: Condition): string => {
    if ('question' in c) return t.condIs(c.question, c.in.map((v) => t.quote(mdTrusted(optionLabel(c.question, v)))).join(t.condOr));
    if ('allOf' in c) return c.allOf.map(conditionText).join(t.condAnd);
    if ('anyOf' in c) return c.anyOf.map(conditionText).join(t.condOr);
    return t.condNot(conditionText(c.not));
  };
  // dimensions in the order their first question is asked
  const askedOrder = [...new Set(bank.questions.map((q) => q.dimension))];
  const record = askedOrder
    .map((id) => bank.dimensions.find((d) => d.id === id)!)
    .map((d) => ({
      name: mdTrusted(d.name[lang]),
      owner: d.owner ? mdTrusted(d.owner[lang]) : '',
      questions: bank.questions.filter((q) => q.dimension === d.id).map((q) => {
        const state = stateOf.get(q.id);
        const a = answers.answers[q.id];
        const head = `**${q.id}** ${mdTrusted(q.text[lang])}`;
        const details: string[] = [];
        let status = '';
        if (state?.status === 'skipped') {
          status = q.skipWhen ? t.skippedBecause(conditionText(q.skipWhen)) : t.skipped;
          if (a) details.push(`${t.skippedIgnored} ${labels(q.id, a.value)} (${t.source[a.source]})`);
        } else if (!a) status = t.noAnswer;
        else details.push(`${t.answer}: ${labels(q.id, a.value)} (${t.sourceLabel}: ${t.source[a.source]})`);
        if (a) {
          for (const e of a.evidence ?? []) details.push(`${t.evidence}: ${evidenceText(e)}`);
          if (a.note) details.push(`${t.noteLabel}: ${mdText(a.note)}`);
          if (a.contradiction) details.push(`⚠ ${t.contradictionLabel}: ${mdText(a.contradiction)}`);
          if (a.override) details.push(`${t.overrideLabel}: ${labels(q.id, a.override.detected)} (${t.reason}: ${reasonText(a)})`);
        }
        return { head, status, details: details.map((text) => ({ text })) };
      }),
    }))
    .filter((d) => d.questions.length);

  const since = input.since;
  const comparison = since
    ? (() => {
        const { diff } = since;
        const intro = since.fromHistory ? t.compareFromHistory(diff.old.date ?? '') : t.compareIntro(diff.old.date ?? '');
        const criteriaChanged = diff.criteria.map((c) => ({
          text: t.compareCriterion(c.id, mdTrusted(criterionText(c.id)), c.before ? t.status[c.before] : '–', c.after ? t.status[c.after] : '–'),
        }));
        return {
          intro: mdText(intro),
          level: t.compareLevel(diff.level.before, diff.level.after),
          answers: t.compareAnswers(diff.answers.length, diff.answers.map((a) => a.id).join(t.listSep)),
          criteria: criteriaChanged.length ? { heading: t.compareCriteria, items: criteriaChanged } : undefined,
          noCriteria: criteriaChanged.length ? '' : t.compareNoCriteria,
          rows: assessment.dimensions.map((d) => {
            const change = diff.dimensions.find((c) => c.id === d.id);
            const before = change ? (change.before ?? 0) : d.score;
            const delta = d.score - before;
            return { name: mdTrusted(dimensionName(d.id)), before, after: d.score, delta: delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '=' };
          }),
        };
      })()
    : undefined;
  const trend = input.trend && input.trend.length > 1 ? trendView(input.trend, bank.criteria.length, t) : undefined;

  return {
    comparison,
    trend,
    lang,
    t: Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    title: t.title,
    controlId: bank.control.id,
    controlTitle: mdTrusted(bank.control.title[lang]),
    metaRows,
    summary,
    holdsBack,
    top: assessment.level === 3 ? t.summaryTop : '',
    firstSteps: firstSteps.length ? { heading: t.summaryFirstSteps, items: firstSteps } : undefined,
    scope,
    dimensions,
    chart,
    levels,
    evidence: evidenceRows.length ? { rows: evidenceRows } : undefined,
    coverage: published.length
      ? {
          sentence: t.signedOf(published.filter((p) => p.signed).length, published.length),
          rows: published.map((p) => ({ artifact: mdText(publishedArtifactLabel(p.artifact, p.kind, lang)), where: mdCode(`${p.file}:${p.line}`), status: p.signed ? t.signed : t.unsigned })),
        }
      : undefined,
    verification: verificationView(scan?.verification, scan?.evidence ?? [], lang),
    /** The scan's limits (kept under this name for templates written before the scope section). */
    limits: scope.scanLimits,
    keys: scan && (scan.facts.committedPrivateKeys.length || scan.testKeys.length)
      ? {
          committed: scan.facts.committedPrivateKeys.length ? { items: scan.facts.committedPrivateKeys.map((k) => keyItem(k, lang)) } : undefined,
          test: scan.testKeys.length ? { items: scan.testKeys.map((k) => keyItem(k, lang)) } : undefined,
        }
      : undefined,
    overrides: overrideItems.length ? { items: overrideItems } : undefined,
    contradictions: input.contradictions?.length
      ? {
          items: input.contradictions.map((c) => ({
            id: c.question,
            text: mdTrusted(questionText(c.question)),
            value: mdText(optionLabel(c.question, c.claim)),
            message: mdText(c.message),
          })),
        }
      : undefined,
    open: openView.questions.length || openView.criteria.length
      ? {
          questions: openView.questions.length ? { items: openView.questions } : undefined,
          criteria: openView.criteria.length ? { items: openView.criteria } : undefined,
        }
      : undefined,
    roadmap: roadmap.length ? { steps: roadmap } : undefined,
    standards,
    standardsNotMapped: notMapped.length
      ? { items: notMapped.map((s) => ({ text: `${mdText(s.framework)} ${mdText(s.ref)} ${standardTitle(s)}${s.note ? `: ${mdTrusted(s.note[lang])}` : ''}` })) }
      : undefined,
    standardsNotes: standardNotes.length
      ? { items: standardNotes.map((s) => ({ text: `${mdText(s.framework)} ${mdText(s.ref)}: ${mdTrusted(s.note![lang])}` })) }
      : undefined,
    signoff,
    record,
    digest: input.answersDigest,
    tool: `${input.tool.name} ${input.tool.version}`,
    warnings: input.warnings.length ? { items: input.warnings.map((w) => ({ text: mdText(w) })) } : undefined,
    unsureValue: UNSURE,
  };
}

export type ReportView = ReturnType<typeof buildReportView>;

/**
 * The trend: the assessed level of the latest assessments as a Mermaid line chart (the HTML
 * report draws an SVG from `points`) and a table, so that the figures are readable without a chart.
 */
function trendView(entries: readonly HistoryEntry[], criteriaCount: number, t: (typeof reportMessages)[Lang]) {
  const shown = entries.slice(-TREND_POINTS);
  const seen = new Map<string, number>();
  const points = shown.map((e, i) => {
    const day = e.date.slice(0, 10);
    const n = (seen.get(day) ?? 0) + 1;
    seen.set(day, n);
    return { label: n > 1 ? `${day} #${n}` : day, level: e.level, detectedLevel: e.detectedLevel, current: i === shown.length - 1 };
  });
  const chart = [
    'xychart-beta',
    `    title "${t.trendTitle}"`,
    `    x-axis [${points.map((p) => `"${p.label}"`).join(', ')}]`,
    `    y-axis "${t.level}" 0 --> 3`,
    `    line [${points.map((p) => p.level).join(', ')}]`,
  ].join('\n');
  return {
    intro: t.trendIntro(shown.length, entries.length),
    chart,
    points,
    rows: shown.map((e, i) => ({
      date: mdText(points[i]!.label) + (points[i]!.current ? ` ${t.trendThis}` : ''),
      level: e.level,
      detected: e.detectedLevel,
      met: `${Object.values(e.criteria).filter((s) => s === 'met').length}/${criteriaCount}`,
      commit: e.commit ? mdCode(e.commit.slice(0, 12)) : '–',
    })),
  };
}

/** A key by path and kind only: never its content. */
function keyItem(k: { path: string; kind: string }, lang: Lang) {
  return { text: `${mdCode(k.path)}: ${mdText(privateKeyKindLabel(k.kind, lang))}` };
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
