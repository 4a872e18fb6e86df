#!/usr/bin/env bash
# Benchmarks full builds and one-note rebuilds on synthetic packs, and compares full builds
# with Hugo on the same notes.
#
#   scripts/bench.sh [SIZES...]      default: 1000 10000
#
# For each size it generates a deterministic pack (examples/genpack.rs, seed 1) in
# $BENCH_DIR/pack-N and its Hugo twin in $BENCH_DIR/hugo-N (the same notes as a plain Hugo
# site: mentions as plain names, no citations, `tags` and `actors` taxonomies, minimal
# layouts). It times `briefing build` $BENCH_RUNS times with /usr/bin/time -v (median wall
# time, peak memory), then `hugo --quiet` as many times, each a full build (public/,
# resources/ and the destination removed first), and times twenty one-note rebuilds of the
# dev server's engine (examples/rebuild.rs). Without `hugo` on PATH the Hugo columns read `-`.
#
#   BENCH_DIR    where packs and outputs go (default: a new temporary folder); packs already
#                there are reused
#   BENCH_RUNS   full builds per tool and size (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
runs="${BENCH_RUNS:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive integer, not '$runs'" >&2; exit 1; }
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
work=$(cd "$work" && pwd) # absolute: hugo reads a relative --destination from the site's folder
hugo=$(command -v hugo || true)
cargo build --release --quiet --bin briefing --example genpack --example rebuild
bin=target/release/briefing

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command once under /usr/bin/time -v and appends its wall time (seconds) to `walls`
# and its peak resident memory (KB) to `rss`; prints the command's errors and stops if it fails.
time_once() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.log" || { cat "$work/time.log" >&2; exit 1; }
  walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$work/time.log")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.log")")
}

printf '| notes | full build (median of %s) | peak memory | Hugo (median of %s) | Hugo peak memory | briefing / Hugo | one-note rebuild (median of 20) | pages re-rendered |\n' "$runs" "$runs"
printf '|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  pack="$work/pack-$n"
  site="$work/hugo-$n"
  if [ ! -d "$pack/content" ] || [ ! -d "$site/content" ]; then
    target/release/examples/genpack --notes "$n" --seed 1 --hugo "$site" "$pack" >/dev/null
  fi

  walls=(); rss=()
  for ((i = 0; i < runs; i++)); do
    time_once "$bin" build --root "$pack"
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  mem=$(printf '%s\n' "${rss[@]}" | median)

  hugo_wall=-; hugo_mem=-; ratio=-
  if [ -n "$hugo" ]; then
    walls=(); rss=()
    for ((i = 0; i < runs; i++)); do
      rm -rf "$site/public" "$site/resources" "$work/hugo-out-$n"
      time_once "$hugo" --quiet --noBuildLock --source "$site" --destination "$work/hugo-out-$n"
    done
    hugo_wall=$(printf '%s\n' "${walls[@]}" | median)
    hugo_mem=$(printf '%s\n' "${rss[@]}" | median)
    ratio=$(awk -v b="$wall" -v h="$hugo_wall" 'BEGIN {print (h > 0 ? sprintf("%.2f", b / h) : "-")}')
    hugo_wall=$(printf '%.2f s' "$hugo_wall")
    hugo_mem="$((hugo_mem / 1024)) MB"
  fi

  line=$(target/release/examples/rebuild --runs 20 "$pack")
  rebuild=$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$line")
  pages=$(sed -E 's/.*\(([0-9]+) pages re-rendered\).*/\1/' <<<"$line")
  printf '| %s | %.2f s | %d MB | %s | %s | %s | %s ms | %s |\n' \
    "$n" "$wall" "$((mem / 1024))" "$hugo_wall" "$hugo_mem" "$ratio" "$rebuild" "$pages"
done
