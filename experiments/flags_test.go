package experiments

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestBimodal checks the split and its verdict on values worked out by
// hand (see each case's comment).
func TestBimodal(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name      string
		in        []float64
		low, high []int
		ratio     float64
		want      bool
	}{
		// Collapsed runs at 0, healthy ones at 600, no spread within: an
		// infinite statistic, a gap of 100% of 600.
		{"collapsed vs healthy", []float64{0, 600, 0, 600, 600}, []int{0, 2}, []int{1, 3, 4}, math.Inf(1), true},
		// Low {1,2,3}: mean 2, SS 2; high {600,610,620}: mean 610, SS 200;
		// sd = √(202/4) = 7.1063; (610-2)/7.1063 = 85.557 > 16.3 (n = 6).
		{"goodput 373 [112, 633]", []float64{600, 1, 610, 2, 620, 3}, []int{1, 3, 5}, []int{0, 2, 4}, 608 / math.Sqrt(202.0/4), true},
		// Low {0.27,0.3}: mean 0.285, SS 0.00045; high {0.99,1,1}: mean
		// 0.99667, SS 0.0000667; sd = √(0.00051667/3) = 0.013123;
		// 0.71167/0.013123 = 54.23 > 26.0 (n = 5).
		{"reliability 0.79 [0.27, 1]", []float64{1, 0.27, 0.99, 0.3, 1}, []int{1, 3}, []int{0, 2, 4}, (2.99/3 - 0.285) / math.Sqrt((0.00045+0.0002/3)/3), true},
		// Evenly spread: every gap is 1, the first split wins: low {10,11}
		// mean 10.5 SS 0.5, high {12..15} mean 13.5 SS 5; 3/√(5.5/4) = 2.558.
		{"noisy unimodal", []float64{15, 14, 13, 12, 11, 10}, []int{4, 5}, []int{0, 1, 2, 3}, 3 / math.Sqrt(5.5/4), false},
		// Two tight groups 10 apart at 600: significant but not a collapse
		// (10 < 0.2 × 610).
		{"tight groups close together", []float64{600, 610, 600, 610}, []int{0, 2}, []int{1, 3}, math.Inf(1), false},
		// A single collapsed run is no group: the split leaves two in each,
		// low {0,600} mean 300 SS 180000, high {601..604} mean 602.5 SS 5;
		// 302.5/√(180005/4) = 1.426.
		{"one outlier", []float64{0, 600, 601, 602, 603, 604}, []int{0, 1}, []int{2, 3, 4, 5}, 302.5 / math.Sqrt(180005.0/4), false},
		{"NaN left out", []float64{nan, 0, 0, 600, 600}, []int{1, 2}, []int{3, 4}, math.Inf(1), true},
		{"all equal", []float64{5, 5, 5, 5}, []int{0, 1}, []int{2, 3}, 0, false},
		{"three values", []float64{0, 600, 600}, nil, nil, 0, false},
	} {
		s := bimodal(c.in)
		if s.significant != c.want || !slices.Equal(s.low, c.low) || !slices.Equal(s.high, c.high) || !near(s.ratio, c.ratio) && s.ratio != c.ratio {
			t.Errorf("%s: bimodal(%v) = %v, low %v, high %v, ratio %v; want %v, %v, %v, %v", c.name, c.in, s.significant, s.low, s.high, s.ratio, c.want, c.low, c.high, c.ratio)
		}
	}
}

// TestBimodalThreshold checks the table lookup: an n between two entries
// takes the smaller n's (larger) threshold.
func TestBimodalThreshold(t *testing.T) {
	for n, want := range map[int]float64{4: 52.3, 5: 26.0, 11: 8.2, 12: 7.1, 19: 6.2, 20: 5.3, 99: 4.1, 100: 4.0, 1000: 4.0} {
		if got := bimodalThreshold(n); got != want {
			t.Errorf("bimodalThreshold(%d) = %v, want %v", n, got, want)
		}
	}
}

// work returns runs with the given work at the middle and end of the
// window and requests.
func work(requests float64, midEnd ...float64) []models.Metrics {
	var out []models.Metrics
	for i := 0; i+1 < len(midEnd); i += 2 {
		out = append(out, models.Metrics{Requests: requests, WorkMid: midEnd[i], WorkEnd: midEnd[i+1]})
	}
	return out
}

// TestGrowing checks the growing rule on constructed runs of 2000
// requests (1000 in the second half of the window).
func TestGrowing(t *testing.T) {
	for _, c := range []struct {
		name string
		runs []models.Metrics
		want string // part of the reason, "" for none
	}{
		// Growth 200, 220, 200: mean 206.67 = 21% of 1000, interval above 0.
		{"growing", work(2000, 100, 300, 110, 330, 90, 290), "grew from 100 at the middle of the window to 306.7 at its end, by 21% of the requests"},
		{"steady", work(2000, 10, 5, 10, 13, 10, 12), ""},
		// Growth 5, 6, 7: significant, but 0.6% < 1%.
		{"small growth", work(2000, 10, 15, 10, 16, 10, 17), ""},
		// Growth 30 and -10: mean 10 = 1%, but the interval includes 0.
		{"noisy", work(2000, 10, 40, 20, 10), ""},
		{"one run under 5%", work(2000, 10, 50), ""},
		{"one run over 5%", work(2000, 10, 70), "by 6% of the requests"},
		{"no requests", work(0, 10, 70, 10, 80), ""},
		{"no runs", nil, ""},
	} {
		got := growingReason(c.runs)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: growingReason = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestShort checks the relaxation time and the short rule on M/M/1 and
// M/M/2 stations: τ = 1/(√(cμ) − √λ)².
func TestShort(t *testing.T) {
	load := func(text string) *models.Config {
		exp, err := parse(t, "name: s\nhorizon: 1s\n"+text)
		if err != nil {
			t.Fatal(err)
		}
		return &exp.Points[0].Model
	}
	mm1 := load("model:\n  clients: {arrival: {dist: exponential, mean: 1.25s}}\n  server: {service: {dist: exponential, mean: 1s}}\n")
	// λ = 0.8, μ = 1: τ = 1/(1 − √0.8)² = 89.7214 s; 100 τ = 8972.1 s.
	tau := 1 / math.Pow(1-math.Sqrt(0.8), 2)
	if s := stations(mm1); len(s) != 1 || !near(s[0].relaxation(), tau) {
		t.Fatalf("M/M/1 at 0.8: stations %+v, want one with relaxation %v", s, tau)
	}
	if r := shortReason(mm1, 8900, 0); !strings.Contains(r, "lasts 99.2 relaxation times of the server (load 0.8, relaxation time about 1m30s)") {
		t.Errorf("M/M/1, 8900 s: %q", r)
	}
	if r := shortReason(mm1, 9000, 0); r != "" {
		t.Errorf("M/M/1, 9000 s: %q, want not short", r)
	}
	if r := shortReason(mm1, 9000, 100); r == "" {
		t.Error("M/M/1, 9000 s after a warm-up of 100 s: not short, want short (8900 s < 8972 s)")
	}
	mm2 := load("model:\n  clients: {arrival: {dist: exponential, mean: 0.625s}}\n  server: {workers: 2, service: {dist: exponential, mean: 1s}}\n")
	// λ = 1.6, c = 2, μ = 1: τ = 1/(√2 − √1.6)² = 42.33 s.
	if s := stations(mm2); len(s) != 1 || !near(s[0].relaxation(), 1/math.Pow(math.Sqrt(2)-math.Sqrt(1.6), 2)) {
		t.Errorf("M/M/2 at 0.8: stations %+v", s)
	}
	two := load("model:\n  clients: {arrival: {dist: exponential, mean: 0.625s}}\n  server: {count: 2, service: {dist: exponential, mean: 1s}}\n")
	// Two servers of one worker share λ = 1.6: each an M/M/1 at 0.8.
	if s := stations(two); len(s) != 1 || !near(s[0].relaxation(), tau) {
		t.Errorf("two M/M/1 at 0.8: stations %+v", s)
	}
	dd1 := load("model:\n  clients: {arrival: 1.25s}\n  server: {service: 1s}\n")
	if r := shortReason(dd1, 10, 0); r != "" {
		t.Errorf("D/D/1: %q, want never short (no variability, no transient)", r)
	}
	over := load("model:\n  clients: {arrival: {dist: exponential, mean: 0.5s}}\n  server: {service: {dist: exponential, mean: 1s}}\n")
	if r := shortReason(over, 10, 0); r != "" {
		t.Errorf("M/M/1 at 2: %q, want not short (the overload warning and growing say it)", r)
	}
}

// TestBimodalFalsePositives runs a noisy but unimodal point, an M/M/1 at
// load 0.9 over 2,000 mean service times with 20 replications, under 200
// master seeds, and counts the seeds for which it is flagged bimodal: the
// rule allows one in a thousand per metric, so none is expected. It also
// reports how often the same point is flagged growing and short.
func TestBimodalFalsePositives(t *testing.T) {
	if testing.Short() {
		t.Skip("4,000 runs")
	}
	exp, err := parse(t, `name: noisy
replications: 20
horizon: 2s
model:
  clients: {arrival: {dist: exponential, rate: 900}}
  server: {service: {dist: exponential, mean: 1ms}}
`)
	if err != nil {
		t.Fatal(err)
	}
	const seeds = 200
	counts := map[string]int{}
	worst := 0.0
	for seed := range uint64(seeds) {
		exp.Seed = 1000 + seed
		runs := make([]models.Metrics, exp.Replications)
		for r := range runs {
			if runs[r], err = simulate(context.Background(), &exp, 0, r); err != nil {
				t.Fatal(err)
			}
		}
		ws, _ := pointFlags(&exp, &exp.Points[0], runs)
		for _, w := range ws {
			counts[w.Kind]++
		}
		for _, get := range []func(*models.Metrics) float64{
			func(m *models.Metrics) float64 { return m.Throughput },
			func(m *models.Metrics) float64 { return m.Reliability },
		} {
			vs := make([]float64, len(runs))
			for i := range runs {
				vs[i] = get(&runs[i])
			}
			if s := bimodal(vs); s.ratio/bimodalThreshold(len(vs)) > worst {
				worst = s.ratio / bimodalThreshold(len(vs))
			}
		}
	}
	t.Logf("M/M/1 at 0.9, 2,000 service times, 20 replications, %d seeds: bimodal %d, growing %d, short %d; largest gap statistic %.2f of the threshold",
		seeds, counts[FlagBimodal], counts[FlagGrowing], counts[FlagShort], worst)
	if counts[FlagBimodal] > 0 {
		t.Errorf("flagged bimodal for %d of %d seeds, want none", counts[FlagBimodal], seeds)
	}
	if counts[FlagShort] != seeds {
		t.Errorf("flagged short for %d of %d seeds, want all: 2 s is 5.3 relaxation times of 380 ms", counts[FlagShort], seeds)
	}
}

// TestPointWarmup: the short rule takes a point's warm-up from its case,
// and with warmup: auto the longest chosen for one of its runs.
func TestPointWarmup(t *testing.T) {
	exp, err := parse(t, `name: w
horizon: 10s
warmup: 1s
model:
  clients: {arrival: 20ms}
  server: {service: 10ms}
cases:
  - {name: file}
  - {name: two, warmup: 2s}
  - {name: auto, warmup: auto}
`)
	if err != nil {
		t.Fatal(err)
	}
	runs := []models.Metrics{{Warmup: 3}, {Warmup: 4.5}, {Warmup: 0.5}}
	for i, want := range []float64{1, 2, 4.5} {
		if got := pointWarmup(&exp, &exp.Points[i], runs); got != want {
			t.Errorf("point %d: warm-up %v, want %v", i, got, want)
		}
	}
}
