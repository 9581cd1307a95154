#!/usr/bin/env bash
# Regenerates cmd/asyncsim/default.pgo, the CPU profile that go build uses
# for profile-guided optimisation of the asyncsim command (inlining and
# devirtualisation of the hot path; results are the same bytes with or
# without it). The profile comes from the model benchmarks: the M/M/1 of
# every policy and the three-tier fan-out. Rerun it after a change to the
# hot path of models/ or sim/, and commit the new profile on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go test ./models -run '^$' -bench 'MM1|Fanout3' -benchtime 10000000x -cpuprofile "$work/cpu.pprof" >/dev/null
cp "$work/cpu.pprof" cmd/asyncsim/default.pgo
echo "wrote cmd/asyncsim/default.pgo ($(wc -c < cmd/asyncsim/default.pgo) bytes)"
