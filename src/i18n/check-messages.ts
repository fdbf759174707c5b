/**
 * Words of `sigmature check` output (Markdown for a CI job summary), English and Japanese.
 * Pure data and functions.
 */
import type { Lang } from './report-messages.js';

export interface CheckMessages {
  title: (passed: boolean) => string;
  item: string;
  value: string;
  assessed: string;
  shown: string;
  required: string;
  answers: string;
  repository: string;
  noAnswers: (path: string) => string;
  dated: (date: string, age: number, max: number) => string;
  undated: string;
  atCommit: (root: string, commit: string) => string;
  contradictions: string;
  noContradictions: string;
  answerAt: (where: string) => string;
  allowed: string;
  acknowledged: string;
  changed: string;
  changedLine: (id: string, where: string) => string;
  warnings: string;
  result: string;
  pass: string;
  failLevel: (level: number, min: number, repository: boolean) => string;
  failContradictions: (n: number) => string;
  failTooOld: (age: number, max: number) => string;
  notRequired: string;
}

const en: CheckMessages = {
  title: (passed) => `sigmature check: ${passed ? 'passed' : 'failed'}`,
  item: 'Check',
  value: 'Result',
  assessed: "Assessed level (the team's answers)",
  shown: 'Level the repository shows',
  required: 'Required level (--min-level)',
  answers: 'Answers',
  repository: 'Repository',
  noAnswers: (path) => `No answers file (${path}): checking only the level the repository shows, as sigmature scan --min-level does.`,
  dated: (date, age, max) => `dated ${date}, ${age} days ago (at most ${max})`,
  undated: 'no date (meta.date): its age is not checked',
  atCommit: (root, commit) => `${root} at ${commit}`,
  contradictions: 'Contradictions between the answers and the repository',
  noContradictions: 'None: nothing in the repository contradicts the answers.',
  answerAt: (where) => `answer at ${where}`,
  allowed: 'Allowed by --allow-contradictions: reported, not failed.',
  acknowledged: '(acknowledged: the team saw this when it answered and kept its answer; reported, not failed)',
  changed: 'Answers to questions that changed since',
  changedLine: (id, where) => `${id} has changed in the question bank since it was answered${where ? ` (${where})` : ''}: review the answer.`,
  warnings: 'Warnings',
  result: 'Result',
  pass: 'Everything holds.',
  failLevel: (level, min, repository) => `The ${repository ? 'level the repository shows' : 'assessed level'} is ${level}, below --min-level ${min}.`,
  failContradictions: (n) => `${n} ${n === 1 ? 'answer is' : 'answers are'} contradicted by the repository.`,
  failTooOld: (age, max) => `The answers are ${age} days old, older than --max-age ${max}d: run the assessment again.`,
  notRequired: 'not set',
};

const ja: CheckMessages = {
  title: (passed) => `sigmature check: ${passed ? '合格' : '不合格'}`,
  item: '確認項目',
  value: '結果',
  assessed: '評価レベル (チームの回答)',
  shown: 'リポジトリから読み取れるレベル',
  required: '要求レベル (--min-level)',
  answers: '回答',
  repository: 'リポジトリ',
  noAnswers: (path) => `回答ファイルがありません (${path})。sigmature scan --min-level と同じく、リポジトリから読み取れるレベルだけを確認します。`,
  dated: (date, age, max) => `${date} 付け、${age} 日前 (上限 ${max} 日)`,
  undated: '日付 (meta.date) がないため、経過日数は確認しません',
  atCommit: (root, commit) => `${root} (コミット ${commit})`,
  contradictions: '回答とリポジトリの矛盾',
  noContradictions: 'なし: リポジトリの内容は回答と矛盾していません。',
  answerAt: (where) => `回答は ${where}`,
  allowed: '--allow-contradictions が指定されているため、報告のみで不合格にはしません。',
  acknowledged: '(確認済み: チームは回答時にこの矛盾を確認したうえで回答を維持しています。報告のみで不合格にはしません)',
  changed: '回答後に変更された質問',
  changedLine: (id, where) => `${id} は回答後に質問集で変更されています${where ? ` (${where})` : ''}。回答を見直してください。`,
  warnings: '警告',
  result: '判定',
  pass: 'すべての条件を満たしています。',
  failLevel: (level, min, repository) => `${repository ? 'リポジトリから読み取れるレベル' : '評価レベル'}は ${level} で、--min-level ${min} を下回っています。`,
  failContradictions: (n) => `${n} 件の回答がリポジトリの内容と矛盾しています。`,
  failTooOld: (age, max) => `回答は ${age} 日前のもので、--max-age ${max}d を超えています。評価をやり直してください。`,
  notRequired: '指定なし',
};

export function checkMessages(lang: Lang): CheckMessages {
  return lang === 'ja' ? ja : en;
}

export const CHECK_MESSAGES = { en, ja } as const;
