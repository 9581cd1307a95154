#!/usr/bin/env bash
# The short-run sweep of issue 16 (benchmarks/shortsweep.yaml: 2,000 points
# x 5 replications of about 1,000 requests, charts off): asyncsim BEFORE vs
# AFTER, run alternately so that the noise of a shared machine hits both,
# best of 3 wall times each, outputs compared byte for byte.
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
same=identical
for f in runs.csv summary.csv summary.json; do cmp -s "$work/before/$f" "$work/after/$f" || same=DIFFERENT; done
awk -v bt="$bt" -v at="$at" -v bc="$bc" -v ac="$ac" -v same="$same" 'BEGIN {
	printf "before %.2fs (CPU %.2fs)   after %.2fs (CPU %.2fs)   wall x%.2f faster (target >= 2.5), CPU x%.2f   outputs %s\n", bt, bc, at, ac, bt / at, bc / ac, same }'
