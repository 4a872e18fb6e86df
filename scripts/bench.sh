#!/usr/bin/env bash
# Benchmarks full builds and one-note rebuilds on synthetic packs, and compares full builds
# with Hugo on the same notes.
#
#   scripts/bench.sh [SIZES...]      default: 1000 10000
#
# For each size it generates a deterministic pack (examples/genpack.rs, seed 1) in
# $BENCH_DIR/pack-N and its Hugo twin in $BENCH_DIR/hugo-N (the same notes as a plain Hugo
# site: mentions as plain names, no citations, `tags` and `actors` taxonomies, minimal
# layouts). It times `briefing build` $BENCH_RUNS times cold (no output yet) and
# $BENCH_RUNS times warm (the same pack built before, as on every rebuild) with
# /usr/bin/time -v (median wall time; peak memory of the warm builds), then `hugo --quiet`
# the same ways (cold: no public/, resources/ or destination), and times twenty one-note
# rebuilds of the dev server's engine (examples/rebuild.rs). Without `hugo` on PATH, or for
# sizes above BENCH_HUGO_UP_TO, the Hugo columns read `-`. After the table, for each size
# and the next one given, it prints how many times longer the larger size's builds took
# (cold and warm medians), how the warm builds' CPU time grew, user and system apart, and
# the warm growth again from $BENCH_RUNS rounds of one warm build of each size in turn,
# which both meet the machine in the same state: `scripts/bench.sh 10000 100000` measures
# the growth to 100,000 notes. With BENCH_INSTRUCTIONS=1 it also counts the instructions
# of one warm build of each size under valgrind (cachegrind, no cache simulation; about 20
# times as long as a build), and the growth lines say how they grew: unlike times, the
# count does not depend on the machine's load or its memory, so it shows whether the work
# itself grows linearly.
#
# Before a cold build the previous output is moved into $BENCH_DIR/trash, which is removed
# when the script ends, not deleted: on ext4, creating tens of thousands of files in the
# seconds after deleting as many makes the kernel skip each recently freed inode in turn,
# which costs seconds of system time, varies from run to run, and measures the
# filesystem rather than the tool.
#
#   BENCH_DIR    where packs and outputs go (default: a new temporary folder); packs already
#                there are reused
#   BENCH_RUNS   full builds per tool and size (default 3)
#   BENCH_HUGO_UP_TO   the largest size Hugo builds too (default 10000: Hugo takes minutes
#                a build at 100,000 notes)
#   BENCH_INSTRUCTIONS   1 to count instructions too (needs valgrind; 100,000 notes take
#                about ten minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
read -r -a sizes <<<"${sizes[*]}"
runs="${BENCH_RUNS:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive integer, not '$runs'" >&2; exit 1; }
hugo_up_to="${BENCH_HUGO_UP_TO:-10000}"
[[ "$hugo_up_to" =~ ^[0-9]+$ ]] || { echo "BENCH_HUGO_UP_TO must be a number of notes, not '$hugo_up_to'" >&2; exit 1; }
count="${BENCH_INSTRUCTIONS:-0}"
[[ "$count" =~ ^[01]$ ]] || { echo "BENCH_INSTRUCTIONS must be 0 or 1, not '$count'" >&2; exit 1; }
if [ "$count" = 1 ] && [ "${#sizes[@]}" -lt 2 ]; then
  # The counts are printed only as growth from one size to the next.
  echo "BENCH_INSTRUCTIONS=1 needs two sizes or more: it prints how the count grows" >&2; exit 1
fi
if [ "$count" = 1 ] && ! command -v valgrind >/dev/null; then
  echo "BENCH_INSTRUCTIONS=1 needs valgrind (Debian: apt-get install valgrind)" >&2; exit 1
fi
work="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
work=$(cd "$work" && pwd) # absolute: hugo reads a relative --destination from the site's folder
hugo=$(command -v hugo || true)
trash="$work/trash"
mkdir -p "$trash"
trap 'rm -rf "$trash"' EXIT
# Moves the given paths, those that exist, into the trash (a cold build's set-up).
aside() {
  local path
  for path in "$@"; do
    if [ -e "$path" ]; then mv "$path" "$(mktemp -d "$trash/XXXXXX")/"; fi
  done
}
cargo build --release --quiet --bin briefing --example genpack --example rebuild
bin=target/release/briefing

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Runs a command once under /usr/bin/time -v and appends its wall time (seconds) to `walls`,
# its user and system CPU time (seconds) to `users` and `systems`, and its peak resident
# memory (KB) to `rss`; prints the command's errors and stops if it fails.
time_once() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.log" || { cat "$work/time.log" >&2; exit 1; }
  walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print t[1] * 60 + t[2]}' "$work/time.log")")
  users+=("$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$work/time.log")")
  systems+=("$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$work/time.log")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.log")")
}

# Times `runs` runs of a command, each after `prepare` (a shell snippet) and `sync`; sets `wall`,
# `user` and `system` (median seconds) and `mem` (median peak resident memory, KB).
timed() {
  local prepare=$1; shift
  walls=(); users=(); systems=(); rss=()
  for ((i = 0; i < runs; i++)); do
    eval "$prepare"
    # Earlier runs' files go to disk first, so that their write-back does not fall in
    # the run being measured (on two cores it takes CPU time from whichever tool runs).
    sync
    time_once "$@"
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  user=$(printf '%s\n' "${users[@]}" | median)
  system=$(printf '%s\n' "${systems[@]}" | median)
  mem=$(printf '%s\n' "${rss[@]}" | median)
}

# The instructions of one warm build of the pack at $1, under cachegrind.
instructions() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" build --root "$1" 2>"$work/count.log" >/dev/null || { cat "$work/count.log" >&2; exit 1; }
  awk '/I +refs:/ {gsub(",", "", $NF); print $NF}' "$work/count.log"
}

colds=(); warms=(); warm_users=(); warm_systems=(); counts=()
printf '| notes | briefing, cold | briefing, warm | peak memory | Hugo, cold | Hugo, warm | Hugo peak memory | briefing / Hugo (cold, warm) | one-note rebuild | pages re-rendered |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  pack="$work/pack-$n"
  site="$work/hugo-$n"
  with_hugo=""
  if [ -n "$hugo" ] && [ "$n" -le "$hugo_up_to" ]; then with_hugo=1; fi
  if [ ! -d "$pack/content" ] || { [ -n "$with_hugo" ] && [ ! -d "$site/content" ]; }; then
    twin=()
    if [ -n "$with_hugo" ]; then twin=(--hugo "$site"); fi
    target/release/examples/genpack --notes "$n" --seed 1 "${twin[@]}" "$pack" >/dev/null
  fi

  # Cold: no previous output. Warm: the pack built before, unchanged (the usual rebuild).
  timed 'aside "$pack/output" "$pack/.output.spare"' "$bin" build --root "$pack"
  cold=$wall
  "$bin" build --root "$pack" >/dev/null 2>&1
  timed ':' "$bin" build --root "$pack"
  warm=$wall; warm_mem=$mem; warm_user=$user; warm_system=$system

  hugo_cold=-; hugo_warm=-; hugo_mem=-; ratio=-
  if [ -n "$with_hugo" ]; then
    out="$work/hugo-out-$n"
    hugo_cmd=("$hugo" --quiet --noBuildLock --source "$site" --destination "$out")
    timed 'aside "$site/public" "$site/resources" "$out"' "${hugo_cmd[@]}"
    hugo_cold=$wall
    timed ':' "${hugo_cmd[@]}"
    hugo_warm=$wall; hugo_mem=$mem
    ratio=$(awk -v bc="$cold" -v hc="$hugo_cold" -v bw="$warm" -v hw="$hugo_warm" \
      'BEGIN {printf "%.2f, %.2f", bc / hc, bw / hw}')
    hugo_cold=$(printf '%.2f s' "$hugo_cold")
    hugo_warm=$(printf '%.2f s' "$hugo_warm")
    hugo_mem="$((hugo_mem / 1024)) MB"
  fi

  line=$(target/release/examples/rebuild --runs 20 "$pack")
  rebuild=$(sed -E 's/.*median ([0-9.]+) ms.*/\1/' <<<"$line")
  pages=$(sed -E 's/.*\(([0-9]+) pages re-rendered\).*/\1/' <<<"$line")
  printf '| %s | %.2f s | %.2f s | %d MB | %s | %s | %s | %s | %s ms | %s |\n' \
    "$n" "$cold" "$warm" "$((warm_mem / 1024))" "$hugo_cold" "$hugo_warm" "$hugo_mem" "$ratio" "$rebuild" "$pages"
  colds+=("$cold"); warms+=("$warm"); warm_users+=("$warm_user"); warm_systems+=("$warm_system")
  if [ "$count" = 1 ]; then counts+=("$(instructions "$pack")"); else counts+=(0); fi
done

# Warm builds of the packs at $1 and $2 in turn, `runs` rounds (the outputs are there from the
# table's runs): each round's wall time of the second over the first in `round_ratios`, the
# median of those in `alt_wall`, and the median ratio of their user CPU time in `alt_user`.
# Runs of one size after another meet the machine in different states (its speed drifts
# from one minute to the next, its memory above all), which alternation evens out.
alternated() {
  local r user_ratios=()
  round_ratios=()
  for ((r = 0; r < runs; r++)); do
    walls=(); users=(); systems=(); rss=()
    time_once "$bin" build --root "$1"
    time_once "$bin" build --root "$2"
    round_ratios+=("$(ratio "${walls[0]}" "${walls[1]}")")
    user_ratios+=("$(ratio "${users[0]}" "${users[1]}")")
  done
  alt_wall=$(printf '%s\n' "${round_ratios[@]}" | { grep -v -- - || true; } | median)
  alt_user=$(printf '%s\n' "${user_ratios[@]}" | { grep -v -- - || true; } | median)
}
# $2 over $1 in the printf format $3 (default %.2f), or `-` when $1 is zero (a build too
# short for /usr/bin/time's hundredths).
ratio() {
  awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {if (a > 0) printf f, b / a; else printf "-"}'
}

# Growth from each size to the next: how many times longer its builds took, and for the
# warm builds how their CPU time grew, the program's own (user) and the kernel's (system:
# mostly fresh memory and file reads and writes), medians of each; then the same growth
# measured in alternated rounds.
for ((i = 1; i < ${#sizes[@]}; i++)); do
  alternated "$work/pack-${sizes[i-1]}" "$work/pack-${sizes[i]}"
  printf '\n%s to %s notes (%s times the notes): builds %s times longer cold, %s times warm\n' \
    "${sizes[i-1]}" "${sizes[i]}" "$(ratio "${sizes[i-1]}" "${sizes[i]}" %.4g)" \
    "$(ratio "${colds[i-1]}" "${colds[i]}")" "$(ratio "${warms[i-1]}" "${warms[i]}")"
  printf 'warm CPU time: user %.2f s to %.2f s (%s times), system %.2f s to %.2f s (%s times)\n' \
    "${warm_users[i-1]}" "${warm_users[i]}" "$(ratio "${warm_users[i-1]}" "${warm_users[i]}")" \
    "${warm_systems[i-1]}" "${warm_systems[i]}" "$(ratio "${warm_systems[i-1]}" "${warm_systems[i]}")"
  rounds="${round_ratios[*]}"
  printf 'warm builds alternated, one of each size a round: %s times (median of rounds %s), user time %s times\n' \
    "${alt_wall:--}" "${rounds// /, }" "${alt_user:--}"
  if [ "$count" = 1 ]; then
    printf 'instructions of a warm build: %s to %s billion (%s times)\n' \
      "$(ratio 1e9 "${counts[i-1]}")" "$(ratio 1e9 "${counts[i]}")" "$(ratio "${counts[i-1]}" "${counts[i]}" %.3f)"
  fi
done
