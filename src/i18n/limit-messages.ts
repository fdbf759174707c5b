/**
 * What a scan cannot see, in words, English and Japanese. Detectors record a limit as a code and
 * its variables (`limitWarning`); the English text is kept in the warning's `message` for the JSON
 * and the terminal, and a report renders the code in its own language. Variables come from the
 * repository: they are sanitised where the warning is made and escaped where it is rendered.
 */
import type { ArtifactKind, ScanWarning } from '../detect/types.js';
import { publishedArtifactLabel } from './fact-labels.js';
import type { Lang } from './report-messages.js';

export type LimitVars = Readonly<Record<string, string>>;

const artifact = (v: LimitVars, lang: Lang): string =>
  publishedArtifactLabel(v.artifact ?? '', (v.artifactKind ?? 'blob') as ArtifactKind, lang);

/** The artifact's Japanese label, with the space Japanese text keeps before a Latin word (「内に Maven の」). */
const artifactJa = (v: LimitVars): string => {
  const label = artifact(v, 'ja');
  return /^[A-Za-z0-9]/.test(label) ? ` ${label}` : label;
};

const MESSAGES = {
  'publishing-without-signing': {
    en: (v: LimitVars) =>
      `${v.count} publishing step(s) found (first: ${artifact(v, 'en')} at ${v.at}) but no signing in the repository; if signing happens elsewhere (a release machine, another repository, the registry), the scan cannot see it`,
    ja: (v: LimitVars) =>
      `公開ステップが ${v.count} 件ありますが (最初のもの: ${v.at} の${artifactJa(v)})、リポジトリ内に署名はありません。署名が別の場所 (リリース用のマシン、別のリポジトリ、レジストリ) で行われている場合、スキャンでは確認できません`,
  },
  'signing-configured-not-published': {
    en: (v: LimitVars) =>
      `signing is configured in ${v.at}, but nothing in the repository publishes the ${artifact(v, 'en')}: releases are made elsewhere (a maintainer's machine, a release repository), where the scan cannot see which key signs or whether the signing runs`,
    ja: (v: LimitVars) =>
      `${v.at} に署名が設定されていますが、リポジトリ内に${artifactJa(v)}を公開する処理はありません。リリースは別の場所 (メンテナーのマシン、リリース用のリポジトリ) で行われており、どの鍵で署名しているか、署名が実際に行われているかはスキャンでは確認できません`,
  },
  'dev-tooling': {
    en: (v: LimitVars) =>
      `${v.count} publishing step(s) in Makefile targets or scripts that no pipeline runs (first: ${artifact(v, 'en')} at ${v.at}) are not counted as published: the CI pipelines publish the releases; if a maintainer also publishes by hand with them, those artifacts are not signed there`,
    ja: (v: LimitVars) =>
      `どのパイプラインからも実行されない Makefile のターゲットやスクリプトにある公開ステップ ${v.count} 件 (最初のもの: ${v.at} の${artifactJa(v)}) は、公開として数えていません。リリースは CI パイプラインが公開しています。メンテナーがこれらを使って手作業でも公開している場合、その成果物はそこでは署名されません`,
  },
  republished: {
    en: (v: LimitVars) =>
      `${v.count} publishing step(s) upload files their job downloads from elsewhere and does not build from this repository (first: ${artifact(v, 'en')} at ${v.at}): they republish artifacts built, and signed or not, where they come from, so they are not counted here`,
    ja: (v: LimitVars) =>
      `公開ステップ ${v.count} 件 (最初のもの: ${v.at} の${artifactJa(v)}) は、ジョブが別の場所からダウンロードしたファイルをアップロードしており、このリポジトリからはビルドしていません。ビルドと署名の有無は取得元で決まるため、ここでは数えていません`,
  },
  'test-key-signing': {
    en: (v: LimitVars) =>
      `${v.count} signing step(s) use a test key committed to the repository (first: ${v.at} with ${v.key}); anyone can make such signatures, so they are not counted as signing`,
    ja: (v: LimitVars) =>
      `署名ステップ ${v.count} 件が、リポジトリにコミットされたテスト用の鍵を使っています (最初のもの: ${v.at}、鍵 ${v.key})。このような署名は誰でも作れるため、署名として数えていません`,
  },
  'github-workflows-for-callers': {
    en: (v: LimitVars) =>
      `${v.count} reusable GitHub workflow(s) that only other repositories can call (on: workflow_call, called by no workflow here; first: ${v.at}) are not counted as this repository's CI: what they sign is their callers' deliverables`,
    ja: (v: LimitVars) =>
      `他のリポジトリからしか呼び出せない再利用可能な GitHub ワークフロー ${v.count} 件 (on: workflow_call のみで、ここのどのワークフローからも呼ばれていません。最初のもの: ${v.at}) は、このリポジトリの CI として数えていません。これらが署名するのは呼び出し元の成果物です`,
  },
  'tekton-definitions': {
    en: (v: LimitVars) =>
      `${v.count} Tekton Task or Pipeline definition(s) that nothing in the repository runs (first: ${v.at}) are not counted as its CI: no PipelineRun, TaskRun or TriggerTemplate here names them, so they are shipped for users; if the repository's own cluster runs them from elsewhere, the scan cannot see it`,
    ja: (v: LimitVars) =>
      `リポジトリ内のどこからも実行されない Tekton の Task または Pipeline の定義 ${v.count} 件 (最初のもの: ${v.at}) は、このリポジトリの CI として数えていません。これらを指定する PipelineRun、TaskRun、TriggerTemplate がここにないため、利用者向けに提供されている定義とみなします。リポジトリ自身のクラスターが別の場所からこれらを実行している場合、スキャンでは確認できません`,
  },
  'tekton-chains': {
    en: (v: LimitVars) =>
      `Tekton Chains configuration (${v.name}): signing is done by the Chains controller in the cluster, outside this repository`,
    ja: (v: LimitVars) =>
      `Tekton Chains の設定 (${v.name}): 署名はクラスター内の Chains コントローラーが行っており、このリポジトリの外にあります`,
  },
  'gitlab-include': {
    en: (v: LimitVars) => `${v.at}: ${`${v.include} include ${v.what}`.trim()}: its jobs come from outside this repository and cannot be inspected`,
    ja: (v: LimitVars) => `${v.at}: ${`include (${v.include}) ${v.what}`.trim()}: そのジョブはこのリポジトリの外から来るため、確認できません`,
  },
  'gitlab-trigger': {
    en: (v: LimitVars) =>
      `${v.at}: job "${v.job}" triggers a pipeline of project ${v.project}: what it signs or publishes runs there and cannot be inspected`,
    ja: (v: LimitVars) =>
      `${v.at}: ジョブ "${v.job}" がプロジェクト ${v.project} のパイプラインを起動しています。そこで行われる署名や公開は確認できません`,
  },
  'github-remote-workflow': {
    en: (v: LimitVars) =>
      `${v.jobs === '1' ? `job ${v.names} calls` : `${v.jobs} jobs (${v.names}) call`} another repository's reusable workflow (${v.ref}); what it signs or publishes runs there and cannot be seen from this repository`,
    ja: (v: LimitVars) =>
      `ジョブ ${v.names} が別のリポジトリの再利用可能なワークフロー (${v.ref}) を呼び出しています。そこで行われる署名や公開は、このリポジトリからは確認できません`,
  },
  'jenkins-library': {
    en: (v: LimitVars) => `${v.at}: Jenkins shared library ${v.library}: its steps come from another repository and cannot be inspected`,
    ja: (v: LimitVars) => `${v.at}: Jenkins の共有ライブラリ ${v.library}: そのステップは別のリポジトリから来るため、確認できません`,
  },
  'remote-template': {
    en: (v: LimitVars) => `template ${v.template} comes from another repository and cannot be inspected`,
    ja: (v: LimitVars) => `テンプレート ${v.template} は別のリポジトリから来るため、確認できません`,
  },
  'remote-step': {
    en: (v: LimitVars) =>
      `${v.at}: ${v.count} CircleCI orb command(s) or Buildkite plugin(s) that may sign or publish (${v.names}) run code kept outside this repository; what they sign or publish, and with which key, is not visible to the scan`,
    ja: (v: LimitVars) =>
      `${v.at}: 署名や公開を行う可能性のある CircleCI の orb コマンドまたは Buildkite のプラグイン ${v.count} 件 (${v.names}) は、このリポジトリの外にあるコードを実行します。何をどの鍵で署名・公開しているかはスキャンでは確認できません`,
  },
} as const satisfies Record<string, Record<Lang, (v: LimitVars) => string>>;

export type LimitCode = keyof typeof MESSAGES;
export const LIMIT_CODES = Object.keys(MESSAGES) as LimitCode[];

export function limitMessage(lang: Lang, code: LimitCode, vars: LimitVars): string {
  return MESSAGES[code][lang](vars);
}

/** A limit of the scan, with its English message for the JSON and the terminal. */
export function limitWarning(code: LimitCode, file: string, vars: LimitVars): ScanWarning {
  return { kind: 'limit', file, code, vars, message: limitMessage('en', code, vars) };
}

/** A warning in the report's language: a limit by its code, anything else as the detector wrote it. */
export function warningText(w: ScanWarning, lang: Lang): string {
  return w.code && w.code in MESSAGES ? limitMessage(lang, w.code as LimitCode, w.vars ?? {}) : w.message;
}
