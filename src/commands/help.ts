/**
 * Help texts: an overview, and one per command (`sigmature scan --help`, `sigmature help scan`),
 * in English and Japanese. Plain strings, no dependencies: `--help` loads this and nothing else
 * (no bank, no detectors, no React, no Ink).
 */
import { localeLang } from '../i18n/locale.js';
import type { Lang } from '../i18n/report-messages.js';

export { localeLang };

export const HELP_TOPICS = ['wizard', 'scan', 'report', 'diff', 'questions', 'check', 'portfolio'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

const COMMON = {
  en: `Common options:
  --lang en|ja        language (default: from LANG/LC_ALL, else en)
  --bank DIR          a question bank directory (with bank.yaml: replaces the
                      built-in bank; without: adds its questions to it)
  --template FILE     a Mustache template for the Markdown/HTML report
  -h, --help          this help
  -v, --version       the version`,
  ja: `共通オプション:
  --lang en|ja        表示言語 (既定: LANG/LC_ALL から判断、それ以外は en)
  --bank DIR          質問集のディレクトリ (bank.yaml があれば組み込みの
                      バンクを置き換え、なければ質問を追加)
  --template FILE     Markdown/HTML レポート用の Mustache テンプレート
  -h, --help          このヘルプ
  -v, --version       バージョン`,
};

const EXIT_CODES = {
  en: 'Exit codes: 0 ok; 1 level below --min-level; 2 bad usage or bad input; 3 internal fault.',
  ja: '終了コード: 0 成功、1 レベルが --min-level 未満、2 使い方または入力の誤り、3 内部エラー。',
};

const TEXT: Record<Lang, Record<'overview' | HelpTopic, string>> = {
  en: {
    overview: `Usage:
  sigmature [DIR]                  the workshop wizard (needs a terminal)
  sigmature scan [DIR]             detect signing practice in a repository
  sigmature report --answers FILE  render a maturity report from an answers file
  sigmature diff OLD NEW           what changed between two assessments
  sigmature questions              list and validate the question bank
  sigmature check [DIR]            CI gate: the committed answers against the repository
  sigmature portfolio SOURCES...   every repository of an organisation in one view
  sigmature help [COMMAND]         help on a command (wizard, scan, report, diff, questions, check, portfolio)

Each command has its own --help: sigmature scan --help

${COMMON.en}

${EXIT_CODES.en}`,
    wizard: `Usage: sigmature [DIR] [options]      (also: sigmature wizard [DIR])

The workshop wizard on DIR (default: the current directory): who is in the room,
a scan of the repository, one question per screen with the detected answer
pre-selected, a review, a summary, then the report. Answers autosave to
DIR/.sigmature/answers.yaml; the next start offers to resume them. Each written
report adds a line to DIR/.sigmature/history.jsonl (see sigmature help diff).
Needs a terminal: without one, use "sigmature scan" or "sigmature report".

Options:
  --out FILE          where the report goes (default: sigmature-report.md)
  --fresh             start over without asking: the saved answers are moved
                      aside to .sigmature/answers-<date>-<time>.yaml

Examples:
  sigmature .
  sigmature ../payments-service --lang ja --out payments-rel-001.md
  sigmature . --fresh

${COMMON.en}`,
    scan: `Usage: sigmature scan [DIR] [options]

Detects signing practice in DIR (default: the current directory) without a
terminal: facts with file:line evidence, the answers they suggest (marked
detected) and the level the repository shows. Criteria that need the team's
word (an interview, a document) cannot be met by a scan: run the wizard, or
render a report from answers, to assess them.

Options:
  --format json|markdown|html|sarif   (default: json)
  --out FILE          write to FILE instead of stdout
  --min-level N       exit 1 when the level the repository shows is below N
  --repo-url URL      where the repository lives (default: its origin remote),
                      for the certificate identities its workflows sign with

Examples:
  sigmature scan . --format markdown >> "$GITHUB_STEP_SUMMARY"
  sigmature scan . --format sarif --out sigmature.sarif
  sigmature scan . --min-level 1

${COMMON.en}`,
    report: `Usage: sigmature report --answers FILE [options]

The maturity report from an answers file (written by the wizard, or by hand):
the assessed level, why the next level is not reached, the evidence, the
roadmap and the standards mappings.

Options:
  --answers FILE      the answers file (required)
  --repo DIR          also scan DIR for evidence and the CI system
  --format markdown|html|json|intoto  (default: markdown)
                      intoto: an in-toto Statement v1 of the assessment
                      (subjects: the answers file and the repository commit),
                      to sign with cosign attest-blob --statement
  --out FILE          write to FILE instead of stdout
  --compare OLD       an earlier answers file: the report adds what changed
                      since (level, criteria, dimension scores, answers)
  --history FILE      the history file to read and append to (default:
                      history.jsonl beside an answers file in .sigmature/;
                      elsewhere, none)
  --min-level N       exit 1 when the assessed level is below N
  --repo-url URL      with --repo: where that repository lives (default: its
                      origin remote)

History: a report written with --out appends one line to the history (not
when the answers are the same as in its last line); the report then shows
what changed since the last assessment and a trend chart. On stdout, the
history is read but not written.

Examples:
  sigmature report --answers .sigmature/answers.yaml --out report.md
  sigmature report --answers answers.yaml --compare answers-2025-01.yaml
  sigmature report --answers answers.yaml --repo . --format html --out report.html
  sigmature report --answers .sigmature/answers.yaml --repo . --format intoto --out assessment.intoto.json

${COMMON.en}`,
    diff: `Usage: sigmature diff OLD NEW [options]
       sigmature diff HISTORY                 (its last two entries)

What changed between two assessments: the level, the criteria (met, missed,
open), the dimension scores, the answers (value and source) and the evidence
(when both sides carry it; history entries do not). OLD and NEW are each:
  an answers file         .sigmature/answers.yaml, examples/level-1.answers.yaml
  a JSON report           from report --format json or scan --format json
  a history entry         FILE#N: the entry on line N of a history file;
                          FILE#-1: its last entry, FILE#-2 the one before

Options:
  --format markdown|json              (default: markdown)
  --out FILE          write to FILE instead of stdout

The history (.sigmature/history.jsonl) gets one JSON line per written
assessment: the wizard's report, and report --out when the answers file is in
.sigmature/ or --history FILE is given. A broken line is skipped with a
warning naming file:line; asking diff for it is an error (exit 2).

Examples:
  sigmature diff .sigmature/history.jsonl
  sigmature diff .sigmature/history.jsonl#1 .sigmature/history.jsonl#-1
  sigmature diff answers-2026-03.yaml .sigmature/answers.yaml --lang ja
  sigmature diff old-report.json new-report.json --format json

${COMMON.en}`,
    questions: `Usage: sigmature questions [--bank DIR]

Lists the question bank and validates it: a broken bank (bad YAML, unknown
criterion, duplicate id, dangling or cyclic skip reference) is one line naming
the file, line and problem, and exit 2.

Examples:
  sigmature questions
  sigmature questions --bank ./our-bank --lang ja

${COMMON.en}`,
    check: `Usage: sigmature check [DIR] [options]

The CI gate: reads DIR/.sigmature/answers.yaml (or --answers FILE), scans DIR
(default: the current directory) and reports the assessed level from the
answers, the level the repository shows, every contradiction between an answer
and the repository (with file:line), and stale answers (questions changed since
they were answered; answers older than --max-age). Without an answers file it
checks the level the repository shows, as scan --min-level does, and says so.

Options:
  --answers FILE            the answers file (default: DIR/.sigmature/answers.yaml)
  --min-level N             exit 1 when the assessed level is below N
  --repo-url URL            where the repository lives (default: its origin
                            remote), for signer identities
  --max-age D               exit 1 when meta.date is older than D (180d, 26w;
                            default: 180d)
  --allow-contradictions    report contradictions without failing
  --format markdown|json|sarif|intoto (default: markdown)
  --out FILE                write to FILE instead of stdout
  --also FORMAT=FILE        also write FORMAT to FILE, from the same scan
                            (repeatable; e.g. --also sarif=check.sarif)

Exit codes: 0 everything holds; 1 level below --min-level, a contradiction, or
answers older than --max-age; 2 bad usage or bad input (no DIR, a broken
answers file, answers from a newer question bank); 3 internal fault.

Examples:
  sigmature check . --min-level 2 >> "$GITHUB_STEP_SUMMARY"
  sigmature check . --format sarif --out sigmature-check.sarif
  sigmature check . --also sarif=check.sarif --also json=check.json >> "$GITHUB_STEP_SUMMARY"
  sigmature check . --answers audit/answers.yaml --max-age 90d --lang ja

${COMMON.en}`,
    portfolio: `Usage: sigmature portfolio SOURCES... [options]

Every repository of an organisation in one view. Each SOURCE is a folder of
checkouts (each child with a .git or a CI file is a repository; a SOURCE with
a .git is one repository), or JSON results of scan/report/check (files, or
folders searched for *.json), so that each repository's CI can write its own
and a central job merges them. Checkouts are scanned in parallel; with
.sigmature/answers.yaml the assessed level and contradictions are added.
A repository that fails is listed with its error and the others go on; a JSON
input that cannot be read is named on stderr, one line each.

Options:
  --format markdown|html|json (default: markdown)
  --out FILE                write to FILE instead of stdout
  --jobs N                  scanning threads (default: the number of cores)
  --timeout SECONDS         per repository (default: 300; 0 for none): one that
                            takes longer is listed with its error, the rest go on
  --shard i/n               only the i-th of n deterministic shares
  --group-by owner|team|RE  group by the organisation or team of the answers,
                            or by a regular expression over the source path
                            (its first group, else the match)
  --min-level N             exit 1 when any repository is below level N, or
                            could not be scanned
  --previous SOURCE         an earlier run's JSON (portfolio --format json, or
                            scan/report/check results): who moved up or down,
                            new unsigned publishers

Exit codes: 0 done (even when some repositories failed); 1 a repository below
--min-level (or not scanned, with --min-level); 2 bad usage; 3 internal fault.

Examples:
  sigmature portfolio ~/checkouts --format html --out portfolio.html
  sigmature portfolio results/ --group-by team --lang ja
  sigmature portfolio ~/checkouts --shard 2/8 --format json --out shard-2.json

${COMMON.en}`,
  },
  ja: {
    overview: `使い方:
  sigmature [DIR]                  ワークショップ用ウィザード (端末が必要)
  sigmature scan [DIR]             リポジトリの署名の実践状況を検出
  sigmature report --answers FILE  回答ファイルから成熟度レポートを作成
  sigmature diff OLD NEW           2 つの評価の間の変化を表示
  sigmature questions              質問集を一覧表示して検証
  sigmature check [DIR]            CI ゲート: コミットされた回答をリポジトリと突き合わせる
  sigmature portfolio SOURCES...   組織のすべてのリポジトリを一覧で表示
  sigmature help [COMMAND]         コマンドのヘルプ (wizard, scan, report, diff, questions, check, portfolio)

各コマンドに --help があります: sigmature scan --help

${COMMON.ja}

${EXIT_CODES.ja}`,
    wizard: `使い方: sigmature [DIR] [オプション]      (sigmature wizard [DIR] も可)

DIR (既定: カレントディレクトリ) を対象にワークショップ用ウィザードを起動します。
参加者の入力、リポジトリのスキャン、検出結果を初期選択にした 1 画面 1 問の質問、
確認、まとめを経てレポートを書き出します。回答は DIR/.sigmature/answers.yaml に
自動保存され、次回の起動時に再開できます。レポートを書き出すたびに
DIR/.sigmature/history.jsonl に 1 行追記します (sigmature help diff を参照)。
端末が必要です。端末がない場合は "sigmature scan" か "sigmature report" を
使ってください。

オプション:
  --out FILE          レポートの出力先 (既定: sigmature-report.md)
  --fresh             確認せずに最初からやり直す (保存済みの回答は
                      .sigmature/answers-<日付>-<時刻>.yaml に退避)

例:
  sigmature .
  sigmature ../payments-service --lang ja --out payments-rel-001.md
  sigmature . --fresh

${COMMON.ja}`,
    scan: `使い方: sigmature scan [DIR] [オプション]

端末なしで DIR (既定: カレントディレクトリ) の署名の実践状況を検出します。
file:line の根拠付きの事実、そこから推定される回答 (検出として記録)、
リポジトリから読み取れるレベルを出力します。チームの証言が必要な基準
(インタビューや文書) はスキャンでは満たせません。評価するにはウィザードを
実行するか、回答ファイルからレポートを作成してください。

オプション:
  --format json|markdown|html|sarif   (既定: json)
  --out FILE          標準出力ではなく FILE に書き出す
  --min-level N       リポジトリから読み取れるレベルが N 未満なら終了コード 1
  --repo-url URL      リポジトリの URL (既定: origin リモート)。ワークフローが
                      署名に使う証明書 ID を求めるのに使います

例:
  sigmature scan . --format markdown >> "$GITHUB_STEP_SUMMARY"
  sigmature scan . --format sarif --out sigmature.sarif
  sigmature scan . --min-level 1

${COMMON.ja}`,
    report: `使い方: sigmature report --answers FILE [オプション]

回答ファイル (ウィザードが書き出したもの、または手書き) から成熟度レポートを
作成します。評価レベル、次のレベルに届かない理由、根拠、ロードマップ、
標準へのマッピングを含みます。

オプション:
  --answers FILE      回答ファイル (必須)
  --repo DIR          DIR もスキャンして根拠と CI システムを加える
  --format markdown|html|json|intoto  (既定: markdown)
                      intoto: 評価結果の in-toto Statement v1 (サブジェクトは
                      回答ファイルとリポジトリのコミット)。cosign attest-blob
                      --statement で署名できます
  --out FILE          標準出力ではなく FILE に書き出す
  --compare OLD       以前の回答ファイル: それ以降の変化 (レベル、基準、
                      観点別スコア、変わった回答) をレポートに追加
  --history FILE      読み込みと追記に使う履歴ファイル (既定: 回答ファイルが
                      .sigmature/ にあればその横の history.jsonl、それ以外は
                      なし)
  --min-level N       評価レベルが N 未満なら終了コード 1
  --repo-url URL      --repo と併用: そのリポジトリの URL (既定: origin リモート)

履歴: --out でファイルに書き出すと、履歴に 1 行追記します (回答が最後の行と
同じなら追記しません)。レポートには前回の評価からの変化と推移のグラフが
加わります。標準出力に書き出すときは、履歴を読むだけで書き込みません。

例:
  sigmature report --answers .sigmature/answers.yaml --out report.md
  sigmature report --answers answers.yaml --compare answers-2025-01.yaml
  sigmature report --answers answers.yaml --repo . --format html --out report.html
  sigmature report --answers .sigmature/answers.yaml --repo . --format intoto --out assessment.intoto.json

${COMMON.ja}`,
    diff: `使い方: sigmature diff OLD NEW [オプション]
        sigmature diff HISTORY                 (履歴の最後の 2 件)

2 つの評価の間の変化を表示します: レベル、基準 (充足、未充足、未確定)、
観点別スコア、回答 (値と回答元)、エビデンス (両方にある場合のみ。履歴の記録には
ありません)。OLD と NEW にはそれぞれ次のどれかを指定します:
  回答ファイル            .sigmature/answers.yaml、examples/level-1.answers.yaml
  JSON レポート           report --format json または scan --format json の出力
  履歴の記録              FILE#N: 履歴ファイルの N 行目の記録
                          FILE#-1: 最後の記録、FILE#-2: その 1 つ前

オプション:
  --format markdown|json              (既定: markdown)
  --out FILE          標準出力ではなく FILE に書き出す

履歴 (.sigmature/history.jsonl) には、書き出した評価ごとに JSON を 1 行
追記します。ウィザードのレポートと、回答ファイルが .sigmature/ にあるか
--history FILE を指定したときの report --out が対象です。壊れた行は
file:line を示す警告を出して読み飛ばします。その行を diff に指定すると
エラー (終了コード 2) になります。

例:
  sigmature diff .sigmature/history.jsonl
  sigmature diff .sigmature/history.jsonl#1 .sigmature/history.jsonl#-1
  sigmature diff answers-2026-03.yaml .sigmature/answers.yaml --lang ja
  sigmature diff old-report.json new-report.json --format json

${COMMON.ja}`,
    questions: `使い方: sigmature questions [--bank DIR]

質問集を一覧表示して検証します。壊れたバンク (YAML の誤り、未知の基準、
重複した ID、参照先のない、または循環するスキップ条件) は、ファイル・行・問題を
示す 1 行のメッセージと終了コード 2 になります。

例:
  sigmature questions
  sigmature questions --bank ./our-bank --lang ja

${COMMON.ja}`,
    check: `使い方: sigmature check [DIR] [オプション]

CI ゲートです。DIR/.sigmature/answers.yaml (または --answers FILE) を読み、DIR
(既定: カレントディレクトリ) をスキャンして、回答による評価レベル、リポジトリから
読み取れるレベル、回答とリポジトリの矛盾 (ファイル:行 付き)、古くなった回答
(回答後に変更された質問、--max-age より古い回答) を報告します。回答ファイルが
なければ scan --min-level と同じくリポジトリから読み取れるレベルだけを確認し、
その旨を表示します。

オプション:
  --answers FILE            回答ファイル (既定: DIR/.sigmature/answers.yaml)
  --min-level N             評価レベルが N 未満なら終了コード 1
  --repo-url URL            リポジトリの URL (既定: origin リモート)。署名者の ID に使います
  --max-age D               meta.date が D (180d、26w; 既定: 180d) より古ければ
                            終了コード 1
  --allow-contradictions    矛盾を報告するが不合格にはしない
  --format markdown|json|sarif|intoto (既定: markdown)
  --out FILE                標準出力ではなく FILE に書き出す
  --also FORMAT=FILE        同じスキャンの結果を FORMAT で FILE にも書き出す
                            (繰り返し指定可。例: --also sarif=check.sarif)

終了コード: 0 すべて満たす、1 レベルが --min-level 未満・矛盾がある・回答が
--max-age より古い、2 使い方または入力の誤り (DIR がない、回答ファイルが壊れて
いる、新しい質問集の回答)、3 内部エラー。

例:
  sigmature check . --min-level 2 >> "$GITHUB_STEP_SUMMARY"
  sigmature check . --format sarif --out sigmature-check.sarif
  sigmature check . --answers audit/answers.yaml --max-age 90d --lang ja

${COMMON.ja}`,
    portfolio: `使い方: sigmature portfolio SOURCES... [オプション]

組織のすべてのリポジトリを一覧で表示します。SOURCE はチェックアウトを並べた
フォルダー (.git または CI ファイルを持つ子ディレクトリがそれぞれリポジトリ。
.git を持つ SOURCE はそれ自体が 1 リポジトリ)、または scan/report/check の JSON
結果 (ファイル、または *.json を探すフォルダー) です。各リポジトリの CI が結果を
書き、中央のジョブがまとめることができます。チェックアウトは並列にスキャンし、
.sigmature/answers.yaml があれば評価レベルと矛盾も加えます。失敗したリポジトリは
エラーとともに一覧に載り、他は続行します。読めない JSON 入力は標準エラー出力に
1 行ずつ示します。

オプション:
  --format markdown|html|json (既定: markdown)
  --out FILE                標準出力ではなく FILE に書き出す
  --jobs N                  スキャンのスレッド数 (既定: コア数)
  --timeout SECONDS         リポジトリごとの制限時間 (既定: 300、0 で無制限)。
                            超えたものはエラーとともに一覧に載り、他は続行
  --shard i/n               n 個に決定的に分けたうちの i 番目だけ
  --group-by owner|team|RE  回答ファイルの組織またはチームで、あるいはソースの
                            パスへの正規表現 (最初のグループ、なければ一致全体)
                            でグループ化
  --min-level N             レベル N 未満、またはスキャンできなかったリポジトリが
                            あれば終了コード 1
  --previous SOURCE         以前の実行の JSON (portfolio --format json、または
                            scan/report/check の結果): レベルが上下したリポジトリ、
                            新たに未署名で公開しているリポジトリ

終了コード: 0 完了 (一部のリポジトリが失敗しても)、1 --min-level 未満の
リポジトリがある (--min-level 指定時はスキャンできなかったものも)、2 使い方の誤り、
3 内部エラー。

例:
  sigmature portfolio ~/checkouts --format html --out portfolio.html
  sigmature portfolio results/ --group-by team --lang ja
  sigmature portfolio ~/checkouts --shard 2/8 --format json --out shard-2.json

${COMMON.ja}`,
  },
};

export function helpText(topic: 'overview' | HelpTopic, lang: Lang, version: string): string {
  const title = lang === 'ja'
    ? `sigmature ${version}: 成果物署名の成熟度セルフアセスメント (OWASP DSOVS REL-001)`
    : `sigmature ${version}: artifact-signing maturity self-assessment (OWASP DSOVS REL-001)`;
  return `${title}\n\n${TEXT[lang][topic]}\n`;
}
