#!/usr/bin/env bash
# Builds the same sites with two vanban binaries and compares the outputs
# byte for byte (`diff -r`): this archive without and with a base URL that
# has a path, and a synthetic archive (vanban-synth --n N --seed 1).
# A restructuring must leave every file the same.
#
#   bash bench/same-output.sh OLD_VANBAN NEW_VANBAN [N]
#
# OLD_VANBAN is, say, the release binary of the commit compared against,
# built in a worktree: git worktree add /tmp/old <commit> &&
# (cd /tmp/old && cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."

OLD=$(realpath "$1")
NEW=$(realpath "$2")
N=${3:-10000}
WORK=${WORK:-/dev/shm/vanban-same}
rm -rf "$WORK" && mkdir -p "$WORK"

cargo build --release --quiet --bin vanban-synth
./target/release/vanban-synth --n "$N" --seed 1 --out "$WORK/synth" >/dev/null

status=0
compare() { # name, root, extra build arguments…
  local name=$1 root=$2
  shift 2
  "$OLD" build --root "$root" --output "$WORK/old-$name" "$@" >/dev/null 2>&1
  "$NEW" build --root "$root" --output "$WORK/new-$name" "$@" >/dev/null 2>&1
  local files
  files=$(find "$WORK/new-$name" -type f | wc -l)
  if diff -r "$WORK/old-$name" "$WORK/new-$name" >"$WORK/diff-$name.txt"; then
    echo "same: $name ($files files)"
  else
    echo "DIFFERENT: $name ($(wc -l <"$WORK/diff-$name.txt") lines in $WORK/diff-$name.txt)"
    status=1
  fi
}

compare archive .
compare archive-base-url . --base-url https://vanban.example.gov.vn/luu-tru/
compare "synth-$N" "$WORK/synth"
exit $status
