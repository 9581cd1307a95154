#!/usr/bin/env bash
# Run one asyncsim experiment as a Slurm job array of N shards, then merge.
#
# On the login node, in the directory where results/ should go:
#
#   examples/cluster/slurm.sh submit EXP.yaml [N]
#
# submits an array of N tasks (default 8), task I running (NAME is the file
# name of EXP.yaml without .yaml)
#   asyncsim run EXP.yaml --shard I/N -o results/NAME-shard-I --resume
# and a merge job that starts once every task has succeeded:
#   asyncsim merge -o results/NAME results/NAME-shard-1 ... results/NAME-shard-N
# results/NAME then holds the same runs.csv, summary.csv and summary.json as
# "asyncsim run EXP.yaml" on one machine, byte for byte, and the charts.
#
# results/ must be on a file system that every node sees (your home or
# scratch directory), and asyncsim must be on the PATH of the compute nodes
# (go install ./cmd/asyncsim puts it in ~/go/bin), or set ASYNCSIM to its
# path. Every task must run the same asyncsim version: merge checks it.
#
# Set the resources of a task in the #SBATCH lines below, or override them
# on the command line: SBATCH_EXTRA="--partition=short --time=00:30:00".
# A task that is preempted or requeued resumes its shard where it stopped
# (--resume keeps the points it had finished).
#
# The script is also what each task runs (the "task" and "merge" modes),
# which is how examples/cluster/local-shards.sh tests it on one machine:
#   SLURM_ARRAY_TASK_ID=I SHARDS=N examples/cluster/slurm.sh task EXP.yaml
#   SHARDS=N examples/cluster/slurm.sh merge EXP.yaml
#
#SBATCH --job-name=asyncsim
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=01:00:00
#SBATCH --output=slurm-%x-%A_%a.out
set -euo pipefail

ASYNCSIM=${ASYNCSIM:-asyncsim}
RESULTS=${RESULTS:-results}

usage() {
	echo "usage: $0 submit EXP.yaml [N]   (or: task EXP.yaml, merge EXP.yaml inside Slurm)" >&2
	exit 2
}

[[ $# -ge 2 ]] || usage
mode=$1
exp=$2
[[ -f $exp ]] || { echo "$0: no experiment file $exp" >&2; exit 2; }
# Results go to $RESULTS/NAME, NAME being the file's name without .yaml.
name=$(basename "$exp" .yaml)

case $mode in
submit)
	shards=${3:-8}
	[[ $shards =~ ^[1-9][0-9]*$ ]] || usage
	"$ASYNCSIM" validate "$exp" # fail here, not in N tasks
	# shellcheck disable=SC2086 # SBATCH_EXTRA is a list of options
	array=$(sbatch --parsable --array="1-$shards" --export="ALL,SHARDS=$shards,RESULTS=$RESULTS,ASYNCSIM=$ASYNCSIM" \
		${SBATCH_EXTRA:-} "$0" task "$exp")
	array=${array%%;*} # "jobid;cluster" on multi-cluster sites
	# shellcheck disable=SC2086
	merge=$(sbatch --parsable --dependency="afterok:$array" --job-name=asyncsim-merge \
		--output="slurm-%x-%j.out" --cpus-per-task=1 --export="ALL,SHARDS=$shards,RESULTS=$RESULTS,ASYNCSIM=$ASYNCSIM" \
		${SBATCH_EXTRA:-} "$0" merge "$exp")
	echo "submitted $shards shards as job array $array and the merge as job ${merge%%;*}"
	echo "results: $RESULTS/$name (squeue -u \"\$USER\" shows progress)"
	;;
task)
	: "${SLURM_ARRAY_TASK_ID:?task mode runs inside a Slurm job array}"
	shards=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?set SHARDS}}
	i=$SLURM_ARRAY_TASK_ID
	# --resume refuses a directory that does not exist (a mistyped -o);
	# an empty one starts the shard from scratch.
	mkdir -p "$RESULTS/$name-shard-$i"
	exec "$ASYNCSIM" run "$exp" --shard "$i/$shards" -o "$RESULTS/$name-shard-$i" \
		--parallel "${SLURM_CPUS_PER_TASK:-1}" --resume --quiet
	;;
merge)
	shards=${SHARDS:?set SHARDS, the number of shards}
	dirs=()
	for ((i = 1; i <= shards; i++)); do
		dirs+=("$RESULTS/$name-shard-$i")
	done
	exec "$ASYNCSIM" merge -o "$RESULTS/$name" "${dirs[@]}"
	;;
*)
	usage
	;;
esac
