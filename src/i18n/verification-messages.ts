/**
 * The report's "Verification" section (issue 11): signers beside the verifiers that should accept
 * them. English and Japanese, one object per language with the same keys.
 */
import type { VerifierStatus } from '../detect/identity/model.js';
import type { Breadth } from '../detect/identity/match.js';
import type { Lang } from './report-messages.js';

const SHORT_EN: Record<VerifierStatus, string> = {
  ok: 'ok', 'audit-only': 'audit only', 'too-broad': 'too broad', inert: 'inert', 'key-based': 'key-based',
  undetermined: 'undetermined', 'no-signer-known': 'with no signer to compare', 'other-repository': "for another repository's artifacts",
};
const SHORT_JA: Record<VerifierStatus, string> = {
  ok: 'OK', 'audit-only': '監査のみ', 'too-broad': '範囲が広すぎる', inert: '無効', 'key-based': '鍵による検証',
  undetermined: '判定不能', 'no-signer-known': '照合できる署名者なし', 'other-repository': '別リポジトリの検証',
};

const en = {
  heading: 'Verification: who signs, and whom each verifier accepts',
  intro: (signers: number, verifiers: number) =>
    `${signers} keyless signer(s) and ${verifiers} verifier(s) found. Each verifier is compared with the certificate identity (subject and issuer) the signatures of each signer carry, evaluated as the verifier evaluates it.`,
  signersHeading: 'Signers',
  verifiersHeading: 'Verifiers',
  signerCols: '| Signer | Certificate identity | Issuer | Where | Accepted by |',
  verifierCols: '| Verifier | Demands | Mode | Verdict | Where |',
  unknown: (parts: string) => `unknown: ${parts}`,
  none: 'none',
  enforce: 'enforces',
  audit: 'only warns',
  keys: 'a public key',
  anyIdentity: 'any identity',
  documented: 'instructions for users',
  alsoAccepts: (b: Breadth) =>
    b.kind === 'anyone' ? 'also accepts signatures made by workflows of unrelated repositories'
      : b.kind === 'owner' ? `also accepts signatures made by any workflow of any ${b.owner} repository`
        : `also accepts repositories whose names start with ${b.repository} (${b.repository}-fork)`,
  /** The scan screen's count: "2 ok, 1 inert". */
  count: (n: number, status: VerifierStatus) => `${n} ${SHORT_EN[status]}`,
  status: {
    ok: 'OK: accepts this release and enforces',
    'audit-only': 'Audit only: accepts this release but only warns',
    'too-broad': 'Too broad',
    inert: 'Inert: accepts none of the signers found',
    'key-based': 'Key-based: nothing to compare',
    undetermined: 'Undetermined',
    'no-signer-known': 'No signer known to compare (scan the release repositories with portfolio)',
    'other-repository': "Another repository's artifacts",
  } satisfies Record<VerifierStatus, string>,
};

const ja: typeof en = {
  count: (n: number, status: VerifierStatus) => `${SHORT_JA[status]} ${n} 件`,
  heading: '検証: 誰が署名し、各検証が誰の署名を受け入れるか',
  intro: (signers: number, verifiers: number) =>
    `キーレス署名者 ${signers} 件、検証 ${verifiers} 件が見つかりました。各検証を、各署名者の署名が持つ証明書 ID (サブジェクトと発行者) と、その検証と同じ評価方法で照合しています。`,
  signersHeading: '署名者',
  verifiersHeading: '検証',
  signerCols: '| 署名者 | 証明書 ID | 発行者 | 場所 | 受け入れる検証 |',
  verifierCols: '| 検証 | 要求 | モード | 判定 | 場所 |',
  unknown: (parts: string) => `不明: ${parts}`,
  none: 'なし',
  enforce: '強制',
  audit: '警告のみ',
  keys: '公開鍵',
  anyIdentity: '任意の ID',
  documented: '利用者向けの手順',
  alsoAccepts: (b: Breadth) =>
    b.kind === 'anyone' ? '無関係なリポジトリのワークフローが作った署名も受け入れます'
      : b.kind === 'owner' ? `${b.owner} のどのリポジトリのどのワークフローが作った署名も受け入れます`
        : `${b.repository} で始まる名前のリポジトリ (${b.repository}-fork など) も受け入れます`,
  status: {
    ok: 'OK: このリリースの署名を受け入れ、強制しています',
    'audit-only': '監査のみ: このリリースの署名を受け入れますが、警告するだけです',
    'too-broad': '範囲が広すぎます',
    inert: '無効: 見つかった署名者のどれも受け入れません',
    'key-based': '鍵による検証: 照合の対象がありません',
    undetermined: '判定できません',
    'no-signer-known': '照合できる署名者がいません (portfolio でリリース側のリポジトリと一緒に確認してください)',
    'other-repository': '別のリポジトリの成果物の検証',
  },
};

export const verificationMessages: Record<Lang, typeof en> = { en, ja };
