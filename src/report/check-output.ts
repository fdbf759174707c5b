/**
 * `sigmature check` output: Markdown (for `$GITHUB_STEP_SUMMARY` and GitLab job logs), JSON, and
 * SARIF with one result per contradiction at the line that contradicts the answer. Pure.
 */
import type { CheckFailure, CheckResult } from '../assess/check.js';
import { checkMessages, type CheckMessages } from '../i18n/check-messages.js';
import type { Lang } from '../i18n/report-messages.js';
import type { Bank } from '../model/bank.js';
import { mdCode, mdText } from './markdown-text.js';
import { fingerprint, sarifLocation, sarifLog } from './sarif.js';

export const CHECK_SCHEMA_VERSION = 1;

function failureText(t: CheckMessages, f: CheckFailure): string {
  if (f.kind === 'level') return t.failLevel(f.level, f.minLevel, f.source === 'repository');
  if (f.kind === 'contradictions') return t.failContradictions(f.count);
  return t.failTooOld(f.ageDays, f.maxAgeDays);
}

/** One line per failure, for stderr. */
export function checkFailureLines(result: CheckResult, lang: Lang): string[] {
  const t = checkMessages(lang);
  return result.failures.map((f) => failureText(t, f));
}

function optionLabel(bank: Bank, question: string, value: string, lang: Lang): string {
  return bank.byId.get(question)?.options.find((o) => o.value === value)?.label[lang] ?? value;
}

export function renderCheckMarkdown(result: CheckResult, bank: Bank, lang: Lang, answersPath: string): string {
  const t = checkMessages(lang);
  const out: string[] = [`# ${t.title(result.passed)}`, ''];
  if (!result.answers) out.push(mdText(t.noAnswers(answersPath)), '');
  const root = result.repository.commit ? t.atCommit(result.repository.root, result.repository.commit.slice(0, 12)) : result.repository.root;
  out.push(`| ${t.item} | ${t.value} |`, '| --- | --- |');
  if (result.level !== undefined) out.push(`| ${t.assessed} | ${result.level} |`);
  out.push(`| ${t.shown} | ${result.detectedLevel} |`);
  out.push(`| ${t.required} | ${result.minLevel ?? t.notRequired} |`);
  if (result.answers) {
    const a = result.answers;
    const age = a.date && a.ageDays !== undefined ? t.dated(a.date, a.ageDays, result.maxAgeDays) : t.undated;
    out.push(`| ${t.answers} | ${mdCode(a.path)}, ${mdText(age)} |`);
  }
  out.push(`| ${t.repository} | ${mdText(root)} |`, '');
  if (result.answers) {
    out.push(`## ${t.contradictions}`, '');
    if (!result.contradictions.length) out.push(t.noContradictions, '');
    else {
      for (const c of result.contradictions) {
        const claim = mdText(optionLabel(bank, c.question, c.claim, lang));
        const answerAt = c.answerAt ? ` (${t.answerAt(mdCode(`${c.answerAt.file}:${c.answerAt.line}`))})` : '';
        out.push(`- **${mdText(c.question)}** "${claim}"${answerAt}: ${mdText(c.message)}${c.acknowledged ? ` ${mdText(t.acknowledged)}` : ''}`);
      }
      out.push('');
      if (result.allowContradictions) out.push(mdText(t.allowed), '');
    }
  }
  if (result.changed.length) {
    out.push(`## ${t.changed}`, '');
    for (const c of result.changed) out.push(`- ${mdText(t.changedLine(c.question, c.line ? `${result.answers?.path}:${c.line}` : ''))}`);
    out.push('');
  }
  const otherWarnings = result.warnings.filter((w) => !/has changed since it was answered/.test(w));
  if (otherWarnings.length) {
    out.push(`## ${t.warnings}`, '');
    for (const w of otherWarnings) out.push(`- ${mdText(w)}`);
    out.push('');
  }
  out.push(`## ${t.result}`, '');
  if (result.passed) out.push(t.pass);
  else for (const f of result.failures) out.push(`- ${mdText(failureText(t, f))}`);
  return `${out.join('\n')}\n`;
}

export function checkJson(result: CheckResult, tool: { name: string; version: string }): object {
  return { schemaVersion: CHECK_SCHEMA_VERSION, kind: 'check', tool, ...result };
}

/** `answersUri`: the answers file relative to the checked directory, where an absence is reported. */
export function checkSarif(result: CheckResult, bank: Bank, tool: { name: string; version: string; informationUri: string }, answersUri: string): object {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const results: object[] = [];
  for (const c of result.contradictions) {
    const id = `contradiction/${c.question}/${c.rule.index + 1}`;
    if (!ruleIndex.has(id)) {
      const q = bank.byId.get(c.question);
      const rule = q?.contradicts?.[c.rule.index];
      const claims = rule ? rule.claims.map((v) => `"${optionLabel(bank, c.question, v, 'en')}"`).join(' or ') : `"${c.claim}"`;
      const short = `The answer to ${c.question} is contradicted by the repository`;
      const full = `The team answered ${c.question} (${q?.text.en ?? ''}) with ${claims}, and the repository shows otherwise. Rule declared at ${c.rule.file}:${c.rule.line}.`;
      const help = 'Either the repository changed since the assessment (fix the pipeline, or answer again with the wizard) or the answer was wrong (correct .sigmature/answers.yaml). sigmature check --allow-contradictions reports without failing.';
      ruleIndex.set(id, rules.length);
      rules.push({
        id,
        name: `AnswerContradicted${c.question.replace(/-/g, '')}Rule${c.rule.index + 1}`,
        shortDescription: { text: `${short}.` },
        fullDescription: { text: full },
        help: { text: help, markdown: `**${short}.** ${help}` },
        helpUri: `${tool.informationUri}#sigmature-check-dir`,
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['security', 'supply-chain', 'signing', 'REL-001', 'assessment'], 'security-severity': '5.0', precision: 'high', 'problem.severity': 'error' },
      });
    }
    // an absence ("nothing verifies") has no line in the repository: the answer it contradicts has
    const at = c.at ?? { file: answersUri, line: c.answerAt?.line ?? 1 };
    const text = `${c.question} "${c.claim}": ${c.message}`;
    results.push({
      ruleId: id,
      ruleIndex: ruleIndex.get(id),
      level: result.allowContradictions || c.acknowledged ? 'warning' : 'error',
      message: { text },
      locations: [sarifLocation(at.file, at.line)],
      partialFingerprints: { 'sigmature/v1': fingerprint(id, at.file, c.at?.excerpt ?? c.message) },
    });
  }
  return sarifLog(tool, rules, results);
}
