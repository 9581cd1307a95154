package experiments

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// coverage is what honestyRun counts over its master seeds: how many
// summary rows' 95% intervals held the exact value of each metric, and
// how many rows carried each flag.
type coverage struct {
	seeds   int
	covered map[string]int
	flags   map[string]int
}

// share returns the fraction of the seeds whose interval of metric held
// its exact value.
func (c coverage) share(metric string) float64 {
	return float64(c.covered[metric]) / float64(c.seeds)
}

// honestyRun runs the one point of the experiment yaml with master seeds
// 0 to seeds-1, each with its own replications, and counts for every
// metric of exact (its exact value) the summary rows whose interval
// [M.lo, M.hi] holds it. The seeds run on every CPU; the counts do not
// depend on their order.
func honestyRun(t *testing.T, yaml string, seeds int, exact map[string]float64) coverage {
	t.Helper()
	exp, err := parse(t, yaml)
	if err != nil {
		t.Fatal(err)
	}
	header := summaryHeader(nil, exp.Columns(), nil)
	column := func(name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, header)
		}
		return i
	}
	flagsAt := column(flagsColumn)
	bounds := map[string][2]int{}
	for m := range exact {
		bounds[m] = [2]int{column(m + ".lo"), column(m + ".hi")}
	}
	out := coverage{seeds: seeds, covered: map[string]int{}, flags: map[string]int{}}
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		next  int
		fails []string
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := exp
			for {
				mu.Lock()
				seed := next
				next++
				mu.Unlock()
				if seed >= seeds {
					return
				}
				e.Seed = uint64(seed)
				runs := make([]models.Metrics, e.Replications)
				for r := range runs {
					var err error
					if runs[r], err = simulate(context.Background(), &e, 0, r); err != nil {
						mu.Lock()
						fails = append(fails, fmt.Sprintf("seed %d replication %d: %v", seed, r, err))
						mu.Unlock()
						return
					}
				}
				_, row := pointRows(&e, &e.Points[0], runs)
				mu.Lock()
				for m, truth := range exact {
					lo, err1 := strconv.ParseFloat(row[bounds[m][0]], 64)
					hi, err2 := strconv.ParseFloat(row[bounds[m][1]], 64)
					if err1 != nil || err2 != nil || !(lo < hi) {
						fails = append(fails, fmt.Sprintf("seed %d: %s interval [%q, %q]", seed, m, row[bounds[m][0]], row[bounds[m][1]]))
					}
					if lo <= truth && truth <= hi {
						out.covered[m]++
					}
				}
				if f := row[flagsAt]; f != "" {
					for _, kind := range strings.Split(f, "+") {
						out.flags[kind]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(fails) > 0 {
		t.Fatal(strings.Join(fails, "\n"))
	}
	return out
}

// mm1 returns an experiment of one point, an M/M/1 queue (a callback
// client without network delay, Poisson arrivals, one exponential
// server) with the given mean service time and time between arrivals,
// run for window seconds after warmup seconds, with reps replications.
func mm1(service, arrival, window, warmup float64, reps int) string {
	s := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "s" }
	return fmt.Sprintf(`
name: honesty
replications: %d
horizon: %s
warmup: %s
model:
  clients: {arrival: {dist: exponential, mean: %s}}
  server: {service: {dist: exponential, mean: %s}}
`, reps, s(window+warmup), s(warmup), s(arrival), s(service))
}

// inBand fails the test unless every metric of c covered its exact value
// in 93% to 97% of the seeds.
func inBand(t *testing.T, name string, c coverage, metrics ...string) {
	t.Helper()
	for _, m := range metrics {
		got := c.share(m)
		t.Logf("%s: the 95%% interval of %s covered the exact value in %d of %d seeds (%.1f%%); flags %v", name, m, c.covered[m], c.seeds, 100*got, c.flags)
		if got < 0.93 || got > 0.97 {
			t.Errorf("%s: %s coverage %d/%d = %.3f, want 0.93–0.97", name, m, c.covered[m], c.seeds, got)
		}
	}
}

// TestIntervalHonestyMM1 checks that the 95% intervals of summary.csv
// mean what they say (SPEC §11.4): on an M/M/1 queue run long enough not
// to be flagged short, the intervals of delay.mean and of the pooled
// delay.p99 hold the exact values E[D] = 1/(μ−λ) and ln(100)/(μ−λ) in
// 93% to 97% of independent experiments (master seeds 0, 1, …), at loads
// 0.5 and 0.9, each of 5 replications. The window lasts about 100
// relaxation times τ = 1/(μ(1−√ρ)²) or more, the warm-up about ten. The
// figures are in docs/validation.md (Interval honesty): 94.5–94.9%, but
// the p99 at load 0.9 at the band's lower edge, 93.0% (372 of 400), its
// misses nearly all below the truth (a run's p99 at heavy load is skewed
// right; over 1,000 τ it reads 95.5%). Without -race it takes about 20 s
// of CPU; CI runs it in its own step without -race.
func TestIntervalHonestyMM1(t *testing.T) {
	if underRace {
		t.Skip("statistical, 100 million requests: too slow under -race (CI runs it without)")
	}
	for _, c := range []struct {
		name             string
		service, arrival float64 // mean service time and time between arrivals, seconds
		window, warmup   float64 // seconds
		seeds            int
	}{
		// τ = 0.58 s: a window of 858 τ (10,000 service times), a
		// warm-up of 17 τ.
		{"load 0.5", 0.05, 0.1, 500, 10, 1000},
		// τ = 34 s: a window of 105 τ (40,000 service times), a warm-up
		// of 10.5 τ.
		{"load 0.9", 0.09, 0.1, 3600, 360, 400},
	} {
		t.Run(c.name, func(t *testing.T) {
			rate := 1/c.service - 1/c.arrival // μ − λ
			got := honestyRun(t, mm1(c.service, c.arrival, c.window, c.warmup, 5), c.seeds, map[string]float64{
				"delay.mean": 1 / rate,
				"delay.p99":  math.Log(100) / rate,
			})
			inBand(t, c.name, got, "delay.mean", "delay.p99")
			if got.flags[FlagShort] > 0 {
				t.Errorf("%s: flagged short in %d of %d seeds, want none", c.name, got.flags[FlagShort], c.seeds)
			}
		})
	}
}

// TestIntervalHonestyShort checks that where the runs are too short for
// their load the summary says so: an M/M/1 at load 0.9 over 2,000 mean
// service times (the quickstart's size, 10% of it warm-up) is flagged
// short in every experiment, and rightly: its delay.mean keeps the bias
// of the start from empty, which more replications do not average out,
// so its interval (20 replications) covers the exact mean in fewer than
// 93% of 400 master seeds.
func TestIntervalHonestyShort(t *testing.T) {
	const service, arrival = 0.09, 0.1
	seeds := 400
	if underRace {
		seeds = 4 // the flag only
	}
	got := honestyRun(t, mm1(service, arrival, 1800*service, 200*service, 20), seeds, map[string]float64{
		"delay.mean": 1 / (1/service - 1/arrival),
	})
	t.Logf("the 95%% interval of delay.mean covered the exact value in %d of %d seeds (%.1f%%); flags %v", got.covered["delay.mean"], seeds, 100*got.share("delay.mean"), got.flags)
	if got.flags[FlagShort] != seeds {
		t.Errorf("flagged short in %d of %d seeds, want all", got.flags[FlagShort], seeds)
	}
	if !underRace && got.share("delay.mean") >= 0.93 {
		t.Errorf("coverage %.3f: the short runs' interval is honest, so the short rule flags runs that are long enough", got.share("delay.mean"))
	}
}
