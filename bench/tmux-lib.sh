# Shared by the tmux drives (tmux-wizard.sh, tmux-lists.sh): sourced after `name=<script name>`.
# Checks tmux, builds dist/ unless BUILD=0, and defines $repo, $work, $session, $status and
# fail, capture, settled, wait_for. KEEP=1 keeps the captures; REPO=<dir> drives another repository.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v tmux >/dev/null || { echo "$name: needs tmux (apt-get install -y tmux)" >&2; exit 2; }
if [ ! -c /dev/null ]; then
  # tmux's server refuses to start without it; something that wrote "atomically" to /dev/null replaced it
  if [ "$(id -u)" = 0 ]; then
    for _ in 1 2 3 4 5; do rm -f /dev/null; mknod -m 666 /dev/null c 1 3 && break; done
    echo "$name: restored /dev/null (it was a regular file)" >&2
  else echo "$name: /dev/null is not a character device; tmux cannot start" >&2; exit 2; fi
fi
[ "${BUILD:-1}" = 0 ] || npm run build --silent

repo=${REPO:-examples/repos/keyless-release}
work=$(mktemp -d)
session="sigmature-$name-$$"
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "$name: captures kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

status=0
fail() { echo "$name: $*" >&2; status=1; }
capture() { tmux capture-pane -p -t "$session"; }

# Waits until the pane stops changing (two equal captures ${SETTLE:-0.1} s apart, 60 tries at most) and prints it.
settled() {
  local last now
  last=$(capture)
  for _ in $(seq 1 60); do
    sleep "${SETTLE:-0.1}"
    now=$(capture)
    [ "$now" = "$last" ] && { printf '%s\n' "$now"; return; }
    last=$now
  done
  printf '%s\n' "$now"
}

wait_for() {
  for _ in $(seq 1 150); do capture | grep -q -- "$1" && return 0; sleep 0.1; done
  echo "$name: timed out waiting for \"$1\"; the screen:" >&2; capture >&2; exit 1
}
