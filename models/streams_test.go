package models_test

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// step is one trace line with its time.
type step struct {
	at   sim.Time
	what string
}

// runSteps runs cfg with seed until horizon and returns its trace.
func runSteps(t *testing.T, cfg models.Config, seed uint64, horizon sim.Duration) ([]step, models.Metrics) {
	t.Helper()
	var steps []step
	m, err := models.RunWith(cfg, distributions.NewStreams(seed, 0), sim.Time(horizon), 0, models.Options{
		Trace: func(at sim.Time, what string) { steps = append(steps, step{at, what}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return steps, m
}

// at returns the time of the first step matching re.
func at(t *testing.T, steps []step, re string) sim.Time {
	t.Helper()
	r := regexp.MustCompile(re)
	for _, s := range steps {
		if r.MatchString(s.what) {
			return s.at
		}
	}
	t.Fatalf("no step matches %q", re)
	return 0
}

// TestStreamKeys pins the key of every random stream of the model to the
// table of docs/reproducibility.md: for each key, a scenario in which that
// stream alone is random, whose traced times must be the samples replayed
// from the stream of that key (seed 1, replication 0). A renamed key
// changes every result of every run; here it names itself.
func TestStreamKeys(t *testing.T) {
	exp := func(ms float64) distributions.Exponential { return distributions.Exponential{Scale: ms / 1000} }
	const ms100 = 100 * sim.Millisecond
	for _, c := range []struct {
		key string
		cfg func(*models.Config)
		// got returns the traced durations; want replays them from rng.
		got  func(t *testing.T, s []step) []sim.Duration
		want func(rng *rand.Rand) []sim.Duration
	}{
		{"client/0/arrival",
			func(c *models.Config) { c.Clients.Arrival = exp(50) },
			func(t *testing.T, s []step) []sim.Duration {
				r1, r2 := at(t, s, `^r1 created`), at(t, s, `^r2 created`)
				return []sim.Duration{sim.Duration(r1), r2.Sub(r1)}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(50).Sample(r), exp(50).Sample(r)} }},
		{"client/0/arrival", // closed loop: think times, the first and the one after r1
			func(c *models.Config) {
				c.Policy, c.Clients.Arrival, c.Clients.Think = models.Sync, nil, exp(50)
			},
			func(t *testing.T, s []step) []sim.Duration {
				r1, done, r2 := at(t, s, `^r1 created`), at(t, s, `^r1 succeeded`), at(t, s, `^r2 created`)
				return []sim.Duration{sim.Duration(r1), r2.Sub(done)}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(50).Sample(r), exp(50).Sample(r)} }},
		{"client/1/arrival",
			func(c *models.Config) { c.Clients.Count = 2; c.Clients.Arrival = exp(50) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{sim.Duration(at(t, s, `created by client 1$`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(50).Sample(r)} }},
		{"client/0/service",
			func(c *models.Config) { c.Server.Service = exp(10) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 attempt 1 served`).Sub(at(t, s, `^r1 attempt 1 service starts`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(10).Sample(r)} }},
		{"client/1/service",
			func(c *models.Config) { c.Clients.Count = 2; c.Server.Service = exp(10) },
			func(t *testing.T, s []step) []sim.Duration {
				// Both clients send at 100ms: r1 is client 0's, r2 client 1's.
				return []sim.Duration{at(t, s, `^r2 attempt 1 served`).Sub(at(t, s, `^r2 attempt 1 service starts`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(10).Sample(r)} }},
		{"server/0/crash",
			func(c *models.Config) { c.Server.Crash = &models.Crash{Uptime: exp(50), Downtime: exp(20)} },
			func(t *testing.T, s []step) []sim.Duration {
				down, up := at(t, s, `^server 0 crashed`), at(t, s, `^server 0 recovered`)
				return []sim.Duration{sim.Duration(down), up.Sub(down)}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(50).Sample(r), exp(20).Sample(r)} }},
		{"server/1/crash",
			func(c *models.Config) {
				c.Server.Count = 2
				c.Server.Crash = &models.Crash{Uptime: exp(50), Downtime: exp(20)}
			},
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{sim.Duration(at(t, s, `^server 1 crashed`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(50).Sample(r)} }},
		{"network/send",
			func(c *models.Config) { c.Network.Send = exp(5) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 attempt 1 service starts`).Sub(sim.Time(ms100))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(5).Sample(r)} }},
		{"network/reply",
			func(c *models.Config) { c.Network.Reply = exp(5) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 reply received`).Sub(at(t, s, `^r1 attempt 1 served`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(5).Sample(r)} }},
		{"network/loss",
			func(c *models.Config) { c.Network.Loss = 0.5 },
			// Which of the first requests fail: a request leg draws, and
			// its reply leg draws only if the request got through.
			func(t *testing.T, s []step) []sim.Duration { return outcomes(s, 8) },
			func(r *rand.Rand) []sim.Duration {
				var out []sim.Duration
				for range 8 {
					requestLost := r.Float64() < 0.5
					lost := requestLost || r.Float64() < 0.5
					out = append(out, bit(lost))
				}
				return out
			}},
		{"server/error",
			func(c *models.Config) { c.Server.Error = 0.5 },
			func(t *testing.T, s []step) []sim.Duration { return outcomes(s, 8) },
			func(r *rand.Rand) []sim.Duration {
				var out []sim.Duration
				for range 8 {
					out = append(out, bit(r.Float64() < 0.5))
				}
				return out
			}},
		{"server/service/retry",
			func(c *models.Config) {
				c.Server.Service = exp(10)
				c.Server.Error = 1
				c.Clients.Retry.Attempts = 2
			},
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 attempt 2 server error`).Sub(at(t, s, `^r1 attempt 2 service starts`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(10).Sample(r)} }},
		{"handler/time",
			func(c *models.Config) { c.Handler.Time = exp(5) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 succeeded`).Sub(at(t, s, `^r1 handler starts`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(5).Sample(r)} }},
		{"handler/error",
			func(c *models.Config) { c.Handler.Error = 0.5 },
			func(t *testing.T, s []step) []sim.Duration { return outcomes(s, 8) },
			func(r *rand.Rand) []sim.Duration {
				var out []sim.Duration
				for range 8 {
					out = append(out, bit(r.Float64() < 0.5))
				}
				return out
			}},
		{"retry/backoff",
			func(c *models.Config) {
				c.Server.Error = 1
				c.Clients.Retry = models.Retry{Attempts: 2, Backoff: exp(5), Multiplier: 1}
			},
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 attempt 2 sent`).Sub(at(t, s, `^r1 attempt 1 error reply`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(5).Sample(r)} }},
		{"broker/latency",
			func(c *models.Config) { c.Policy = models.MQ; c.Broker.Latency = exp(5) },
			func(t *testing.T, s []step) []sim.Duration {
				return []sim.Duration{at(t, s, `^r1 attempt 1 delivery 1 `).Sub(at(t, s, `^r1 attempt 1 published`))}
			},
			func(r *rand.Rand) []sim.Duration { return []sim.Duration{exp(5).Sample(r)} }},
	} {
		t.Run(c.key, func(t *testing.T) {
			cfg := scenario(models.Callback)
			c.cfg(&cfg)
			steps, _ := runSteps(t, cfg, 1, sim.Second)
			got := c.got(t, steps)
			want := c.want(distributions.NewStreams(1, 0).Stream(c.key))
			if len(want) > 2 && slices.Min(want) == slices.Max(want) {
				t.Fatalf("the stream gives %v: the case shows nothing", want)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d values, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("value %d is %v; the stream %q gives %v", i, got[i], c.key, want[i])
				}
			}
		})
	}
}

// bit is 1 for true, 0 for false.
func bit(b bool) sim.Duration {
	if b {
		return 1
	}
	return 0
}

// outcomes returns, for requests r1..rn, 1 if the request failed and 0 if
// it succeeded.
func outcomes(steps []step, n int) []sim.Duration {
	out := make([]sim.Duration, n)
	done := regexp.MustCompile(`^r(\d+) (succeeded|failed)$`)
	for _, s := range steps {
		m := done.FindStringSubmatch(s.what)
		if m == nil {
			continue
		}
		id, _ := strconv.Atoi(m[1])
		if id <= n && m[2] == "failed" {
			out[id-1] = 1
		}
	}
	return out
}
