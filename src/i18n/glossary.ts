/**
 * The Japanese glossary: one term per concept, across the wizard, the question bank, the roadmap
 * and the report. The terms follow the Japanese text of the control as the user gave it
 * (DESIGN `seeds/REL-001-artifact-signing.ja.md`: 一元管理, 鍵管理, キーレス署名, 成果物 …) and, where
 * the control is silent, the term the bank already used most.
 *
 * `avoid` lists the variants that must not appear in any Japanese string; `test/i18n/glossary.test.ts`
 * scans every one (ja fields of `questions/*.yaml` and `templates/roadmap/steps.yaml`, the `ja`
 * catalogues of `src/i18n/`, Japanese text in `templates/`) and names file, place and string of
 * each variant it finds. `allow` excuses a variant inside one exact phrase of one file, for the
 * few places that need it (a definition, a quotation of the control): keep them rare.
 *
 * This module is data for tests and translators; nothing at run time imports it.
 */

export interface Allowance {
  /** Repository-relative path of the file. */
  file: string;
  /** The exact phrase, as it appears in the string, inside which the variant is accepted. */
  phrase: string;
  why: string;
}

export interface GlossaryEntry {
  /** The concept, in English, as the English text of the bank and the UI names it. */
  concept: string;
  /** The one Japanese term (for a style rule: the form to use). */
  term: string;
  /** Variants not allowed: a string matches as it is, a regular expression where context matters. */
  avoid: readonly (string | RegExp)[];
  note?: string;
  allow?: readonly Allowance[];
}

/** Kana, kanji and the long vowel mark (not punctuation): a half-width parenthesis never touches them. */
const JA = '[\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Han}\\u30fc]';

export const GLOSSARY: readonly GlossaryEntry[] = [
  // --- the control's own terms
  {
    concept: 'centralised (signing platform, audit trail, signing service)',
    term: '一元管理',
    avoid: ['集中管理', '中央管理', '集中型', '中央集権'],
    note: 'The control: 「一元管理されたプラットフォーム」. 一元管理された証跡, 一元管理の署名サービス.',
  },
  {
    concept: 'long-lived key',
    term: '長期鍵',
    avoid: ['有効期間の長い', '長期間有効な', '長期の鍵', '長期の署名鍵', '長期の秘密鍵', '長寿命の鍵'],
    note: 'The explanatory form is given once, where the wizard first uses the term (COV-3).',
    allow: [
      {
        file: 'questions/coverage.yaml',
        phrase: '長期鍵 (有効期間の長い署名鍵)',
        why: 'the definition, where a workshop first meets the term (COV-3 help)',
      },
    ],
  },
  {
    concept: 'keyless signing',
    term: 'キーレス署名',
    avoid: ['鍵なし署名', 'キーレスサイニング', 'キーレス・署名'],
  },
  {
    concept: 'key management (service, solution)',
    term: '鍵管理',
    avoid: ['キー管理', 'キーマネジメント', '鍵マネジメント'],
  },
  {
    concept: 'key custody (who holds and can use the keys; dimension and scan row)',
    term: '鍵の管理責任',
    avoid: [/(?<!暗号)鍵の管理(?!責任)/u, '鍵の保管責任', 'キーカストディ'],
  },
  {
    concept: 'signing key',
    term: '署名鍵',
    avoid: ['署名キー', '署名用の鍵', '署名用鍵', 'サイニングキー'],
  },
  {
    concept: 'signing identity (workflow and OIDC issuer that signs keylessly)',
    term: '署名 ID',
    avoid: ['署名に使う ID', '署名用 ID', '署名用の ID', '署名アイデンティティ', 'アイデンティティ'],
  },
  {
    concept: 'OIDC issuer',
    term: '発行者',
    avoid: [/(?<![`\w-])issuer(?![`\w-])/u],
    note: 'Field names of a policy stay in code spans: `issuer`, `subject`.',
  },
  {
    concept: 'artifact, deliverable (what a team releases)',
    term: '成果物',
    avoid: ['アーティファクト', 'デリバラブル'],
    note: 'The control lists 「コンテナ、アーティファクト、ソフトウェア成果物」: quoted as it is in the level 3 evidence and criterion.',
    allow: [
      { file: 'questions/bank.yaml', phrase: 'すべてのコンテナ、アーティファクト、成果物', why: 'the control\'s own list (level 3 evidence item and criterion L3.all-signed-in-ci)' },
    ],
  },
  {
    concept: 'transparency log',
    term: '透明性ログ',
    avoid: ['透過性ログ', '透明ログ', 'トランスペアレンシーログ', 'トランスペアレンシー・ログ'],
  },
  {
    concept: 'provenance',
    term: '来歴',
    avoid: ['プロベナンス', '出所証明', '由来情報'],
    note: 'The English word may follow the term once, in parentheses: 来歴 (provenance).',
  },
  {
    concept: 'attestation',
    term: 'アテステーション',
    avoid: ['構成証明', 'アテスト', '証明書付与'],
  },
  {
    concept: 'revoke, revocation',
    term: '失効',
    avoid: ['無効化', 'リボーク', 'リボケーション', '鍵の取り消し', '鍵を取り消'],
  },
  {
    concept: 'rotation',
    term: 'ローテーション',
    avoid: ['ローテート', 'ロテーション', '鍵交換', '鍵の交換'],
  },
  {
    concept: 'pipeline',
    term: 'パイプライン',
    avoid: ['パイプ・ライン', 'パイプラインー'],
  },
  {
    concept: 'cluster',
    term: 'クラスター',
    avoid: [/クラスタ(?!ー)/u],
  },
  {
    concept: 'admission control (Kubernetes)',
    term: 'アドミッションコントロール',
    avoid: ['アドミッション制御', '受付制御', '受入制御', 'アドミッション・コントロール'],
    note: 'The component is アドミッションコントローラー.',
  },
  {
    concept: 'assessor (who runs the assessment and signs the level)',
    term: '評価者',
    avoid: ['アセッサー', /アセッサ(?!ー)/u, '審査者', '審査員', '査定者'],
  },
  {
    concept: 'evidence',
    term: 'エビデンス',
    avoid: ['証拠'],
    note: 'The report\'s term (エビデンスチェックリスト, 検出されたエビデンス); 証跡 is the audit trail, a different concept.',
  },
  {
    concept: 'open item (an answer that is unsure or missing)',
    term: '未確定の項目',
    avoid: ['未解決事項', 'オープン項目', '未決事項'],
  },
  {
    concept: 'question bank',
    term: '質問集',
    avoid: ['質問バンク', 'クエスチョンバンク', '設問集'],
  },
  {
    concept: 'dimension (of the maturity model)',
    term: '観点',
    avoid: ['次元', 'ディメンション'],
  },
  {
    concept: 'criterion',
    term: '基準',
    avoid: ['クライテリア', '判定基準項目'],
  },
  {
    concept: 'rehearse (a rotation, a compromise response)',
    term: '予行演習',
    avoid: ['訓練', 'リハーサル'],
    note: 'A tabletop exercise is 机上演習, a kind of 予行演習.',
  },
  {
    concept: 'an action of GitHub Actions',
    term: 'アクション',
    avoid: [/(?<![\w-])Action(?!s)(?![\w-])/u],
    note: 'The product name stays: GitHub Actions.',
  },
  {
    concept: 'runbook, written procedure',
    term: '手順書',
    avoid: ['ランブック', 'Runbook', 'runbook'],
  },

  // --- spelling: one form of the same word
  { concept: 'leak (of a key)', term: '漏えい', avoid: ['漏洩'] },
  { concept: 'tamper', term: '改ざん', avoid: ['改竄'] },
  { concept: 'notice', term: '気付く', avoid: ['気づ'] },
  { concept: 'know, understand', term: 'わかる', avoid: [/分か(?=[らりるっ])/u], note: 'As the unsure option says it: 「わからない」.' },
  {
    concept: 'katakana words ending in a long vowel (controller, installer, manager, monitor, user, server)',
    term: 'コントローラー, インストーラー, マネージャー, モニター, ユーザー, サーバー',
    avoid: [/コントローラ(?!ー)/u, /インストーラ(?!ー)/u, /マネージャ(?!ー)/u, /モニタ(?![ーリ])/u, /ユーザ(?!ー)/u, /サーバ(?!ー)/u],
  },

  // --- typography
  {
    concept: 'parentheses',
    term: 'half-width with spaces: 署名鍵 (HSM) を',
    avoid: ['（', '）', new RegExp(`${JA}\\(`, 'u'), new RegExp(`\\)${JA}`, 'u')],
    note: 'The style the bank already used throughout; a half-width parenthesis never touches kana or kanji.',
  },
];

export interface GlossaryHit {
  entry: GlossaryEntry;
  /** The text that matched the variant. */
  match: string;
  /** Where in the string (UTF-16 index). */
  index: number;
}

/** Every variant of the glossary found in `text`, a Japanese string of `file`, less the allowed ones. */
export function glossaryViolations(text: string, file: string, glossary: readonly GlossaryEntry[] = GLOSSARY): GlossaryHit[] {
  const hits: GlossaryHit[] = [];
  for (const entry of glossary) {
    for (const variant of entry.avoid) {
      for (const { match, index } of occurrences(text, variant)) {
        if (!allowed(text, file, index, match.length, entry)) hits.push({ entry, match, index });
      }
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

function occurrences(text: string, variant: string | RegExp): { match: string; index: number }[] {
  const out: { match: string; index: number }[] = [];
  if (typeof variant === 'string') {
    for (let i = text.indexOf(variant); i >= 0; i = text.indexOf(variant, i + variant.length)) out.push({ match: variant, index: i });
    return out;
  }
  const re = new RegExp(variant.source, variant.flags.includes('g') ? variant.flags : `${variant.flags}g`);
  for (const m of text.matchAll(re)) out.push({ match: m[0], index: m.index });
  return out;
}

function allowed(text: string, file: string, index: number, length: number, entry: GlossaryEntry): boolean {
  for (const a of entry.allow ?? []) {
    if (a.file !== file) continue;
    for (let at = text.indexOf(a.phrase); at >= 0; at = text.indexOf(a.phrase, at + 1)) {
      if (at <= index && index + length <= at + a.phrase.length) return true;
    }
  }
  return false;
}
