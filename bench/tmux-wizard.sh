#!/usr/bin/env bash
# Drives the real built wizard in a real terminal (tmux) and captures the pane after EVERY key:
#   en   80x24  Enter at every screen, "why it matters" opened and closed on KEY-1, and on the first
#               question back to the scan screen and forward again
#   ja   80x24  Enter at every screen (--lang ja); on question 2 three Enters sent at once
#               ("Enter Enter Enter" is one write) must land on question 5
#   resize      80x24, the window shrunk to 60x18 on the first question (the tallest frame), then
#               Enter to the end
# Each capture must show one frame only: the header ("sigmature - REL-001") at most once and on the
# first row (a stale row of an old frame, or anything printed outside Ink, pushes it down or repeats
# it), at most one question line ("COV-2 How much ...") and one progress line ("2/22 · ..."). Then
# it reads the report and the answers file each run wrote. Prints a question screen per run.
# Exit 0 when every capture is clean and every run wrote its report.
#
#   bash bench/tmux-wizard.sh            (BUILD=0 to reuse dist/; REPO=<dir> to drive another repository;
#                                         KEEP=1 to keep the captures; RUNS="en ja" to choose runs)
set -euo pipefail
name=tmux-wizard
SETTLE=${SETTLE:-0.1}
# shellcheck source=bench/tmux-lib.sh
source "$(dirname "$0")/tmux-lib.sh"

# One frame in the capture $1 (what key $2 caused), else a failure that shows it and the one before.
check() {
  local file=$1 what=$2 headers ids progress
  headers=$(grep -c 'sigmature - REL-001' "$file" || true)
  ids=$(grep -cE '^[A-Z]{2,4}-[0-9]+ ' "$file" || true)
  progress=$(grep -cE '^[0-9]+/[0-9]+ · ' "$file" || true)
  local why=
  [ "$headers" -le 1 ] || why="the header $headers times"
  [ "$headers" = 0 ] || head -1 "$file" | grep -q 'sigmature - REL-001' || why="${why:+$why; }the header below the first row"
  [ "$ids" -le 1 ] || why="${why:+$why; }$ids question lines"
  [ "$progress" -le 1 ] || why="${why:+$why; }$progress progress lines"
  if [ -n "$why" ]; then
    fail "$run: after $what: $why"
    [ -f "$prev" ] && { echo "-- the capture before:" >&2; cat "$prev" >&2; }
    echo "-- the capture after $what:" >&2; cat "$file" >&2
  fi
}

# Sends one key (tmux key names; several are written at once), captures the settled pane, checks it.
key() {
  local name=$*
  tmux send-keys -t "$session" "$@"
  keys=$((keys + 1))
  local file
  file=$(printf '%s/%03d.txt' "$dir" "$keys")
  settled > "$file"
  check "$file" "key $keys ($name)"
  prev=$file
  screen=$(cat "$file")
}

drive() {
  run=$1; local lang=$2
  dir="$work/$run"; mkdir -p "$dir"
  cp -r "$repo" "$dir/repo"
  rm -rf "$dir/repo/.sigmature"
  keys=0; prev=; screen=
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 80 -y 24 \
    "cd '$PWD' && env -u CI LANG=C.UTF-8 TERM=xterm-256color node dist/cli.js '$dir/repo' --out '$dir/report.md' --lang $lang; echo EXIT=\$?; sleep 120"
  wait_for 'sigmature - REL-001'
  settled > "$dir/000.txt"; prev="$dir/000.txt"; check "$prev" 'the start'
  local helped=no backed=no resized=no burst=no
  for _ in $(seq 1 90); do
    if [ "$run" = en ] && [ "$backed" = no ] && grep -qE '^COV-1 ' <<<"$screen"; then
      backed=yes; key b; key Enter
    fi
    if [ "$run" = en ] && [ "$helped" = no ] && grep -qE '^KEY-1 ' <<<"$screen"; then
      helped=yes; key '?'; cp "$prev" "$dir/question.txt"; key '?'
    fi
    if [ "$run" = resize ] && [ "$resized" = no ] && grep -qE '^1/22 ' <<<"$screen"; then
      resized=yes
      tmux resize-window -t "$session" -x 60 -y 18
      keys=$((keys + 1)); settled > "$dir/resized.txt"; check "$dir/resized.txt" 'the resize to 60x18'
      prev="$dir/resized.txt"; cp "$prev" "$dir/question.txt"
    fi
    if [ "$run" = ja ] && [ "$burst" = no ] && grep -qE '^2/22 ' <<<"$screen"; then
      burst=yes; key Enter Enter Enter
      # the keys are handed over one render at a time: on a loaded machine the pane can sit still
      # for a moment between two of them, so wait for question 5 rather than trust one settled capture
      for _ in $(seq 1 30); do grep -qE '^5/22 ' <<<"$screen" && break; sleep 0.1; screen=$(capture); done
      grep -qE '^5/22 ' <<<"$screen" || fail "$run: three Enters at once on question 2 did not reach question 5"
    fi
    [ -f "$dir/question.txt" ] || ! grep -qE '^[0-9]+/[0-9]+ · ' <<<"$screen" || cp "$prev" "$dir/question.txt"
    key Enter
    grep -q 'EXIT=' <<<"$screen" && break
  done
  wait_for 'EXIT='
  capture > "$dir/last.txt"
  [ "$run" != en ] || [ "$helped$backed" = yesyes ] || fail "$run: never reached COV-1 and KEY-1"
  [ "$run" != resize ] || [ "$resized" = yes ] || fail "$run: never reached the first question"
  [ "$run" != ja ] || [ "$burst" = yes ] || fail "$run: never reached question 2"
  grep -q 'EXIT=0' "$dir/last.txt" || fail "$run: the wizard did not exit 0"
  if [ -s "$dir/report.md" ]; then
    grep -qiE 'level|レベル' "$dir/report.md" || fail "$run: the report does not name the level"
  else fail "$run: no report at $dir/report.md"; fi
  [ -s "$dir/repo/.sigmature/answers.yaml" ] || fail "$run: no answers file"
  echo "== $run: $keys keys, each capture checked; a question screen:"
  sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$dir/question.txt"
  echo "   report: $(grep -m1 -iE 'level|レベル' "$dir/report.md" 2>/dev/null || echo none)"
  echo "   answers: $(grep -c 'source: confirmed' "$dir/repo/.sigmature/answers.yaml" 2>/dev/null || echo 0) confirmed, $(grep -c 'source: stated' "$dir/repo/.sigmature/answers.yaml" 2>/dev/null || echo 0) stated"
}

for r in ${RUNS:-en ja resize}; do
  case $r in
    en | resize) drive "$r" en ;;
    ja) drive ja ja ;;
    *) echo "tmux-wizard: unknown run $r" >&2; exit 2 ;;
  esac
done
[ "$status" = 0 ] && echo "tmux-wizard: ok"
exit "$status"
