#!/usr/bin/env bash
# Times two vanban binaries side by side on the same synthetic archive
# (N directives, default 10,000): RUNS pairs, each pair one build with
# each binary in turn (which goes first alternates), to a RAM disk. Prints
# each pair's wall and CPU times and the median of the pairs' ratios
# (new / old), which a machine's drift over the runs does not skew.
#
#   bash bench/pair.sh OLD_VANBAN NEW_VANBAN
#   N=10000 RUNS=11 bash bench/pair.sh OLD NEW
set -euo pipefail
cd "$(dirname "$0")/.."

OLD=$(realpath "$1")
NEW=$(realpath "$2")
N=${N:-10000}
RUNS=${RUNS:-11}
WORK=${WORK:-/dev/shm/vanban-pair}
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >/dev/null
mkdir -p "$WORK"
cargo build --release --quiet --bin vanban-synth
[ -d "$WORK/synth-$N" ] || ./target/release/vanban-synth --n "$N" --seed 1 --out "$WORK/synth-$N" >/dev/null

once() { # binary → "wall cpu"
  rm -rf "$WORK/out"
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" "$1" build --root "$WORK/synth-$N" --output "$WORK/out" >/dev/null 2>&1
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/time.txt"
}

: >"$WORK/pairs.txt"
for run in $(seq 1 "$RUNS"); do
  if [ $((run % 2)) -eq 1 ]; then
    old=$(once "$OLD"); new=$(once "$NEW")
  else
    new=$(once "$NEW"); old=$(once "$OLD")
  fi
  echo "$old $new" | tee -a "$WORK/pairs.txt" | awk -v r="$run" '{ printf "pair %d: old %ss (cpu %ss), new %ss (cpu %ss)\n", r, $1, $2, $3, $4 }'
done
awk '{ print $3 / $1, $4 / $2 }' "$WORK/pairs.txt" | sort -n -k1,1 | awk '{ w[NR] = $1 } END { printf "median wall ratio new/old: %.3f\n", w[int((NR + 1) / 2)] }'
awk '{ print $3 / $1, $4 / $2 }' "$WORK/pairs.txt" | sort -n -k2,2 | awk '{ c[NR] = $2 } END { printf "median cpu ratio new/old: %.3f\n", c[int((NR + 1) / 2)] }'
