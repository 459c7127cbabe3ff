#!/usr/bin/env bash
# Whether every page stays bounded as the archive grows (issue 19): for
# each size, a synthetic archive is generated and built, then
#   - bench/page-sizes.mjs reports the pages by kind (count, bytes,
#     largest raw and gzipped), the listing pages' share of the output,
#     and every page over 256 KB or 64 KB gzipped;
#   - bench/lighthouse.mjs --scale runs Lighthouse 12 (mobile defaults) in
#     Debian's Chromium on the front page, the timeline, its busiest month,
#     its largest filtered timeline, the largest term page, the
#     references, the directive with the most relations and a search.
# Exits 1 when a page is over the bounds or a score is below 90
# (performance) or 100 (accessibility).
#
#   bash bench/scale.sh                  # 1,000, 10,000 and 100,000
#   SIZES=10000 bash bench/scale.sh
#   LIGHTHOUSE=0 bash bench/scale.sh     # page sizes only
#
# Needs node with `npm ci` done, and chromium; output goes to a RAM disk.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
WORK=${WORK:-/dev/shm/vanban-bench}
LIGHTHOUSE=${LIGHTHOUSE:-1}
mkdir -p "$WORK"
cargo build --release --bin vanban --bin vanban-synth >&2

status=0
for n in $SIZES; do
  corpus=$WORK/corpus-$n
  out=$WORK/scale-$n
  [ -d "$corpus/content" ] || ./target/release/vanban-synth --n "$n" --seed 1 --out "$corpus" >&2
  rm -rf "$out"
  ./target/release/vanban build --root "$corpus" --output "$out" >/dev/null 2>"$WORK/scale-$n.stderr" || {
    tail -5 "$WORK/scale-$n.stderr" >&2; exit 1; }
  echo "## $n directives"
  echo
  node bench/page-sizes.mjs "$out" || status=1
  echo
  if [ "$LIGHTHOUSE" = 1 ]; then
    node bench/lighthouse.mjs "$out" "$WORK/lighthouse-$n" --scale | grep -v '^not full marks' || status=1
    echo
  fi
  # The outputs of 100,000 directives are gigabytes of a RAM disk.
  [ "$n" -ge 100000 ] && rm -rf "$out"
done
exit $status
