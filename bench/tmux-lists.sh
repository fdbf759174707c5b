#!/usr/bin/env bash
# Drives the real built wizard in a real terminal (tmux) at 80x24 and 60x18, in English and
# Japanese, and checks every list it draws (bench/check-lists.mjs), after EVERY key:
#   - every option label drawn is drawn whole (its wrapped rows joined), nothing in a list is cut;
#   - the items are drawn in bank order, never rotated (ink-select-input drew a wrapped-around
#     list rotated), with no gap;
#   - "↑ n more" / "↓ n more" say exactly how many options are out of view.
# On each question it moves the cursor down through every option and around to where it started
# (so Enter then keeps the pre-selection), then Enter; on the review it walks the whole list and
# around once. Exit 0 when every capture of every run is clean and every run wrote its report.
#
#   bash bench/tmux-lists.sh              (BUILD=0 to reuse dist/; RUNS="en-80x24 ja-60x18" to choose;
#                                          KEEP=1 to keep the captures)
set -euo pipefail
name=tmux-lists
SETTLE=${SETTLE:-0.05}
# shellcheck source=bench/tmux-lib.sh
source "$(dirname "$0")/tmux-lib.sh"

# Sends one key and captures the settled pane (the captures are checked together at the end of the run).
key() {
  tmux send-keys -t "$session" "$@"
  keys=$((keys + 1))
  local file
  file=$(printf '%s/%04d.txt' "$dir" "$keys")
  settled > "$file"
  screen=$(cat "$file")
}

# Waits (2 s at most) until the pane no longer shows question $1, so the next question is not missed.
left() {
  for _ in $(seq 1 40); do
    grep -qE "^$1 " <<<"$screen" || return 0
    sleep 0.05
    screen=$(settled)
  done
}

options_of() { # the number of options of question $1 (bank options + unsure)
  node -e '
    const { parse } = require("yaml"); const fs = require("fs");
    for (const f of fs.readdirSync("questions").filter((f) => f.endsWith(".yaml") && f !== "bank.yaml"))
      for (const q of parse(fs.readFileSync("questions/" + f, "utf8")).questions ?? [])
        if (q.id === process.argv[1]) console.log(q.options.length + 1);' "$1"
}

drive() {
  run=$1; lang=$2; local cols=$3 rows=$4
  dir="$work/$run"; mkdir -p "$dir"
  cp -r "$repo" "$dir/repo"
  rm -rf "$dir/repo/.sigmature"
  keys=0; screen=
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x "$cols" -y "$rows" \
    "cd '$PWD' && env -u CI LANG=C.UTF-8 TERM=xterm-256color node dist/cli.js '$dir/repo' --out '$dir/report.md' --lang $lang; echo EXIT=\$?; sleep 120"
  wait_for 'sigmature - REL-001'
  screen=$(settled)
  local questions=0 reviewed=no seen=
  for _ in $(seq 1 400); do
    local id
    id=$(grep -m1 -oE '^[A-Z]{2,4}-[0-9]+ ' <<<"$screen" | tr -d ' ' || true)
    if [ -n "$id" ] && grep -qE '^[0-9]+/[0-9]+ · ' <<<"$screen"; then
      grep -q " $id " <<<" $seen " || { seen="$seen $id"; questions=$((questions + 1)); }
      local n
      n=$(options_of "$id")
      for _ in $(seq 1 "$n"); do key Down; done
      key Enter
      # a contradiction the scan sees: Enter again keeps the pre-selection
      grep -qE 'Press Enter again|もう一度 Enter' <<<"$screen" && key Enter
      left "$id"
      continue
    fi
    if [ "$reviewed" = no ] && grep -qE '^(Review: |確認: 回答)' <<<"$screen"; then
      reviewed=yes
      local items
      items=$(grep -oE '^(Review|確認): [^0-9]*[0-9]+' <<<"$screen" | grep -oE '[0-9]+$')
      for _ in $(seq 0 "$items"); do key Down; done
      key Up; key Down
      continue
    fi
    key Enter
    grep -q 'EXIT=' <<<"$screen" && break
  done
  wait_for 'EXIT='
  capture > "$dir/last.txt"
  grep -q 'EXIT=0' "$dir/last.txt" || fail "$run: the wizard did not exit 0"
  [ "$questions" -ge 10 ] || fail "$run: only $questions questions seen"
  [ "$reviewed" = yes ] || fail "$run: never reached the review"
  [ -s "$dir/report.md" ] || fail "$run: no report at $dir/report.md"
  local out problems
  out=$(node bench/check-lists.mjs "$lang" "$dir"/[0-9]*.txt || true)
  problems=$(grep -c . <<<"$out" || true)
  if [ -n "$out" ]; then
    fail "$run: $problems problems (each kind once, with a capture):"
    # one line per kind of problem (the capture name and the question left out), and the first capture
    sed -E 's/^[^:]+: //; s/^[A-Z]{2,4}-[0-9]+: //; s/[0-9]+ items/N items/g; s/item [0-9]+ above item [0-9]+/item above item/' <<<"$out" | sort | uniq -c | sort -rn | head -12 >&2
    local first
    first=$(head -1 <<<"$out" | cut -d: -f1)
    echo "-- $first:" >&2; cat "$first" >&2
  fi
  echo "== $run: $questions questions and the review; $keys captures checked, $problems problems"
}

for r in ${RUNS:-en-80x24 ja-80x24 en-60x18 ja-60x18}; do
  IFS=- read -r l size <<<"$r"
  drive "$r" "$l" "${size%x*}" "${size#*x}"
done
[ "$status" = 0 ] && echo "tmux-lists: ok"
exit "$status"
