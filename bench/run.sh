#!/usr/bin/env bash
# Builds synthetic archives of 1,000, 10,000 and 100,000 directives with
# vanban and, on the same corpus with equivalent minimal templates, with
# Hugo (Debian's package, installed here) and Zola (when installed).
# Reports wall and CPU time, peak memory and output size; median of RUNS.
#
#   bash bench/run.sh                 # all sizes
#   SIZES="1000 10000" RUNS=5 bash bench/run.sh
#
# Output goes to a RAM disk (/dev/shm): this VM's disk slows down sharply
# when many files are deleted and re-created, which would measure the disk.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/vanban-bench}
mkdir -p "$WORK"

if ! command -v hugo >/dev/null 2>&1; then
  echo "installing Debian's hugo" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq hugo >/dev/null
fi
command -v /usr/bin/time >/dev/null 2>&1 || apt-get install -y -qq time >/dev/null

cargo build --release --bin vanban --bin vanban-synth >&2
VANBAN=$PWD/target/release/vanban
SYNTH=$PWD/target/release/vanban-synth

# One run: prints "wall user+sys peak_kb".
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || {
    echo "failed: $*" >&2; tail -5 "$WORK/stderr.txt" >&2; return 1; }
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$WORK/time.txt"
}

# Median of the runs in a file of "wall cpu peak_kb" lines: "wall cpu peak_mb".
median_of() {
  sort -n "$1" | awk '
    { w[NR] = $1; c[NR] = $2; m[NR] = $3 }
    END { i = int((NR + 1) / 2); printf "%.2f %.2f %.0f\n", w[i], c[i], m[i] / 1024 }'
}

hugo_site() { # corpus dir → hugo site dir sharing its content
  local corpus=$1 site=$2
  rm -rf "$site" && mkdir -p "$site/layouts/_default"
  ln -s "$corpus/content" "$site/content"
  cat > "$site/hugo.toml" <<'TOML'
baseURL = "https://vanban.example/"
title = "Kho văn bản"
disableKinds = ["RSS"]
[markup.goldmark.renderer]
unsafe = true
TOML
  cat > "$site/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
HTML
  cat > "$site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.number }} · {{ .Params.issuer }} · {{ .Date.Format "2/1/2006" }}</p>{{ .Content }}</article>{{ end }}
HTML
  cat > "$site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2/1/2006" }}</li>{{ end }}</ol>{{ end }}
HTML
  cp "$site/layouts/_default/list.html" "$site/layouts/index.html"
}

printf "| directives | corpus | tool | wall s | CPU s | peak MB | output |\n|---|---|---|---|---|---|---|\n"
for n in $SIZES; do
  corpus=$WORK/corpus-$n
  [ -d "$corpus/content" ] || "$SYNTH" --n "$n" --seed 1 --out "$corpus" >&2
  size=$(du -sh --apparent-size "$corpus/content" | cut -f1)
  runs=$RUNS; [ "$n" -ge 100000 ] && RUNS=3
  hugo_site "$corpus" "$WORK/hugo-$n"
  # Outputs of the previous size must not count in this one's.
  rm -rf "$WORK/out-vanban" "$WORK/out-hugo"
  : > "$WORK/runs-vanban.txt"; : > "$WORK/runs-hugo.txt"
  # Alternating runs, so both tools meet the same machine: this VM's speed
  # drifts by tens of percent within minutes.
  for _ in $(seq "$RUNS"); do
    measure "$VANBAN" build --root "$corpus" --output "$WORK/out-vanban" >> "$WORK/runs-vanban.txt"
    measure hugo --quiet --source "$WORK/hugo-$n" --destination "$WORK/out-hugo" --cleanDestinationDir >> "$WORK/runs-hugo.txt"
  done
  read -r w c m < <(median_of "$WORK/runs-vanban.txt")
  printf "| %s | %s | vanban | %s | %s | %s | %s |\n" "$n" "$size" "$w" "$c" "$m" "$(du -sh "$WORK/out-vanban" | cut -f1)"
  read -r w c m < <(median_of "$WORK/runs-hugo.txt")
  printf "| %s | %s | hugo %s | %s | %s | %s | %s |\n" "$n" "$size" "$(hugo version | grep -o 'v[0-9.]*' | head -1)" "$w" "$c" "$m" "$(du -sh "$WORK/out-hugo" | cut -f1)"
  if command -v zola >/dev/null 2>&1; then
    echo "zola: run it by hand with equivalent templates (see BENCHMARKS.md)" >&2
  fi
  RUNS=$runs
done
