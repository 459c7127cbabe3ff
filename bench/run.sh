#!/usr/bin/env bash
# Builds synthetic archives of 1,000, 10,000 and 100,000 directives with
# vanban and, on the same corpus with equivalent minimal templates, with
# Hugo (Debian's package, installed here), Zola 0.22.1 (../shared/peers/zola,
# or ZOLA=) and the floor (examples/floor.rs: read, pulldown-cmark, write).
# Reports wall and CPU time, peak memory, output bytes (apparent size) and
# files, each the median of RUNS, and the median of the pair ratios; each
# round's ratios on standard error and in $WORK/ratios-N.txt.
#
#   bash bench/run.sh                 # all sizes
#   SIZES="1000 10000" RUNS=5 bash bench/run.sh
#   FROM=clean bash bench/run.sh      # every output removed, untimed, first
#
# FROM says what each timed run starts from. `previous` (the default): the
# tool's own output of the round before, which vanban, Hugo and Zola each
# replace or remove as part of their build, as an editor's rebuild does.
# `clean`: no output, as on CI's fresh clone; the floor is always measured
# this way, so this is the condition in which its ratio compares like
# with like.
#
# Output goes to a RAM disk (/dev/shm): this VM's disk slows down sharply
# when many files are deleted and re-created, which would measure the disk.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-5}
FROM=${FROM:-previous}
case $FROM in previous|clean) ;; *) echo "FROM is previous or clean, not $FROM" >&2; exit 2 ;; esac
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

zola_site() { # corpus dir → zola site dir with the same bodies, front matter in Zola's shape
  local corpus=$1 site=$2
  rm -rf "$site" && mkdir -p "$site/templates" "$site/content"
  # Zola refuses front matter fields it does not know: keep title, date,
  # tags (a taxonomy, as Hugo's) and number and issuer (under [extra]).
  (cd "$corpus/content" && find . -name '*.md' -print0 | xargs -0 awk -v out="$site/content" '
    FNR == 1 { if (file) close(file); file = out "/" FILENAME; sub(/\/\.\//, "/", file)
               dir = file; sub(/\/[^\/]*$/, "", dir); if (!(dir in made)) { system("mkdir -p \"" dir "\""); made[dir] = 1 }
               state = 0; title = date = number = issuer = tags = "" }
    state == 0 && /^---$/ { state = 1; next }
    state == 1 && /^---$/ { state = 2
      printf "+++\ntitle = %s\ndate = %s\n[taxonomies]\ntags = %s\n[extra]\nnumber = %s\nissuer = %s\n+++\n", title, date, (tags ? tags : "[]"), number, issuer > file
      next }
    state == 1 { if (sub(/^title: /, "")) title = $0; else if (sub(/^date: /, "")) date = $0;
                 else if (sub(/^number: /, "")) number = $0; else if (sub(/^issuer: /, "")) issuer = $0;
                 else if (sub(/^tags: /, "")) tags = $0; next }
    { print > file }')
  printf '+++\n+++\n' > "$site/content/_index.md"
  for year in "$site"/content/*/; do printf '+++\ntitle = "%s"\n+++\n' "$(basename "$year")" > "$year/_index.md"; done
  cat > "$site/config.toml" <<'TOML'
base_url = "https://vanban.example"
title = "Kho văn bản"
compile_sass = false
build_search_index = false
taxonomies = [{ name = "tags" }]
TOML
  cat > "$site/templates/base.html" <<'HTML'
<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head><body>{% block main %}{% endblock %}</body></html>
HTML
  cat > "$site/templates/page.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}{% block main %}<article><h1>{{ page.title }}</h1><p>{{ page.extra.number }} · {{ page.extra.issuer }} · {{ page.date | date(format="%-d/%-m/%Y") }}</p>{{ page.content | safe }}</article>{% endblock %}
HTML
  cat > "$site/templates/section.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ section.title }}{% endblock %}{% block main %}<h1>{{ section.title }}</h1><ol>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> {{ p.date | date(format="%-d/%-m/%Y") }}</li>{% endfor %}</ol>{% endblock %}
HTML
  cp "$site/templates/section.html" "$site/templates/index.html"
  cat > "$site/templates/taxonomy_list.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ taxonomy.name }}{% endblock %}{% block main %}<h1>{{ taxonomy.name }}</h1><ol>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> {{ t.pages | length }}</li>{% endfor %}</ol>{% endblock %}
HTML
  cat > "$site/templates/taxonomy_single.html" <<'HTML'
{% extends "base.html" %}{% block title %}{{ term.name }}{% endblock %}{% block main %}<h1>{{ term.name }}</h1><ol>{% for p in term.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> {{ p.date | date(format="%-d/%-m/%Y") }}</li>{% endfor %}</ol>{% endblock %}
HTML
}

ZOLA=${ZOLA:-$PWD/../shared/peers/zola}
[ -x "$ZOLA" ] || ZOLA=$(command -v zola || true)
[ -n "$ZOLA" ] || { echo "zola not found: set ZOLA=/path/to/zola 0.22.1" >&2; exit 1; }
cargo build --release --example floor >&2
FLOOR=$PWD/target/release/examples/floor

# Median of column $2 of file $1.
median() { sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }
bytes() { du -s --apparent-size --block-size=1 "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }

echo "output before each timed run: $FROM (the floor's: none)" >&2
printf "| directives | tool | wall s | CPU s | peak MB | output MB | files | pair ratio |\n|---|---|---|---|---|---|---|---|\n"
for n in $SIZES; do
  corpus=$WORK/corpus-$n
  [ -d "$corpus/content" ] || "$SYNTH" --n "$n" --seed 1 --out "$corpus" >&2
  runs=$RUNS; [ "$n" -ge 100000 ] && runs=${RUNS_100K:-3}
  hugo_site "$corpus" "$WORK/hugo-$n"
  zola_site "$corpus" "$WORK/zola-$n"
  for tool in vanban hugo zola floor; do rm -rf "$WORK/out-$tool"; : > "$WORK/runs-$tool.txt"; done
  : > "$WORK/ratios.txt"
  # Alternating runs, so every tool meets the same machine: this VM's speed
  # drifts by tens of percent within minutes. Each round gives one ratio
  # per pair; the table reports their medians.
  for _ in $(seq "$runs"); do
    [ "$FROM" = clean ] && rm -rf "$WORK/out-vanban" "$WORK/out-hugo" "$WORK/out-zola"
    measure "$VANBAN" build --root "$corpus" --output "$WORK/out-vanban" >> "$WORK/runs-vanban.txt"
    measure hugo --quiet --source "$WORK/hugo-$n" --destination "$WORK/out-hugo" --cleanDestinationDir >> "$WORK/runs-hugo.txt"
    (cd "$WORK/zola-$n" && measure "$ZOLA" build --force --output-dir "$WORK/out-zola") >> "$WORK/runs-zola.txt"
    rm -rf "$WORK/out-floor"
    measure "$FLOOR" "$corpus" "$WORK/out-floor" >> "$WORK/runs-floor.txt"
    paste "$WORK/runs-vanban.txt" "$WORK/runs-hugo.txt" "$WORK/runs-zola.txt" "$WORK/runs-floor.txt" | tail -1 |
      awk '{ printf "%.3f %.3f %.3f\n", $4 / $1, $7 / $1, $1 / $10 }' >> "$WORK/ratios.txt"
  done
  for tool in vanban hugo zola floor; do
    case $tool in
      vanban) ratio="—" ;;
      hugo) ratio="vanban $(median "$WORK/ratios.txt" 1)× faster" ;;
      zola) ratio="vanban $(median "$WORK/ratios.txt" 2)× faster" ;;
      floor) ratio="vanban at $(median "$WORK/ratios.txt" 3)× the floor" ;;
    esac
    label=$tool
    [ "$tool" = hugo ] && label="hugo $(hugo version | grep -o 'v[0-9.]*' | head -1)"
    [ "$tool" = zola ] && label="zola $("$ZOLA" --version | cut -d' ' -f2)"
    printf "| %s | %s | %s | %s | %s | %.1f | %s | %s |\n" "$n" "$label" \
      "$(median "$WORK/runs-$tool.txt" 1)" "$(median "$WORK/runs-$tool.txt" 2)" \
      "$(awk '{ print $3 / 1024 }' "$WORK/runs-$tool.txt" | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }')" \
      "$(bytes "$WORK/out-$tool" | awk '{ print $1 / 1e6 }')" "$(files "$WORK/out-$tool")" "$ratio"
  done
  # Each round's figures, kept per size ($WORK/ratios-N.txt, runs-TOOL-N.txt)
  # and summed up on standard error, for the spread the medians hide.
  cp "$WORK/ratios.txt" "$WORK/ratios-$n.txt"
  for tool in vanban hugo zola floor; do cp "$WORK/runs-$tool.txt" "$WORK/runs-$tool-$n.txt"; done
  echo "rounds at $n directives (vanban× Hugo, vanban× Zola, × the floor): $(paste -sd';' "$WORK/ratios.txt")" >&2
done
