#!/usr/bin/env bash
# Exact instruction counts of whole builds, by callgrind: for each vanban
# binary given, a build of the same synthetic archive (N directives,
# default 1,000) on one thread, so the count does not depend on how
# threads were scheduled. Prints "instructions binary"; the profiles stay
# in $WORK for callgrind_annotate.
#
#   bash bench/callgrind.sh OLD_VANBAN NEW_VANBAN
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
WORK=${WORK:-/dev/shm/vanban-callgrind}
command -v valgrind >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
}
mkdir -p "$WORK"
cargo build --release --quiet --bin vanban-synth
[ -d "$WORK/synth-$N" ] || ./target/release/vanban-synth --n "$N" --seed 1 --out "$WORK/synth-$N" >/dev/null

n=0
for bin in "$@"; do
  n=$((n + 1))
  rm -rf "$WORK/out"
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.$n.out" \
    "$(realpath "$bin")" build --root "$WORK/synth-$N" --output "$WORK/out" >/dev/null 2>"$WORK/valgrind.$n.txt"
  total=$(callgrind_annotate "$WORK/callgrind.$n.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  echo "$total $bin"
done
