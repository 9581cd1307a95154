#!/usr/bin/env bash
# Test the cluster recipes on one machine: run an experiment as N shards in
# N separate processes at once, merge them, and check that the merged
# runs.csv, summary.csv and summary.json are byte-identical to those of a
# single unsharded run. Exits 0 when they are, 1 when any differs or a step
# fails, 2 on a bad command line.
#
#   examples/cluster/local-shards.sh [EXP.yaml] [N]
#
# Defaults: examples/sync-vs-async.yaml, 4 shards. It runs the recipes
# themselves, twice:
#   slurm       the shards as the Slurm array runs them (slurm.sh in task
#               mode with SLURM_ARRAY_TASK_ID = 1..N), merged by its merge
#               mode;
#   kubernetes  the shell commands of the containers of k8s-indexed-job.yaml
#               (shard with JOB_COMPLETION_INDEX = 0..N-1, wait-for-shards,
#               merge), with /results and /experiment mapped to local
#               directories.
#
# asyncsim is built from this repository into a temporary directory, unless
# ASYNCSIM names a binary to use. Work files go to a temporary directory,
# removed at the end unless something failed or KEEP=1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
exp=${1:-$repo/examples/sync-vs-async.yaml}
shards=${2:-4}
[[ -f $exp ]] || { echo "local-shards: no experiment file $exp" >&2; exit 2; }
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "local-shards: N must be a whole number >= 1, got $shards" >&2; exit 2; }
exp=$(cd "$(dirname "$exp")" && pwd)/$(basename "$exp")
name=$(basename "$exp" .yaml)
manifest=$here/k8s-indexed-job.yaml

work=$(mktemp -d "${TMPDIR:-/tmp}/asyncsim-shards.XXXXXX")
keep=${KEEP:-0}
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [[ $keep == 1 ]]; then
		echo "local-shards: work files kept in $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
fail() {
	echo "local-shards: $*" >&2
	keep=1
	exit 1
}

# asyncsim, also on PATH as "asyncsim" for the Kubernetes commands.
mkdir -p "$work/bin"
if [[ -z ${ASYNCSIM:-} ]]; then
	(cd "$repo" && go build -o "$work/bin/asyncsim" ./cmd/asyncsim)
else
	ln -s "$(realpath "$(command -v "$ASYNCSIM")")" "$work/bin/asyncsim"
fi
ASYNCSIM=$work/bin/asyncsim
export ASYNCSIM PATH=$work/bin:$PATH

# container_command NAME prints the shell script of the container NAME of
# the manifest (the block after "- |" in its command list), with the
# manifest's paths mapped to the work directory of the Kubernetes round.
container_command() {
	awk -v want="$1" '
		$0 ~ "^ *- name: " want "$" { found = 1; next }
		found && !inblock && /^ *- \|$/ { match($0, /^ */); ind = RLENGTH; inblock = 1; next }
		inblock {
			match($0, /^ */)
			if ($0 !~ /^ *$/ && RLENGTH <= ind) exit
			print substr($0, ind + 3)
		}' "$manifest" |
		sed -e "s#/experiment/experiment.yaml#$exp#g" -e "s#/results#$work/k8s#g"
}

# The manifest's shard count must be the same everywhere.
counts=$(grep -oE '(completions: [0-9]+|value: "[0-9]+")' "$manifest" | grep -oE '[0-9]+' | sort -u)
[[ $(wc -l <<<"$counts") == 1 ]] || fail "$manifest: completions and the SHARDS values differ: $(echo "$counts" | tr '\n' ' ')"

echo "local-shards: $name, $shards shards in parallel, against one unsharded run"
start=$SECONDS
"$ASYNCSIM" run "$exp" -o "$work/single" --quiet

# run_shards LABEL CMD... runs CMD once per shard, all at once, with SHARD
# set to 1..N, and waits for them all.
run_shards() {
	local label=$1 i pids=() bad=0
	shift
	for ((i = 1; i <= shards; i++)); do
		SHARD=$i "$@" >"$work/$label-shard-$i.log" 2>&1 &
		pids+=("$!")
	done
	for ((i = 1; i <= shards; i++)); do
		if ! wait "${pids[$((i - 1))]}"; then
			echo "local-shards: $label: shard $i/$shards failed:" >&2
			cat "$work/$label-shard-$i.log" >&2
			bad=1
		fi
	done
	[[ $bad == 0 ]] || fail "$label: a shard failed"
}

# compare LABEL DIR checks DIR's tables against the single run.
status=0
compare() {
	local label=$1 dir=$2 f
	for f in runs.csv summary.csv summary.json; do
		if cmp "$work/single/$f" "$dir/$f"; then
			echo "local-shards: $label: $f identical ($(wc -c <"$work/single/$f") bytes)"
		else
			echo "local-shards: $label: $f DIFFERS between the single run and the merge of $shards shards" >&2
			status=1
		fi
	done
	echo "local-shards: $label: merged directory holds $(find "$dir" -maxdepth 1 -name '*.png' | wc -l) charts"
}

# Slurm: slurm.sh task mode per array task, then its merge mode.
slurm_task() { SLURM_ARRAY_TASK_ID=$SHARD SHARDS=$shards RESULTS=$work/slurm "$here/slurm.sh" task "$exp"; }
run_shards slurm slurm_task
SHARDS=$shards RESULTS=$work/slurm "$here/slurm.sh" merge "$exp" 2>"$work/slurm-merge.log" ||
	{ cat "$work/slurm-merge.log" >&2; fail "slurm: merge failed"; }
compare slurm "$work/slurm/$name"

# Kubernetes: the Indexed Job's shard command with a 0-based index, then the
# merge Job's wait-for-shards and merge commands.
mkdir -p "$work/k8s"
shard_cmd=$(container_command shard)
wait_cmd=$(container_command wait-for-shards)
merge_cmd=$(container_command merge)
[[ -n $shard_cmd && -n $wait_cmd && -n $merge_cmd ]] || fail "$manifest: cannot find the shard, wait-for-shards and merge commands"
k8s_pod() { JOB_COMPLETION_INDEX=$((SHARD - 1)) SHARDS=$shards NAME=$name /bin/sh -c "$shard_cmd"; }
run_shards kubernetes k8s_pod
SHARDS=$shards NAME=$name timeout 60 /bin/sh -c "$wait_cmd" || fail "kubernetes: wait-for-shards did not see every shard complete"
SHARDS=$shards NAME=$name /bin/sh -c "$merge_cmd" >"$work/k8s-merge.out" 2>"$work/k8s-merge.log" ||
	{ cat "$work/k8s-merge.log" >&2; fail "kubernetes: merge failed"; }
cmp -s "$work/k8s-merge.out" "$work/single/summary.csv" ||
	fail "kubernetes: the merge Job's log is not summary.csv"
compare kubernetes "$work/k8s/$name"

[[ $status == 0 ]] || fail "merged results differ from the single run"
echo "local-shards: ok: both recipes, $shards parallel shards merged == single run ($((SECONDS - start))s)"
