package theory_test

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
	"github.com/asyncsim/asyncsim/sim"
)

// expo returns the exponential distribution of mean seconds.
func expo(mean float64) distributions.Dist { return distributions.Exponential{Scale: mean} }

// constant returns the constant distribution of s seconds.
func constant(s float64) distributions.Dist { return distributions.Constant{Value: sim.Seconds(s)} }

// openLoop returns a callback open loop of Poisson rate lambda (one client)
// in front of one exponential worker of mean service.
func openLoop(lambda, service float64) models.Config {
	cfg := models.DefaultConfig()
	cfg.Clients.Arrival = expo(1 / lambda)
	cfg.Server.Service = expo(service)
	return cfg
}

// want is an expected prediction; NaN fields must be NaN.
type want struct {
	formula                        string
	delay, throughput, reliability float64
}

// check asserts that cfg is predicted as w.
func check(t *testing.T, cfg models.Config, w want) {
	t.Helper()
	p, ok, reason := theory.Predict(cfg)
	if !ok {
		t.Fatalf("refused: %s", reason)
	}
	if reason != "" {
		t.Errorf("reason %q with ok", reason)
	}
	if p.Formula != w.formula {
		t.Errorf("formula %q, want %q", p.Formula, w.formula)
	}
	same := func(what string, got, exp float64) {
		if math.IsNaN(exp) != math.IsNaN(got) || (!math.IsNaN(exp) && math.Abs(got-exp) > 1e-9*math.Max(1, math.Abs(exp))) {
			t.Errorf("%s = %g, want %g", what, got, exp)
		}
	}
	same("DelayMean", p.DelayMean, w.delay)
	same("Throughput", p.Throughput, w.throughput)
	same("Reliability", p.Reliability, w.reliability)
}

// refused asserts that cfg is refused with a reason.
func refused(t *testing.T, cfg models.Config) {
	t.Helper()
	p, ok, reason := theory.Predict(cfg)
	if ok || reason == "" {
		t.Fatalf("Predict = %+v, %v, %q; want a refusal with a reason", p, ok, reason)
	}
	t.Logf("reason: %s", reason)
}

var nan = math.NaN()

func TestPredictMM1(t *testing.T) {
	cfg := openLoop(10, 0.05) // rho 0.5, W = 1/(20-10)
	cfg.Network.Send = constant(0.001)
	cfg.Network.Reply = expo(0.002)
	check(t, cfg, want{"M/M/1", 0.1 + 0.003, 10, 1})
}

func TestPredictMMcEvent(t *testing.T) {
	// Three clients of rate 0.5 superpose to lambda = 1.5; c = 2, mu = 1:
	// Wq = 9/7 (Erlang C 9/14), W = 16/7.
	cfg := openLoop(0.5, 1)
	cfg.Policy = models.Event
	cfg.Clients.Count = 3
	cfg.Server.Workers = 2
	cfg.Handler.Listeners = 3
	check(t, cfg, want{"M/M/c", 16.0 / 7, 1.5, 1})
	// Every listener run fails on its own under event.
	cfg.Handler.Error = 0.1
	check(t, cfg, want{"M/M/c", 16.0 / 7, 1.5 * 0.729, 0.729})
	cfg.Handler.Listeners = 1
	cfg.Handler.Error = 0.1
	check(t, cfg, want{"M/M/c", 16.0 / 7, 1.5 * 0.9, 0.9})
}

func TestPredictMM1ServerErrorNoRetry(t *testing.T) {
	cfg := openLoop(10, 0.05)
	cfg.Server.Error = 0.2
	check(t, cfg, want{"M/M/1", 0.1, 10 * 0.8, 0.8})
}

func TestPredictMM1Retries(t *testing.T) {
	cfg := openLoop(10, 0.05)
	cfg.Server.Error = 0.2
	cfg.Clients.Retry.Attempts = 3
	cfg.Handler.Error = 0.1
	rel := (1 - 0.2*0.2*0.2) * 0.9
	check(t, cfg, want{"M/M/1", nan, 10 * rel, rel})
}

func TestPredictMD1(t *testing.T) {
	cfg := openLoop(10, 0.05)
	cfg.Server.Service = constant(0.05) // rho 0.5: Wq = rho/(2 mu (1-rho)) = 0.025
	check(t, cfg, want{"M/D/1", 0.075, 10, 1})
}

func TestPredictMG1(t *testing.T) {
	cfg := openLoop(10, 0.05)
	cfg.Server.Service = distributions.Uniform{Min: 0, Max: 0.1} // E[S²] = 0.01/3
	check(t, cfg, want{"M/G/1", 10*(0.01/3)/(2*0.5) + 0.05, 10, 1})
}

func TestPredictMM1K(t *testing.T) {
	// rho = 1, K = 3 in system: P(block) = 1/4, L = 3/2, X = 7.5, W = 0.2.
	cfg := openLoop(10, 0.1)
	cfg.Server.Capacity = 2
	cfg.Network.Send = constant(0.01)
	cfg.Server.Error = 0.1
	rel := 0.75 * 0.9
	check(t, cfg, want{"M/M/1/K", 0.2 + 0.01, 10 * rel, rel})
}

func TestPredictClientThreads(t *testing.T) {
	// One sync client, 2 threads, lambda 1.5, mu 1: M/M/2, W = 16/7.
	cfg := openLoop(1.5, 1)
	cfg.Policy = models.Sync
	cfg.Clients.Threads = 2
	cfg.Server.Workers = 2
	check(t, cfg, want{"M/M/c (client threads)", 16.0 / 7, 1.5, 1})
	// Two such clients, each its own M/M/2, behind 4 workers on 2 servers.
	cfg.Clients.Count = 2
	cfg.Server.Count = 2
	cfg.Server.Workers = 4
	cfg.Handler.Error = 0.5
	check(t, cfg, want{"M/M/c (client threads)", 16.0 / 7, 1.5, 0.5})
}

func TestPredictMVA(t *testing.T) {
	// N = 2, Z = 0.5 + 0.25 + 0.25 = 1, S = 1: R = 1.5, X = 0.8.
	cfg := models.DefaultConfig()
	cfg.Policy = models.Sync
	cfg.Clients.Threads = 2
	cfg.Clients.Think = constant(0.5)
	cfg.Network.Send = constant(0.25)
	cfg.Network.Reply = expo(0.25)
	cfg.Server.Service = expo(1)
	check(t, cfg, want{"MVA", 1.5 + 0.5, 0.8, 1})
	// N = 1: X = 1/(Z+S); a handler error fails a request but keeps the cycle.
	cfg.Clients.Threads = 1
	cfg.Handler.Time = constant(1)
	cfg.Handler.Error = 0.25
	check(t, cfg, want{"MVA", 1 + 1.5, 0.75 / 3, 0.75})
}

func TestPredictMQDeadLetter(t *testing.T) {
	// Two servers of one worker pool into M/M/2: lambda 1.5, mu 1, W = 16/7.
	cfg := openLoop(1.5, 1)
	cfg.Policy = models.MQ
	cfg.Server.Count = 2
	cfg.Broker.Latency = constant(0.1)
	cfg.Network.Reply = constant(0.2)
	check(t, cfg, want{"mq dead-letter", 16.0/7 + 0.3, 1.5, 1})
	cfg.Server.Capacity = 3 // plays no part under mq: the broker holds the messages
	check(t, cfg, want{"mq dead-letter", 16.0/7 + 0.3, 1.5, 1})

	cfg = openLoop(0.5, 0.01)
	cfg.Policy = models.MQ
	cfg.Server.Error = 0.5
	cfg.Broker.MaxDeliveries = 3
	cfg.Handler.Error = 0.2
	rel := (1 - 0.125) * 0.8
	check(t, cfg, want{"mq dead-letter", nan, 0.5 * rel, rel})
}

func TestPredictMQAtMostOnce(t *testing.T) {
	cfg := openLoop(10, 0.05)
	cfg.Policy = models.MQ
	cfg.Broker.Delivery = models.AtMostOnce
	cfg.Server.Error = 0.1
	cfg.Handler.Error = 0.2
	rel := 0.9 * 0.8
	check(t, cfg, want{"mq at-most-once", 0.1, 10 * rel, rel})
}

func TestPredictLoss(t *testing.T) {
	for _, policy := range []models.Policy{models.Callback, models.Event, models.MQ} {
		cfg := openLoop(10, 0.05)
		cfg.Policy = policy
		cfg.Clients.Arrival = distributions.Uniform{Min: 0, Max: 0.2}
		cfg.Server.Service = distributions.Uniform{Min: 0, Max: 0.1}
		cfg.Server.Count = 3
		cfg.Network.Loss = 0.1
		cfg.Handler.Error = 0.5
		rel := 0.9 * 0.9 * 0.5
		t.Run(string(policy), func(t *testing.T) { check(t, cfg, want{"loss", nan, 10 * rel, rel}) })
	}
	// Saturated server: reliability still exact, throughput not given.
	cfg := openLoop(10, 0.2)
	cfg.Network.Loss = 0.1
	check(t, cfg, want{"loss", nan, nan, 0.81})
}

func TestPredictRefusals(t *testing.T) {
	logn, err := distributions.NewLogNormalMeanCV(0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	pareto, err := distributions.NewPareto(1.5, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(*models.Config){
		"server count > 1 round robin": func(c *models.Config) { c.Server.Count = 2 },
		"lognormal arrivals":           func(c *models.Config) { c.Clients.Arrival = logn },
		"timeout set":                  func(c *models.Config) { c.Clients.Timeout = sim.Second },
		"timeout set with loss": func(c *models.Config) {
			c.Clients.Timeout = sim.Second
			c.Network.Loss = 0.1
		},
		"crash set": func(c *models.Config) {
			c.Server.Crash = &models.Crash{Uptime: expo(10), Downtime: expo(1)}
		},
		"rho >= 1": func(c *models.Config) { c.Clients.Arrival = expo(0.05) },
		"rho >= 1 through retries": func(c *models.Config) {
			c.Server.Error = 0.5
			c.Clients.Retry.Attempts = 3
			c.Clients.Arrival = expo(0.06)
		},
		"handler time under callback":       func(c *models.Config) { c.Handler.Time = constant(0.001) },
		"max in flight":                     func(c *models.Config) { c.Clients.MaxInFlight = 4 },
		"M/G/c":                             func(c *models.Config) { c.Server.Service = constant(0.05); c.Server.Workers = 2 },
		"infinite second moment":            func(c *models.Config) { c.Server.Service = pareto },
		"M/M/c/K":                           func(c *models.Config) { c.Server.Capacity = 3; c.Server.Workers = 2 },
		"M/G/1/K":                           func(c *models.Config) { c.Server.Capacity = 3; c.Server.Service = constant(0.05) },
		"capacity with retries":             func(c *models.Config) { c.Server.Capacity = 3; c.Clients.Retry.Attempts = 2 },
		"sync open loop with network delay": func(c *models.Config) { c.Policy = models.Sync; c.Network.Send = constant(0.001) },
		"sync open loop, server queues":     func(c *models.Config) { c.Policy = models.Sync; c.Clients.Threads = 2 },
		"closed loop under callback":        func(c *models.Config) { c.Clients.Arrival = nil; c.Clients.Think = expo(1) },
		"closed loop with two workers": func(c *models.Config) {
			c.Policy = models.Sync
			c.Clients.Arrival, c.Clients.Think = nil, expo(1)
			c.Server.Workers = 2
		},
		"closed loop with loss": func(c *models.Config) {
			c.Policy = models.Sync
			c.Clients.Arrival, c.Clients.Think = nil, expo(1)
			c.Network.Loss = 0.01
		},
		"mq broker capacity":     func(c *models.Config) { c.Policy = models.MQ; c.Broker.Capacity = 10 },
		"mq short ack timeout":   func(c *models.Config) { c.Policy = models.MQ; c.Broker.AckTimeout = 100 * sim.Millisecond },
		"mq retries on errors":   func(c *models.Config) { c.Policy = models.MQ; c.Server.Error = 0.1; c.Clients.Retry.Attempts = 2 },
		"mq constant service":    func(c *models.Config) { c.Policy = models.MQ; c.Server.Service = constant(0.05) },
		"loss with server error": func(c *models.Config) { c.Network.Loss = 0.1; c.Server.Error = 0.1 },
		"loss under sync":        func(c *models.Config) { c.Network.Loss = 0.1; c.Policy = models.Sync },
		"loss with window":       func(c *models.Config) { c.Network.Loss = 0.1; c.Clients.MaxInFlight = 8 },
		"no service":             func(c *models.Config) { c.Server.Service = nil },
		"arrival and think":      func(c *models.Config) { c.Clients.Think = expo(1) },
		"probability above 1":    func(c *models.Config) { c.Network.Loss = 1.5 },
	}
	for label, edit := range cases {
		t.Run(label, func(t *testing.T) {
			cfg := openLoop(10, 0.05)
			edit(&cfg)
			refused(t, cfg)
		})
	}
}
