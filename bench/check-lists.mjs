// Checks the lists in one capture of the wizard's pane (tmux capture-pane -p), against the question
// bank: every option label (or review question) drawn is drawn whole (its wrapped rows joined),
// nothing in a list is cut ("…"), the items are drawn in bank order (not rotated), and the
// "↑ n more" / "↓ n more" rows say how many items are out of view above and below.
//
//   node bench/check-lists.mjs en|ja CAPTURE...   prints "CAPTURE: problem" lines; exit 1 when any
//
// Used by bench/tmux-lists.sh on the capture taken after every key.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [lang, ...captures] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const questionsDir = join(root, 'questions');
const bank = parse(readFileSync(join(questionsDir, 'bank.yaml'), 'utf8'));
const questions = new Map();
// bank order: the dimensions in `order`, each file's questions as written
const files = readdirSync(questionsDir).filter((f) => f.endsWith('.yaml') && f !== 'bank.yaml').map((f) => parse(readFileSync(join(questionsDir, f), 'utf8')));
files.sort((a, b) => (bank.order ?? []).indexOf(a.dimension) - (bank.order ?? []).indexOf(b.dimension));
for (const file of files) {
  for (const q of file.questions ?? []) questions.set(q.id, { ...q, options: [...q.options, { value: 'unsure', label: bank.unsure }] });
}
const order = [...questions.keys()];

const squash = (s) => s.replace(/\s+/g, '');
let rows = [];
let problems = [];

const MORE = lang === 'ja' ? { up: /↑ ほか (\d+) 件/, down: /↓ ほか (\d+) 件/ } : { up: /↑ (\d+) more/, down: /↓ (\d+) more/ };

/**
 * The list's rows: from the first row that starts an item ("> ", "  " then text, or a "more" row)
 * after `from`, to the row before the footer (the last non-empty row).
 */
function listRegion(from) {
  let last = rows.length - 1;
  while (last > 0 && rows[last].trim() === '') last--;
  // the footer is the last row; the reason prompt, the warning and the note sit under the list
  let end = last;
  for (let i = from; i < last; i++) {
    if (/^(理由: |Reason: |メモ: |Note: |⚠ |Press Enter again|もう一度 Enter|検出結果: |Detected: |Quit anyway|終了しますか)/.test(rows[i])) { end = i; break; }
  }
  return rows.slice(from, end);
}

/**
 * Where each item is drawn whole in the squashed text of the list (-1: not whole), and the items
 * whose beginning is drawn where no whole item is: those are cut.
 */
function locate(flat, items) {
  const whole = items.map((it) => flat.indexOf(squash(it.text)));
  const spans = items.map((it, i) => [whole[i], whole[i] + squash(it.text).length]).filter(([s]) => s >= 0);
  // where each item is drawn at all: whole, or only its beginning (cut)
  const at = items.map((it, i) => {
    if (whole[i] >= 0) return whole[i];
    const head = squash(it.text).slice(0, 12);
    for (let from = flat.indexOf(head); from >= 0; from = flat.indexOf(head, from + 1)) {
      if (!spans.some(([s, e]) => from >= s && from < e)) return from;
    }
    return -1;
  });
  const cut = items.filter((_, i) => whole[i] < 0 && at[i] >= 0);
  return { at, cut };
}

/** Checks one list: `items` in bank order, each with the text that must appear whole when it appears. */
function checkList(kind, region, items, counted = true) {
  const flat = squash(region.join(''));
  if (/…/.test(region.join('\n'))) problems.push(`${kind}: a cut text ("…") in the list`);
  const { at, cut } = locate(flat, items);
  for (const it of cut) problems.push(`${kind}: "${it.text}" is not drawn whole`);
  const seen = at.map((a, index) => ({ index, at: a })).filter((x) => x.at >= 0);
  if (!seen.length) {
    problems.push(`${kind}: no item of the list is drawn`);
    return;
  }
  for (let i = 1; i < seen.length; i++) {
    if (seen[i].at < seen[i - 1].at) {
      problems.push(`${kind}: drawn out of order (rotated): item ${seen[i].index + 1} above item ${seen[i - 1].index + 1}`);
      break;
    }
  }
  if (!counted) return;
  const first = seen[0].index;
  const lastSeen = seen.at(-1).index;
  if (seen.length !== lastSeen - first + 1) problems.push(`${kind}: items ${first + 1}..${lastSeen + 1} drawn with a gap`);
  const up = MORE.up.exec(region.join('\n'));
  const down = MORE.down.exec(region.join('\n'));
  const above = first;
  const below = items.length - 1 - lastSeen;
  if ((up ? Number(up[1]) : 0) !== above) problems.push(`${kind}: ${above} items above the view, the list says ${up ? up[0] : 'nothing'}`);
  if ((down ? Number(down[1]) : 0) !== below) problems.push(`${kind}: ${below} items below the view, the list says ${down ? down[0] : 'nothing'}`);
}

let failed = 0;
for (const capture of captures) {
  rows = readFileSync(capture, 'utf8').split('\n');
  problems = [];
  const questionRow = rows.findIndex((r) => /^[A-Z]{2,4}-\d+ /.test(r));
  const reviewRow = rows.findIndex((r) => /^(Review: |確認: 回答)/.test(r));
  if (questionRow >= 0) {
    const id = rows[questionRow].split(' ')[0];
    const q = questions.get(id);
    if (!q) problems.push(`question ${id}: not in the bank`);
    else {
      // the question text wraps over a few rows; the list starts at the first item or "more" row after it
      let from = questionRow + 1;
      while (from < rows.length && !/^(> |  \S|  \[|      ↑|  ↑|      ↓|  ↓)/.test(rows[from])) from++;
      checkList(`${id}`, listRegion(from), q.options.map((o) => ({ text: o.label[lang] })));
    }
  } else if (reviewRow >= 0) {
    const region = listRegion(reviewRow + 1).filter((r) => r.trim() !== '' && !/^\d+ (question|問)/.test(r));
    const ids = order.filter((id) => questions.has(id));
    // questions that do not apply are not listed, so the "more" counts are not checked against the bank
    const items = [{ text: lang === 'ja' ? 'まとめへ進む →' : 'Continue to the summary →' }, ...ids.map((id) => ({ text: `${id} ${questions.get(id).text[lang]}` }))];
    checkList('review', region, items, false);
  }

  for (const p of problems) console.log(`${capture}: ${p}`);
  if (problems.length) failed++;
}
process.exit(failed ? 1 : 0);
