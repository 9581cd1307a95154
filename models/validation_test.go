package models_test

// Statistical validation of the simulator against the closed forms of
// models/theory. Every case runs R independent replications (streams
// distributions.NewStreams(seed, r)), takes the mean of one metric over the
// replications with a 99% Student-t confidence interval, and asserts that
// the closed form lies inside it. Seeds are fixed, so the tests are
// deterministic: they never flake, and a failure means the figure moved.
//
// Each check logs one line
//
//	VALIDATION case=... metric=... theory=... estimate=... lo=... hi=...
//
// (go test -run Validation -v ./models) that can be pasted into docs.

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/models/theory"
	"github.com/asyncsim/asyncsim/sim"
)

// validationConfidence is the two-sided confidence level of every interval.
const validationConfidence = 0.99

// validationSeedShift is added to every seed of the validation cases. It is
// 0, so the tests are deterministic; a coverage study sets
// ASYNCSIM_VALIDATION_SEED_SHIFT to run them on other seeds, where each
// check should fail about 1% of the time.
var validationSeedShift = func() uint64 {
	n, _ := strconv.ParseUint(os.Getenv("ASYNCSIM_VALIDATION_SEED_SHIFT"), 10, 64)
	return n
}()

// validationRun is one validation case: a model, the seed of its
// replications and the run length, in seconds of simulated time.
type validationRun struct {
	name            string
	cfg             models.Config
	seed            uint64
	reps            int
	horizon, warmup float64 // seconds
}

// run simulates the replications, at most GOMAXPROCS at once, and returns
// their metrics in replication order.
func (v validationRun) run(t *testing.T) []models.Metrics {
	t.Helper()
	out := make([]models.Metrics, v.reps)
	errs := make([]error, v.reps)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	horizon := sim.Time(v.horizon * float64(sim.Second))
	warmup := sim.Time(v.warmup * float64(sim.Second))
	for r := range v.reps {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[r], errs[r] = models.Run(v.cfg, distributions.NewStreams(v.seed+validationSeedShift, r), horizon, warmup)
		}()
	}
	wg.Wait()
	for r, err := range errs {
		if err != nil {
			t.Fatalf("%s: replication %d: %v", v.name, r, err)
		}
	}
	return out
}

// validationCI returns the mean of xs and its two-sided Student-t
// confidence interval at level conf.
func validationCI(xs []float64, conf float64) (mean, lo, hi float64) {
	n := float64(len(xs))
	for _, x := range xs {
		mean += x
	}
	mean /= n
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / (n - 1))
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(1 - (1-conf)/2)
	half := q * sd / math.Sqrt(n)
	return mean, mean - half, mean + half
}

// validationCheck asserts that the closed form want lies in the confidence
// interval of the mean of metric over the replications ms, and logs the
// VALIDATION line. The metric is a name of models.MetricNames or a derived
// figure computed by value.
func validationCheck(t *testing.T, name, metric string, want float64, ms []models.Metrics, value func(*models.Metrics) float64) {
	t.Helper()
	validationCheckTol(t, name, metric, want, ms, value, 0)
}

// validationCheckTol is validationCheck for a metric known only within a
// relative error tol (a percentile from a sketch): it asserts that want
// lies in the interval widened by tol on either side.
func validationCheckTol(t *testing.T, name, metric string, want float64, ms []models.Metrics, value func(*models.Metrics) float64, tol float64) {
	t.Helper()
	if value == nil {
		value = func(m *models.Metrics) float64 {
			v, ok := m.Value(metric)
			if !ok {
				t.Fatalf("unknown metric %q", metric)
			}
			return v
		}
	}
	xs := make([]float64, len(ms))
	for i := range ms {
		xs[i] = value(&ms[i])
		if math.IsNaN(xs[i]) {
			t.Fatalf("%s: %s is NaN in replication %d", name, metric, i)
		}
	}
	est, lo, hi := validationCI(xs, validationConfidence)
	t.Logf("VALIDATION case=%s metric=%s theory=%.6g estimate=%.6g lo=%.6g hi=%.6g", name, metric, want, est, lo, hi)
	if math.IsNaN(want) {
		t.Errorf("%s: %s: the closed form is NaN", name, metric)
		return
	}
	lo, hi = lo-tol*math.Abs(lo), hi+tol*math.Abs(hi)
	if want < lo || want > hi {
		t.Errorf("%s: %s: theory %.6g outside the %g%% interval [%.6g, %.6g] (estimate %.6g, %d replications)",
			name, metric, want, 100*validationConfidence, lo, hi, est, len(xs))
	}
}

// validationPredict returns theory.Predict for cfg and fails unless it
// applies with the formula want.
func validationPredict(t *testing.T, cfg models.Config, want string) theory.Prediction {
	t.Helper()
	p, ok, reason := theory.Predict(cfg)
	if !ok {
		t.Fatalf("Predict refused: %s", reason)
	}
	if p.Formula != want {
		t.Fatalf("Predict formula %q, want %q", p.Formula, want)
	}
	return p
}

// validationOpen returns an open-loop model: one client with Poisson
// arrivals of the given rate per second, one server with the given service
// law, zero network and handler delays, no failures.
func validationOpen(p models.Policy, rate float64, service distributions.Dist) models.Config {
	cfg := models.DefaultConfig()
	cfg.Policy = p
	cfg.Clients.Arrival = distributions.Exponential{Scale: 1 / rate}
	cfg.Server.Service = service
	return cfg
}

func validationExp(mean float64) distributions.Dist { return distributions.Exponential{Scale: mean} }

// TestValidationMM1 checks the M/M/1 mean delay 1/(mu-lambda) and the
// server utilization rho under callback at light and heavy load.
func TestValidationMM1(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rho             float64
		reps            int
		horizon, warmup float64
	}{
		{0.5, 10, 20000, 500},
		{0.9, 10, 40000, 2000},
	} {
		name := fmt.Sprintf("M/M/1-callback-rho%.1f", c.rho)
		cfg := validationOpen(models.Callback, c.rho, validationExp(1))
		p := validationPredict(t, cfg, theory.FormulaMM1)
		if w := theory.MM1Sojourn(c.rho, 1); math.Abs(p.DelayMean-w) > 1e-12 {
			t.Fatalf("%s: Predict delay %v, MM1Sojourn %v", name, p.DelayMean, w)
		}
		ms := validationRun{name, cfg, 11, c.reps, c.horizon, c.warmup}.run(t)
		validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
		validationCheck(t, name, "server.utilization", c.rho, ms, nil)
		validationCheck(t, name, "throughput", p.Throughput, ms, nil)
		// The M/M/1 FCFS sojourn is exponential of rate mu - lambda; the
		// percentiles come from a sketch of relative error at most 1%.
		for _, q := range []float64{50, 99} {
			want := -math.Log(1-q/100) / (1 - c.rho)
			validationCheckTol(t, name, fmt.Sprintf("delay.p%g", q), want, ms, nil, 0.01)
		}
	}
}

// TestValidationMMc checks Erlang C: three workers on one server under
// callback at rho 0.8.
func TestValidationMMc(t *testing.T) {
	t.Parallel()
	const c, rho = 3, 0.8
	name := "M/M/3-callback-rho0.8"
	cfg := validationOpen(models.Callback, c*rho, validationExp(1))
	cfg.Server.Workers = c
	p := validationPredict(t, cfg, theory.FormulaMMc)
	if w := theory.MMcSojourn(c, c*rho, 1); math.Abs(p.DelayMean-w) > 1e-12 {
		t.Fatalf("Predict delay %v, MMcSojourn %v", p.DelayMean, w)
	}
	ms := validationRun{name, cfg, 12, 10, 12000, 500}.run(t)
	validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
	validationCheck(t, name, "server.utilization", rho, ms, nil)
}

// TestValidationSyncClientThreads checks sync where the client's threads
// are the only queue: one client with 3 threads, 3 server workers, so the
// client is an M/M/3 queue; its thread utilization is rho.
func TestValidationSyncClientThreads(t *testing.T) {
	t.Parallel()
	const c, rho = 3, 0.85
	name := "M/M/3-sync-client-threads-rho0.85"
	cfg := validationOpen(models.Sync, c*rho, validationExp(1))
	cfg.Clients.Threads = c
	cfg.Server.Workers = c
	p := validationPredict(t, cfg, theory.FormulaClientMMc)
	ms := validationRun{name, cfg, 13, 10, 12000, 1000}.run(t)
	validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
	validationCheck(t, name, "client.utilization", rho, ms, nil)
}

// TestValidationClosedMVA checks a closed loop of 2 clients × 3 threads
// (N = 6 users) with think time and network delays around one exponential
// worker against exact mean value analysis.
func TestValidationClosedMVA(t *testing.T) {
	t.Parallel()
	name := "closed-sync-N6-MVA"
	cfg := models.DefaultConfig()
	cfg.Policy = models.Sync
	cfg.Clients.Count = 2
	cfg.Clients.Threads = 3
	cfg.Clients.Think = validationExp(4)
	cfg.Network.Send = distributions.Uniform{Min: 0.1, Max: 0.3}
	cfg.Network.Reply = distributions.Constant{Value: 100 * sim.Millisecond}
	cfg.Server.Service = validationExp(1)
	p := validationPredict(t, cfg, theory.FormulaMVA)
	res, err := theory.MVA(6, 4+0.2+0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Throughput-res.Throughput) > 1e-12 || math.Abs(p.DelayMean-(res.Response+0.3)) > 1e-12 {
		t.Fatalf("Predict %+v disagrees with MVA %+v", p, res)
	}
	ms := validationRun{name, cfg, 14, 10, 25000, 500}.run(t)
	validationCheck(t, name, "throughput", p.Throughput, ms, nil)
	validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
	validationCheck(t, name, "server.utilization", p.Throughput*1, ms, nil)
}

// TestValidationMM1KBlocking checks M/M/1/K blocking as reliability: a
// waiting room of 4 (K = 5 in system), one attempt, offered load 1.2.
func TestValidationMM1KBlocking(t *testing.T) {
	t.Parallel()
	const k, lambda = 5, 1.2
	name := "M/M/1/5-callback-load1.2"
	cfg := validationOpen(models.Callback, lambda, validationExp(1))
	cfg.Server.Capacity = k - 1
	p := validationPredict(t, cfg, theory.FormulaMM1K)
	q, err := theory.MM1K(lambda, 1, k)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Reliability-(1-q.Blocking)) > 1e-12 {
		t.Fatalf("Predict reliability %v, 1-Pblock %v", p.Reliability, 1-q.Blocking)
	}
	ms := validationRun{name, cfg, 15, 10, 15000, 200}.run(t)
	validationCheck(t, name, "reliability", p.Reliability, ms, nil)
	validationCheck(t, name, "throughput", p.Throughput, ms, nil)
	validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
	validationCheck(t, name, "rejected/requests", q.Blocking, ms, func(m *models.Metrics) float64 {
		return m.Rejected / m.Requests
	})
}

// TestValidationRetryReliability checks retries of server errors: error
// 0.3, 3 attempts, reliability 1-0.3^3; the station is lightly loaded so
// throughput is lambda·reliability.
func TestValidationRetryReliability(t *testing.T) {
	t.Parallel()
	const e, k = 0.3, 3
	name := "retry-callback-e0.3-k3"
	cfg := validationOpen(models.Callback, 0.4, validationExp(1))
	cfg.Server.Error = e
	cfg.Clients.Retry.Attempts = k
	p := validationPredict(t, cfg, theory.FormulaMM1)
	if want := 1 - math.Pow(e, k); math.Abs(p.Reliability-want) > 1e-12 {
		t.Fatalf("Predict reliability %v, want %v", p.Reliability, want)
	}
	ms := validationRun{name, cfg, 16, 10, 25000, 200}.run(t)
	validationCheck(t, name, "reliability", p.Reliability, ms, nil)
	validationCheck(t, name, "throughput", p.Throughput, ms, nil)
	// Attempts per request: 1 + e + e^2 for k = 3.
	validationCheck(t, name, "attempts/requests", 1+e+e*e, ms, func(m *models.Metrics) float64 {
		return m.Attempts / m.Requests
	})
}

// TestValidationMQDeadLetter checks mq at-least-once: consumer error 0.4,
// max_deliveries 3, so a request fails, dead-lettered, with probability
// 0.4^3; the ack timeout is long enough that no ack is ever missed.
func TestValidationMQDeadLetter(t *testing.T) {
	t.Parallel()
	const e, m = 0.4, 3
	name := "mq-at-least-once-e0.4-max3"
	cfg := validationOpen(models.MQ, 0.3, validationExp(1))
	cfg.Server.Error = e
	cfg.Broker.MaxDeliveries = m
	cfg.Broker.AckTimeout = 100 * sim.Second
	p := validationPredict(t, cfg, theory.FormulaMQDeadLetter)
	if want := 1 - math.Pow(e, m); math.Abs(p.Reliability-want) > 1e-12 {
		t.Fatalf("Predict reliability %v, want %v", p.Reliability, want)
	}
	ms := validationRun{name, cfg, 17, 10, 40000, 200}.run(t)
	validationCheck(t, name, "reliability", p.Reliability, ms, nil)
	validationCheck(t, name, "dead_letters/requests", math.Pow(e, m), ms, func(m *models.Metrics) float64 {
		return m.DeadLetters / m.Requests
	})
	validationCheck(t, name, "throughput", p.Throughput, ms, nil)
	for i := range ms {
		if ms[i].Duplicates != 0 || ms[i].Timeouts != 0 {
			t.Errorf("replication %d: %v duplicates, %v timeouts, want none", i, ms[i].Duplicates, ms[i].Timeouts)
		}
	}
}

// TestValidationMG1 checks the Pollaczek–Khinchine mean delay with
// constant service at rho 0.9 (M/D/1) and gamma service of cv 2 at rho 0.7.
func TestValidationMG1(t *testing.T) {
	t.Parallel()
	gamma, err := distributions.NewGammaMeanCV(1, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name            string
		rho             float64
		service         distributions.Dist
		formula         string
		moment2         float64
		reps            int
		horizon, warmup float64
	}{
		{"M/D/1-callback-rho0.9", 0.9, distributions.Constant{Value: sim.Second}, theory.FormulaMD1, 1, 10, 30000, 1500},
		{"M/G/1-gamma-cv2-callback-rho0.7", 0.7, gamma, theory.FormulaMG1, 5, 20, 15000, 1000},
	} {
		cfg := validationOpen(models.Callback, c.rho, c.service)
		p := validationPredict(t, cfg, c.formula)
		if w := theory.MG1Sojourn(c.rho, 1, c.moment2); math.Abs(p.DelayMean-w) > 1e-9 {
			t.Fatalf("%s: Predict delay %v, Pollaczek–Khinchine %v", c.name, p.DelayMean, w)
		}
		ms := validationRun{c.name, cfg, 18, c.reps, c.horizon, c.warmup}.run(t)
		validationCheck(t, c.name, "delay.mean", p.DelayMean, ms, nil)
		validationCheck(t, c.name, "server.utilization", c.rho, ms, nil)
	}
}

// TestValidationLoss checks independent message loss without a timeout:
// each request fails at the first lost leg, so reliability is (1-p)^2,
// under callback and mq.
func TestValidationLoss(t *testing.T) {
	t.Parallel()
	const loss = 0.1
	for _, pol := range []models.Policy{models.Callback, models.MQ} {
		name := fmt.Sprintf("loss0.1-%s", pol)
		cfg := validationOpen(pol, 0.5, validationExp(1))
		cfg.Network.Loss = loss
		cfg.Network.Send = distributions.Uniform{Min: 0, Max: 0.2}
		cfg.Network.Reply = distributions.Uniform{Min: 0, Max: 0.2}
		p := validationPredict(t, cfg, theory.FormulaLoss)
		if want := (1 - loss) * (1 - loss); math.Abs(p.Reliability-want) > 1e-12 {
			t.Fatalf("Predict reliability %v, want %v", p.Reliability, want)
		}
		ms := validationRun{name, cfg, 20, 10, 12000, 200}.run(t)
		validationCheck(t, name, "reliability", p.Reliability, ms, nil)
		validationCheck(t, name, "throughput", p.Throughput, ms, nil)
		validationCheck(t, name, "lost/requests", loss+(1-loss)*loss, ms, func(m *models.Metrics) float64 {
			return m.Lost / m.Requests
		})
	}
}

// TestValidationDecomposedMeans checks that the three parts of the delay
// are attributed where they belong: an M/M/1 under callback at rho 0.7
// with uniform send and constant reply delays has send.mean = E[send],
// receive.mean = W + E[reply] and process.mean = 0.
func TestValidationDecomposedMeans(t *testing.T) {
	t.Parallel()
	const rho = 0.7
	name := "M/M/1-callback-rho0.7-network"
	cfg := validationOpen(models.Callback, rho, validationExp(1))
	cfg.Network.Send = distributions.Uniform{Min: 0.2, Max: 0.6}
	cfg.Network.Reply = distributions.Constant{Value: 300 * sim.Millisecond}
	p := validationPredict(t, cfg, theory.FormulaMM1)
	w := theory.MM1Sojourn(rho, 1)
	ms := validationRun{name, cfg, 21, 10, 15000, 500}.run(t)
	validationCheck(t, name, "delay.mean", p.DelayMean, ms, nil)
	validationCheck(t, name, "send.mean", 0.4, ms, nil)
	validationCheck(t, name, "receive.mean", w+0.3, ms, nil)
	validationCheck(t, name, "process.mean", 0, ms, nil)
}

// TestValidationClientLoop checks the client side (t2 → t3) as a queue of
// its own. Departures of an M/M/1 server are Poisson (Burke), so with zero
// reply delay the client's single executor is fed Poisson replies: under
// callback with exponential handler time it is a second M/M/1 in tandem
// (process.mean = 1/(1/h - lambda)); under event with two listeners of
// exponential time each it is an M/G/1 with Erlang-2 service, by
// Pollaczek–Khinchine.
func TestValidationClientLoop(t *testing.T) {
	t.Parallel()
	const lambda, service, handler = 1.0, 0.5, 0.7
	for _, c := range []struct {
		policy    models.Policy
		listeners int
		process   float64
	}{
		{models.Callback, 1, theory.MM1Sojourn(lambda, 1/handler)},
		// Erlang-2 of mean 0.7: E[S^2] = 2·0.35^2 + 0.7^2.
		{models.Event, 2, theory.MG1Sojourn(lambda, handler, 2*0.35*0.35+handler*handler)},
	} {
		name := fmt.Sprintf("tandem-M/M/1-%s-listeners%d-rho0.5-0.7", c.policy, c.listeners)
		cfg := validationOpen(c.policy, lambda, validationExp(service))
		cfg.Handler.Listeners = c.listeners
		cfg.Handler.Time = validationExp(handler / float64(c.listeners))
		ms := validationRun{name, cfg, 22, 10, 15000, 500}.run(t)
		recv := theory.MM1Sojourn(lambda, 1/service)
		validationCheck(t, name, "receive.mean", recv, ms, nil)
		validationCheck(t, name, "process.mean", c.process, ms, nil)
		validationCheck(t, name, "delay.mean", recv+c.process, ms, nil)
		validationCheck(t, name, "client.utilization", lambda*handler, ms, nil)
	}
}

// TestValidationLIFO: a non-preemptive LIFO waiting room changes the order
// of service, not the work: the M/M/1 mean sojourn is still 1/(μ − λ)
// (Kleinrock's conservation law), but the tail is much longer than FIFO's
// exponential one, whose p99 is ln(100)/(μ − λ).
func TestValidationLIFO(t *testing.T) {
	t.Parallel()
	const rho = 0.7
	name := "M/M/1-LIFO-rho0.7"
	cfg := validationOpen(models.Callback, rho, validationExp(1))
	cfg.Server.Queue = models.LIFO
	ms := validationRun{name, cfg, 11, 10, 20000, 500}.run(t)
	validationCheck(t, name, "delay.mean", 1/(1-rho), ms, nil)
	validationCheck(t, name, "server.utilization", rho, ms, nil)
	fifoP99 := math.Log(100) / (1 - rho)
	p99 := 0.0
	for _, m := range ms {
		p99 += m.DelayP99 / float64(len(ms))
	}
	t.Logf("VALIDATION case=%s metric=delay.p99 fifo_theory=%g estimate=%g", name, fifoP99, p99)
	if p99 < 1.3*fifoP99 {
		t.Errorf("LIFO p99 %v, not clearly above FIFO's %v", p99, fifoP99)
	}
}
