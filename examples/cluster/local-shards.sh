#!/usr/bin/env bash
# Test the cluster recipe on one machine: run an experiment as N shards in
# N separate processes at once, merge them, and check that the merged
# runs.csv, summary.csv and summary.json are byte-identical to those of a
# single unsharded run. Exits 0 when they are, 1 when any differs or a step
# fails.
#
#   examples/cluster/local-shards.sh [EXP.yaml] [N]
#
# Defaults: examples/sync-vs-async.yaml, 4 shards. The shards are run the
# way the Slurm array runs them (examples/cluster/slurm.sh in task mode, with
# SLURM_ARRAY_TASK_ID = 1..N) and merged by its merge mode, so this checks
# the script itself. The Kubernetes Indexed Job maps its 0-based
# JOB_COMPLETION_INDEX to --shard INDEX+1/N; this script checks that mapping
# too, by running shard I as index I-1 through the same arithmetic.
#
# asyncsim is built from this repository into a temporary directory, unless
# ASYNCSIM names a binary to use. Work files go to a temporary directory,
# removed at the end (KEEP=1 keeps it and prints where it is).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
exp=${1:-$repo/examples/sync-vs-async.yaml}
shards=${2:-4}
[[ -f $exp ]] || { echo "local-shards: no experiment file $exp" >&2; exit 2; }
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "local-shards: N must be a whole number >= 1, got $shards" >&2; exit 2; }
exp=$(cd "$(dirname "$exp")" && pwd)/$(basename "$exp")
name=$(basename "$exp" .yaml)

work=$(mktemp -d "${TMPDIR:-/tmp}/asyncsim-shards.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [[ ${KEEP:-0} == 1 ]]; then
		echo "local-shards: work files kept in $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

if [[ -z ${ASYNCSIM:-} ]]; then
	(cd "$repo" && go build -o "$work/asyncsim" ./cmd/asyncsim)
	ASYNCSIM=$work/asyncsim
fi
export ASYNCSIM RESULTS=$work/results SHARDS=$shards

echo "local-shards: $name, $shards shards in parallel, against one unsharded run"
start=$SECONDS
"$ASYNCSIM" run "$exp" -o "$work/single" --quiet

# The shards, each its own process, all at once. Shard I goes through the
# Kubernetes index arithmetic (index I-1 -> shard index+1) and the Slurm
# task mode of slurm.sh.
pids=()
for ((i = 1; i <= shards; i++)); do
	index=$((i - 1))                  # JOB_COMPLETION_INDEX, 0-based
	task=$((index + 1))               # what the Indexed Job passes to --shard
	SLURM_ARRAY_TASK_ID=$task "$here/slurm.sh" task "$exp" >"$work/shard-$i.log" 2>&1 &
	pids+=("$!")
done
failed=0
for ((i = 1; i <= shards; i++)); do
	if ! wait "${pids[$((i - 1))]}"; then
		echo "local-shards: shard $i/$shards failed:" >&2
		cat "$work/shard-$i.log" >&2
		failed=1
	fi
done
[[ $failed == 0 ]] || exit 1

"$here/slurm.sh" merge "$exp" 2>"$work/merge.log" || { cat "$work/merge.log" >&2; exit 1; }

status=0
for f in runs.csv summary.csv summary.json; do
	if cmp "$work/single/$f" "$RESULTS/$name/$f"; then
		echo "local-shards: $f identical ($(wc -c <"$work/single/$f") bytes)"
	else
		echo "local-shards: $f DIFFERS between the single run and the merge of $shards shards" >&2
		status=1
	fi
done
charts=$(find "$RESULTS/$name" -maxdepth 1 -name '*.png' | wc -l)
echo "local-shards: merged directory holds $charts charts"
if [[ $status == 0 ]]; then
	echo "local-shards: ok: merge of $shards parallel shards == single run ($((SECONDS - start))s)"
else
	KEEP=1
fi
exit "$status"
