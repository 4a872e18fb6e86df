#!/usr/bin/env bash
# Benchmarks full builds and one-note rebuilds on synthetic packs.
#
#   scripts/bench.sh [SIZES...]      default: 1000 10000
#
# For each size it generates a deterministic pack (examples/genpack.rs, seed 1), times
# `briefing build` three times with /usr/bin/time -v (median wall time, peak memory),
# and times twenty one-note rebuilds of the dev server's engine (examples/rebuild.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
work="${BENCH_DIR:-$(mktemp -d)}"
cargo build --release --quiet --bin briefing --example genpack --example rebuild
bin=target/release/briefing

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| notes | full build (median of 3) | peak memory | one-note rebuild (median of 20) | pages re-rendered |\n'
printf '|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  pack="$work/pack-$n"
  [ -d "$pack/content" ] || target/release/examples/genpack --notes "$n" --seed 1 "$pack" >/dev/null
  walls=(); rss=()
  for _ in 1 2 3; do
    /usr/bin/time -v "$bin" build --root "$pack" >/dev/null 2>"$work/time.log" || { cat "$work/time.log"; exit 1; }
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$work/time.log")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.log")")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  mem=$(printf '%s\n' "${rss[@]}" | median)
  line=$(target/release/examples/rebuild --runs 20 "$pack")
  rebuild=$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$line")
  pages=$(sed -E 's/.*\(([0-9]+) pages re-rendered\).*/\1/' <<<"$line")
  printf '| %s | %.2f s | %d MB | %s ms | %s |\n' "$n" "$wall" "$((mem / 1024))" "$rebuild" "$pages"
done
