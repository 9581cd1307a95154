#!/usr/bin/env bash
# Reproduces every performance figure of docs/performance.md, measured side
# by side in one run and printed as ratios (the machines are shared and
# noisy; absolute times mean little). Needs Debian's time and
# python3-simpy3:  apt-get install -y time python3-simpy3
#
# usage: benchmarks/run.sh [quick|record]
#   quick:  smaller sizes, for a smoke test
#   record: also writes the output, with the commit, the date, the machine
#           and its load, to docs/performance-run.txt, the file the figures
#           of docs/performance.md are read from
#
# Figures "before" are those of asyncsim built at the commit BEFORE (default
# 7a8c4bd, the main of 2026-11-27 before the work of issue 16), built from
# this repository's history and measured in the same run as the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ $quick == record ]]; then
	record=docs/performance-run.txt
	exec > >(tee "$work/record.txt") 2>&1
	trap 'status=$?; if [[ $status == 0 ]]; then cp "$work/record.txt" "$record"; echo "written: $record"; fi; rm -rf "$work"' EXIT
	echo "benchmarks/run.sh record: $(date -u '+%Y-%m-%d %H:%M UTC'), Go $(go env GOVERSION), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
fi

go build -o "$work/asyncsim" ./cmd/asyncsim
go build -o "$work/reference" ./benchmarks/reference
asyncsim="$work/asyncsim"
before_rev=${BEFORE:-7a8c4bd}
mkdir "$work/before-src"
git archive "$before_rev" | tar -x -C "$work/before-src"
(cd "$work/before-src" && go build -o "$work/asyncsim-before" ./cmd/asyncsim)
before="$work/asyncsim-before"
echo "before: asyncsim at $(git rev-parse --short "$before_rev")   after: the working tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"

# wall seconds and peak RSS (KB) of a command: "secs kb"
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1; cat "$work/time"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
best() { sort -n | head -1; }

# with_horizon FILE SECONDS: a copy of FILE with another horizon
with_horizon() { sed "s/^horizon: .*/horizon: ${2}s/" "$1" > "$work/h.yaml"; echo "$work/h.yaml"; }

mm1_requests=10000000
simpy_customers=1000000
scale_sizes="1 4 16"
clients_requests=10000000
if [[ $quick == quick ]]; then mm1_requests=1000000; simpy_customers=100000; scale_sizes="0.1 0.4"; clients_requests=2000000; fi
mm1_horizon=$(awk -v n="$mm1_requests" 'BEGIN { printf "%.1f", n / 900 }')

# measure_cpu: wall seconds, peak RSS (KB) and user+sys CPU seconds: "secs kb cpu"
measure_cpu() { /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>&1; awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"; }
# best_of NAME: the smallest of the values collected in the array NAME
best_of() { local -n a=$1; printf '%s\n' "${a[@]}" | best; }
most_of() { local -n a=$1; printf '%s\n' "${a[@]}" | sort -n | tail -1; }

# Sections 1 and 2 run the reference, asyncsim and asyncsim before in
# turn, best of 5 each (wall time, as a user waits for it, and user+sys CPU
# time, which load from other processes disturbs less).
echo "== 1. asyncsim run vs the hand-written reference loop: M/M/1, rho 0.9, $mm1_requests requests"
mm1=$(with_horizon benchmarks/mm1.yaml "$mm1_horizon"); cp "$mm1" "$work/mm1.yaml"
ref_t=(); ref_c=(); sim_t=(); sim_c=(); sim_m=(); bef_t=(); bef_c=(); bef_m=()
for i in 1 2 3 4 5; do
	read -r t _ c < <(measure_cpu "$work/reference" -n "$mm1_requests"); ref_t+=("$t"); ref_c+=("$c")
	rm -rf "$work/out"
	read -r t m c < <(measure_cpu "$asyncsim" run "$work/mm1.yaml" -o "$work/out" --quiet); sim_t+=("$t"); sim_c+=("$c"); sim_m+=("$m")
	rm -rf "$work/out"
	read -r t m c < <(measure_cpu "$before" run "$work/mm1.yaml" -o "$work/out" --quiet); bef_t+=("$t"); bef_c+=("$c"); bef_m+=("$m")
done
ref=$(best_of ref_t); sim=$(best_of sim_t); bef=$(best_of bef_t)
refc=$(best_of ref_c); simc=$(best_of sim_c); befc=$(best_of bef_c)
rss=$(most_of sim_m); brss=$(most_of bef_m)
echo "reference ${ref}s   asyncsim run ${sim}s (before ${bef}s)   ratio $(ratio "$sim" "$ref") (before $(ratio "$bef" "$ref"); target <= 2.2)"
echo "CPU: reference ${refc}s   asyncsim run ${simc}s (before ${befc}s)   ratio $(ratio "$simc" "$refc") (before $(ratio "$befc" "$refc"); target <= 2.2)"
echo "peak RSS $((rss / 1024)) MB (before $((brss / 1024)) MB; target < 100, and flat: see section 2)"

echo "== 2. SimPy (idiomatic, Debian python3-simpy3) vs asyncsim run: M/M/1, $simpy_customers customers"
h=$(awk -v n="$simpy_customers" 'BEGIN { printf "%.1f", n / 900 }')
small=$(with_horizon benchmarks/mm1.yaml "$h"); cp "$small" "$work/small.yaml"
read -r py _ pyc < <(measure_cpu /usr/bin/python3 benchmarks/simpy_mm1.py "$simpy_customers")
as_t=(); as_c=(); as_m=(); bs_t=(); bs_c=()
for i in 1 2 3 4 5; do
	rm -rf "$work/out"; read -r t m c < <(measure_cpu "$asyncsim" run "$work/small.yaml" -o "$work/out" --quiet); as_t+=("$t"); as_c+=("$c"); as_m+=("$m")
	rm -rf "$work/out"; read -r t _ c < <(measure_cpu "$before" run "$work/small.yaml" -o "$work/out" --quiet); bs_t+=("$t"); bs_c+=("$c")
done
as=$(best_of as_t); bs=$(best_of bs_t); asc=$(best_of as_c); bsc=$(best_of bs_c); srss=$(most_of as_m)
echo "SimPy ${py}s   asyncsim run ${as}s (before ${bs}s)   SimPy/asyncsim $(ratio "$py" "$as") (before $(ratio "$py" "$bs"); target >= 80)"
echo "CPU: SimPy ${pyc}s   asyncsim run ${asc}s (before ${bsc}s)   SimPy/asyncsim $(ratio "$pyc" "$asc") (before $(ratio "$pyc" "$bsc"); target >= 80)"
echo "peak RSS $((srss / 1024)) MB at $simpy_customers requests, $((rss / 1024)) MB at $mm1_requests (memory flat)"

echo "== 3. scale: 10,000 clients, every feature on (benchmarks/scale.yaml)"
first_t=; first_n=
for millions in $scale_sizes; do
	h=$(awk -v m="$millions" 'BEGIN { printf "%.1f", m * 1e6 / 20000 }')
	f=$(with_horizon benchmarks/scale.yaml "$h"); cp "$f" "$work/scale.yaml"
	rm -rf "$work/out"
	read -r t m < <(measure "$asyncsim" run "$work/scale.yaml" -o "$work/out" --quiet)
	n=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "requests") c = i } NR == 2 { print $c }' "$work/out/runs.csv")
	if [[ -z $first_t ]]; then first_t=$t; first_n=$n; fi
	per=$(awk -v t="$t" -v n="$n" 'BEGIN { printf "%.0f", t / n * 1e9 }')
	growth=$(awk -v t="$t" -v n="$n" -v t0="$first_t" -v n0="$first_n" 'BEGIN { printf "%.2f", (t / n) / (t0 / n0) }')
	echo "requests $n   ${t}s   ${per} ns/request (x${growth} of the smallest)   peak RSS $((m / 1024)) MB"
done

# The issue-16 target: a million open-loop clients at most 2x the CPU per
# request of 100 clients, at most 150 B per client (peak RSS above that of
# 100 clients). The same 900 requests/s in all, split over more clients.
echo "== 3b. many clients: benchmarks/clients.yaml, $clients_requests requests, CPU (user+sys) per request and peak RSS per client"
cpu_rss() { /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >/dev/null 2>&1; awk '{ print $1 + $2, $3 }' "$work/time"; }
for bin in before asyncsim; do
	exe=${!bin}; base_ns=; base_kb=
	for n in 100 10000 100000 1000000; do
		sed -e "s/^    count: .*/    count: $n/" \
			-e "s/mean: 111.111ms}/mean: $(awk -v n="$n" 'BEGIN { printf "%.6f", n * 1.11111 }')ms}/" \
			-e "s/^horizon: .*/horizon: $(awk -v r="$clients_requests" 'BEGIN { printf "%.1f", r / 900 }')s/" \
			benchmarks/clients.yaml > "$work/clients.yaml"
		rm -rf "$work/out"
		read -r cpu kb < <(cpu_rss "$exe" run "$work/clients.yaml" -o "$work/out" --quiet)
		reqs=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "requests") c = i } NR == 2 { print $c }' "$work/out/runs.csv")
		ns=$(awk -v t="$cpu" -v r="$reqs" 'BEGIN { printf "%.0f", t / r * 1e9 }')
		if [[ -z $base_ns ]]; then
			base_ns=$ns; base_kb=$kb
			echo "$bin: clients $n   $ns ns/request   peak RSS $((kb / 1024)) MB"
		else
			echo "$bin: clients $n   $ns ns/request (x$(ratio "$ns" "$base_ns") of 100 clients; target <= 2 at 1M)   $(awk -v k="$kb" -v k0="$base_kb" -v n="$n" 'BEGIN { printf "%.0f", (k - k0) * 1024 / (n - 100) }') B/client (target <= 150)   peak RSS $((kb / 1024)) MB"
		fi
	done
done

echo "== 4. a 16-point sweep: --parallel 1 vs --parallel 2 (benchmarks/sweep.yaml)"
p1_t=(); p2_t=()
for i in 1 2 3; do
	rm -rf "$work/p1" "$work/p2"
	read -r t _ < <(measure "$asyncsim" run benchmarks/sweep.yaml -o "$work/p1" --parallel 1 --quiet); p1_t+=("$t")
	read -r t _ < <(measure "$asyncsim" run benchmarks/sweep.yaml -o "$work/p2" --parallel 2 --quiet); p2_t+=("$t")
done
t1=$(printf '%s\n' "${p1_t[@]}" | best); t2=$(printf '%s\n' "${p2_t[@]}" | best)
same=identical
for f in runs.csv summary.csv summary.json; do cmp -s "$work/p1/$f" "$work/p2/$f" || same=DIFFERENT; done
echo "--parallel 1 ${t1}s   --parallel 2 ${t2}s   speed-up $(ratio "$t1" "$t2") (target >= 1.8)   outputs $same"
# What the machine can give: one CPU-bound process alone, then two at once.
# 2 x alone / pair is the number of cores' worth of throughput really there.
start=$(date +%s.%N); "$work/reference" -n 20000000 >/dev/null; alone=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
start=$(date +%s.%N); "$work/reference" -n 20000000 >/dev/null & other=$!; "$work/reference" -n 20000000 >/dev/null; wait "$other" # not a bare wait: under record it would wait for tee too
pair=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
echo "machine: two independent CPU-bound processes run $(awk -v a="$alone" -v p="$pair" 'BEGIN { printf "%.2f", 2 * a / p }')x as fast as one (the ceiling for any --parallel 2 speed-up here)"

echo "== short-run sweep: 2,000 points x 5 replications of about 1,000 requests, charts off (benchmarks/shortsweep.yaml), before vs after, alternating, best of 3"
benchmarks/shortsweep.sh "$before" "$asyncsim"

echo "== 5. allocations per request in steady state, every policy (go test -benchmem)"
go test ./models -run '^$' -bench 'MM1' -benchtime 1000000x -benchmem | awk '/^Benchmark/ { print $1, $(NF-3), $(NF-2), $(NF-1), $NF }'

echo "== 6. a three-tier service graph: gateway -> auth (sync), then stock and price (callback, in parallel), price -> db (sync); 5 hops a request"
go test ./models -run '^$' -bench 'Fanout3' -benchtime 2000000x -benchmem | awk '/^Benchmark/ { for (i = 2; i <= NF; i++) if ($i ~ /ns\/request|ns\/hop|allocs\/op/) printf "%s %s   ", $(i-1), $i; print "" }'

echo "== 7. what time series of 1 s windows cost a run (thread CPU time, benchmarks/seriescost)"
go run ./benchmarks/seriescost

echo "== engine vs reference by thread CPU time (benchmarks/cpuratio)"
go run ./benchmarks/cpuratio

echo "== 8. charts: quickstart end to end, and plot of a 2,000-point summary, asyncsim at $(git rev-parse --short "$before_rev") vs now"
# wall and CPU (user + sys) seconds of a command: "wall cpu"
wallcpu() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>&1; awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"; }
# A 2,000-point summary to plot: two policies x 1,000 arrival means, 2
# replications of 1 s, run by the working tree; both builds plot a copy of
# it, so that they draw the same data (the build at 7a8c4bd reads the
# newer files: the columns and keys it does not know are ignored).
{
	printf 'name: plot-2000\nseed: 1\nreplications: 2\nhorizon: 1s\nmodel:\n  clients:\n    arrival: {dist: exponential, mean: 2ms}\n  server:\n    service: {dist: exponential, mean: 1ms}\nsweep:\n  model.clients.arrival.mean: ['
	awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%s%.4fms", (i ? ", " : ""), 1.2 + i * 0.0088 }'
	printf ']\n  model.policy: [sync, callback]\n'
} > "$work/plot2000.yaml"
"$asyncsim" run "$work/plot2000.yaml" -o "$work/p2000-now" --quiet 2>/dev/null
cp -r "$work/p2000-now" "$work/p2000-before"
qb_w=(); qb_c=(); qa_w=(); qa_c=(); pb_w=(); pb_c=(); pa_w=(); pa_c=()
for i in 1 2 3; do
	rm -rf "$work/qs"; read -r w c < <(wallcpu "$before" run examples/quickstart.yaml -o "$work/qs" --quiet); qb_w+=("$w"); qb_c+=("$c")
	rm -rf "$work/qs"; read -r w c < <(wallcpu "$asyncsim" run examples/quickstart.yaml -o "$work/qs" --quiet); qa_w+=("$w"); qa_c+=("$c")
	read -r w c < <(wallcpu "$before" plot "$work/p2000-before"); pb_w+=("$w"); pb_c+=("$c")
	read -r w c < <(wallcpu "$asyncsim" plot "$work/p2000-now"); pa_w+=("$w"); pa_c+=("$c")
done
# pair NAME TARGET BEFORE-WALLS BEFORE-CPUS NOW-WALLS NOW-CPUS (lists
# separated by spaces): the best of each and the ratios
pair() {
	local bw bc aw ac
	bw=$(tr ' ' '\n' <<<"$3" | best); bc=$(tr ' ' '\n' <<<"$4" | best)
	aw=$(tr ' ' '\n' <<<"$5" | best); ac=$(tr ' ' '\n' <<<"$6" | best)
	echo "$1: before ${bw}s (CPU ${bc}s)   now ${aw}s (CPU ${ac}s)   $(ratio "$bw" "$aw")x faster, CPU $(ratio "$bc" "$ac")x less ($2)"
}
pair "quickstart end to end (asyncsim run examples/quickstart.yaml)" "target >= 2x" "${qb_w[*]}" "${qb_c[*]}" "${qa_w[*]}" "${qa_c[*]}"
pair "plot of a 2,000-point summary (asyncsim plot DIR)" "no target of its own" "${pb_w[*]}" "${pb_c[*]}" "${pa_w[*]}" "${pa_c[*]}"
# The charts are the same bytes drawn one at a time or together.
rm -rf "$work/qs1" "$work/qs2"
"$asyncsim" run examples/quickstart.yaml -o "$work/qs1" --quiet --parallel 1 2>/dev/null
"$asyncsim" run examples/quickstart.yaml -o "$work/qs2" --quiet --parallel 2 2>/dev/null
same=identical
for f in "$work"/qs1/*.png; do cmp -s "$f" "$work/qs2/$(basename "$f")" || same=DIFFERENT; done
echo "quickstart's $(ls "$work"/qs1/*.png | wc -l) charts at --parallel 1 and --parallel 2: $same"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
