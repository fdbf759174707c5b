#!/usr/bin/env bash
# Drives the real built wizard in a real 80x24 terminal (tmux): Enter at every screen (with one
# look at "why it matters" on KEY-1), then reads the report it wrote. Prints a captured question
# screen and the last screen. Exit 0 when the report exists and names the level.
#
#   bash bench/tmux-wizard.sh            (BUILD=0 to reuse dist/)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "tmux-wizard: needs tmux (apt-get install -y tmux)" >&2; exit 2; }
if [ ! -c /dev/null ]; then
  # tmux's server refuses to start without it; something that wrote "atomically" to /dev/null replaced it
  if [ "$(id -u)" = 0 ]; then
    for _ in 1 2 3 4 5; do rm -f /dev/null; mknod -m 666 /dev/null c 1 3 && break; done
    echo "tmux-wizard: restored /dev/null (it was a regular file)" >&2
  else echo "tmux-wizard: /dev/null is not a character device; tmux cannot start" >&2; exit 2; fi
fi
[ "${BUILD:-1}" = 0 ] || npm run build --silent

work=$(mktemp -d)
session="sigmature-wizard-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# a copy, so that the answers file (<DIR>/.sigmature/answers.yaml) is not written into the fixtures
cp -r test/fixtures/repos/gha-keyless-image "$work/repo"

tmux new-session -d -s "$session" -x 80 -y 24 \
  "cd '$PWD' && env -u CI LANG=C.UTF-8 TERM=xterm-256color node dist/cli.js '$work/repo' --out '$work/report.md' --lang en; echo EXIT=\$?; sleep 60"

capture() { tmux capture-pane -p -t "$session"; }
wait_for() {
  for _ in $(seq 1 150); do capture | grep -q -- "$1" && return 0; sleep 0.1; done
  echo "tmux-wizard: timed out waiting for \"$1\"; the screen:" >&2; capture >&2; exit 1
}
enter() { tmux send-keys -t "$session" Enter; }

wait_for 'Organisation'
capture > "$work/welcome.txt"
helped=no
for _ in $(seq 1 80); do
  enter
  sleep 0.2
  screen=$(capture)
  if [ "$helped" = no ] && grep -q 'KEY-1 Where does your most exposed' <<<"$screen"; then
    tmux send-keys -t "$session" '?'
    wait_for 'Why it matters'
    capture > "$work/question.txt"
    tmux send-keys -t "$session" '?'
    helped=yes
  fi
  grep -q 'EXIT=' <<<"$screen" && break
done
wait_for 'EXIT='
capture > "$work/last.txt"

echo "== a question screen (80x24, help open)"
cat "$work/question.txt"
echo "== the last screen"
sed '/^$/d' "$work/last.txt"

status=0
grep -q 'EXIT=0' "$work/last.txt" || { echo "tmux-wizard: the wizard did not exit 0" >&2; status=1; }
[ -s "$work/report.md" ] || { echo "tmux-wizard: no report at $work/report.md" >&2; exit 1; }
grep -qi 'level' "$work/report.md" || { echo "tmux-wizard: the report does not name the level" >&2; status=1; }
[ -s "$work/repo/.sigmature/answers.yaml" ] || { echo "tmux-wizard: no answers file" >&2; status=1; }
for f in "$work/welcome.txt" "$work/question.txt" "$work/last.txt"; do
  node -e 'const lines = require("fs").readFileSync(process.argv[1], "utf8").replace(/\n$/, "").split("\n"); process.exit(lines.some((l) => [...l].length > 80) || lines.length > 24 ? 1 : 0)' "$f" \
    || { echo "tmux-wizard: $(basename "$f") does not fit 80x24" >&2; status=1; }
done
echo "== the report: $(grep -m1 -i 'level' "$work/report.md")"
echo "== answers: $(grep -c 'source: confirmed' "$work/repo/.sigmature/answers.yaml") confirmed, $(grep -c 'source: stated' "$work/repo/.sigmature/answers.yaml") stated, $(grep -c 'source: detected' "$work/repo/.sigmature/answers.yaml") detected"
[ "$status" = 0 ] && echo "tmux-wizard: ok"
exit "$status"
