#!/usr/bin/env bash
# How vanban's build time grows from a small archive to a large one,
# against the floor's (examples/floor.rs: read, pulldown-cmark, write):
# issue 19's "growth no worse than the floor's own". Each round builds
# both, at both sizes, in an order that turns around every other round,
# and takes the quotient of the two growths; a drift of the machine over
# a round shows in that round alone, and the median of many rounds is
# what is reported. Timed to the millisecond, output on a RAM disk, each
# build into an empty folder.
#
#   bash bench/growth.sh                      # 10,000 → 100,000, 15 rounds
#   SMALL=1000 LARGE=10000 ROUNDS=9 bash bench/growth.sh
#
# Prints each round ("vanban 10.40x floor 9.34x quotient 1.100": above 1,
# vanban grew more than the floor) and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL=${SMALL:-10000}
LARGE=${LARGE:-100000}
ROUNDS=${ROUNDS:-15}
WORK=${WORK:-/dev/shm/vanban-bench}
mkdir -p "$WORK"

cargo build --release --bin vanban --bin vanban-synth --example floor >&2
VANBAN=$PWD/target/release/vanban
FLOOR=$PWD/target/release/examples/floor
for n in "$SMALL" "$LARGE"; do
  [ -d "$WORK/corpus-$n/content" ] ||
    ./target/release/vanban-synth --n "$n" --seed 1 --out "$WORK/corpus-$n" >&2
done

out=$WORK/out-growth
ms() { # command… → milliseconds it took, into an empty output folder
  rm -rf "$out"
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  rm -rf "$out"
  echo $(((end - start) / 1000000))
}
vanban() { ms "$VANBAN" build --root "$WORK/corpus-$1" --output "$out"; }
floor() { ms "$FLOOR" "$WORK/corpus-$1" "$out"; }

rounds=$WORK/growth.txt
: >"$rounds"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    vs=$(vanban "$SMALL"); fs=$(floor "$SMALL"); vl=$(vanban "$LARGE"); fl=$(floor "$LARGE")
  else
    fl=$(floor "$LARGE"); vl=$(vanban "$LARGE"); fs=$(floor "$SMALL"); vs=$(vanban "$SMALL")
  fi
  echo "$vs $fs $vl $fl" | awk -v r="$round" '{
    gv = $3 / $1; gf = $4 / $2
    printf "round %d: vanban %d → %d ms, floor %d → %d ms: vanban %.2fx floor %.2fx quotient %.3f\n",
      r, $1, $3, $2, $4, gv, gf, gv / gf }' | tee -a "$rounds"
done
median() { # column of "round" lines → its median
  awk -v c="$1" '{ gsub("x", "", $c); print $c }' "$rounds" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "medians over $ROUNDS rounds: vanban grew $(median 14)x, the floor $(median 16)x, quotient $(median 18)"
