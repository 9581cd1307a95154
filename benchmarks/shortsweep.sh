#!/usr/bin/env bash
# The short-run sweep of issue 16 (benchmarks/shortsweep.yaml: 2,000 points
# x 5 replications of about 1,000 requests, charts off): asyncsim BEFORE vs
# AFTER, run alternately so that the noise of a shared machine hits both,
# best of 3 wall times each, runs.csv and summary.csv compared byte for
# byte.
#
# usage: benchmarks/shortsweep.sh BEFORE AFTER   (two asyncsim binaries;
# benchmarks/run.sh calls it with asyncsim at 7a8c4bd and the working tree)
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# wall seconds, user+system CPU seconds of a command: "wall cpu"
measure() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1; awk '{ print $1, $2 + $3 }' "$work/time"; }
best() { sort -n | head -1; }

b_t=(); a_t=(); b_c=(); a_c=()
for i in 1 2 3; do
	rm -rf "$work/before" "$work/after"
	read -r t c < <(measure "$before" run benchmarks/shortsweep.yaml -o "$work/before" --quiet); b_t+=("$t"); b_c+=("$c")
	read -r t c < <(measure "$after" run benchmarks/shortsweep.yaml -o "$work/after" --quiet); a_t+=("$t"); a_c+=("$c")
done
bt=$(printf '%s\n' "${b_t[@]}" | best); at=$(printf '%s\n' "${a_t[@]}" | best)
bc=$(printf '%s\n' "${b_c[@]}" | best); ac=$(printf '%s\n' "${a_c[@]}" | best)
# summary.csv without the columns that main changed on purpose after
# 7a8c4bd: replications (added, 2c75d0f), the intervals of the pooled
# percentiles, *.pNN.lo/.hi (centred, 089aad2), and the percentiles of the
# parts and of the services, pooled like the delay's (dca827f); every other
# column is compared.
changed='^(replications|.*[.]p[0-9_]+[.](lo|hi)|(send|receive|process)[.]p[0-9_]+|service[.].*[.]delay[.]p[0-9_]+)$'
keep() { awk -F, -v OFS=, -v re="$changed" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i !~ re) k[++n] = i }
	{ line = $k[1]; for (j = 2; j <= n; j++) line = line OFS $k[j]; print line }' "$1"; }
same=identical
cmp -s "$work/before/runs.csv" "$work/after/runs.csv" || same=DIFFERENT
cmp -s <(keep "$work/before/summary.csv") <(keep "$work/after/summary.csv") || same=DIFFERENT
awk -v bt="$bt" -v at="$at" -v bc="$bc" -v ac="$ac" -v same="$same" 'BEGIN {
	printf "before %.2fs (CPU %.2fs)   after %.2fs (CPU %.2fs)   wall x%.2f faster (target >= 2.5), CPU x%.2f   runs.csv, summary.csv %s\n", bt, bc, at, ac, bt / at, bc / ac, same }'
