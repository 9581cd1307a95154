package experiments

import (
	"slices"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// The keys of the resilience mechanisms (SPEC §10): on the clients and
// every call circuit_breaker, hedge, deadline and retry.budget; on
// server: and every service codel, queue_timeout, rate_limit and eject;
// on every broker ttl. Each is off until written. A section, once
// written, starts from the defaults below, the keys it writes replacing
// theirs ({} is every default); an empty one (circuit_breaker: with
// nothing after it) is not written, as crash:. They are written back in
// the resolved settings only when on, so that the settings of a model
// without them read as before they existed.

// defaultBreaker, defaultHedge, defaultBudget, defaultRateLimit and
// defaultEject are the settings of a section written without some of its
// keys: Resilience4j's breaker with a 10 s open state, gRPC's two copies,
// Finagle's RetryBudget, a burst of one token, Envoy's outlier detection
// but for max_percent. Envoy's 10% comes with "at least one host whatever
// the share", which models does not have: 10 would never eject one of
// fewer than ten instances, 50 lets one of two go (the value of SPEC §10's
// example). A breaker's min_calls left out is at most its window
// (breakerDefaults); a hedge's after and a rate limit's rate have no
// default (required).
func defaultBreaker() models.Breaker {
	return models.Breaker{FailureRate: 0.5, Window: 100, MinCalls: 20, OpenFor: 10 * sim.Second, HalfOpenCalls: 5}
}

func defaultHedge() models.Hedge { return models.Hedge{Max: 2} }

func defaultBudget() models.Budget {
	return models.Budget{Percent: 20, MinPerSecond: 10, TTL: 10 * sim.Second}
}

func defaultRateLimit() models.RateLimit { return models.RateLimit{Burst: 1} }

func defaultEject() models.Eject {
	return models.Eject{ConsecutiveErrors: 5, For: 30 * sim.Second, MaxPercent: 50}
}

// optionalF is a section held by the pointer *p(c): nil until written,
// then def() with the keys written; written back only when there.
func optionalF[T any](name string, p func(*models.Config) **T, def func() T, fs ...*field) *field {
	return &field{name: name, kind: kMap, fields: fs,
		open: func(c *models.Config) {
			if *p(c) == nil {
				v := def()
				*p(c) = &v
			}
		},
		has:  func(c *models.Config) bool { return *p(c) != nil },
		omit: func(c *models.Config) bool { return *p(c) == nil },
	}
}

// breakerF is a circuit_breaker: section.
func breakerF(p func(*models.Config) **models.Breaker) *field {
	b := func(c *models.Config) *models.Breaker { return *p(c) }
	return optionalF("circuit_breaker", p, defaultBreaker,
		probF("failure_rate", func(c *models.Config) *float64 { return &b(c).FailureRate }),
		intF("window", func(c *models.Config) *int { return &b(c).Window }),
		intF("min_calls", func(c *models.Config) *int { return &b(c).MinCalls }),
		durF("open_for", func(c *models.Config) *sim.Duration { return &b(c).OpenFor }),
		intF("half_open_calls", func(c *models.Config) *int { return &b(c).HalfOpenCalls }),
	)
}

// hedgeF is a hedge: section.
func hedgeF(p func(*models.Config) **models.Hedge) *field {
	h := func(c *models.Config) *models.Hedge { return *p(c) }
	return optionalF("hedge", p, defaultHedge,
		durF("after", func(c *models.Config) *sim.Duration { return &h(c).After }),
		intF("max", func(c *models.Config) *int { return &h(c).Max }),
	)
}

// budgetF is a retry.budget: section.
func budgetF(p func(*models.Config) **models.Budget) *field {
	b := func(c *models.Config) *models.Budget { return *p(c) }
	return optionalF("budget", p, defaultBudget,
		numF("percent", func(c *models.Config) *float64 { return &b(c).Percent }),
		numF("min_per_second", func(c *models.Config) *float64 { return &b(c).MinPerSecond }),
		durF("ttl", func(c *models.Config) *sim.Duration { return &b(c).TTL }),
	)
}

// deadlineF is the deadline: key, written back only when true.
func deadlineF(p func(*models.Config) *bool) *field {
	return &field{name: "deadline", kind: kBool, boolp: p, omit: func(c *models.Config) bool { return !*p(c) }}
}

// stationFields are the keys after queue: of server: and of every
// service: codel, queue_timeout, rate_limit and eject.
func stationFields(cd func(*models.Config) **models.Codel, qt func(*models.Config) *sim.Duration,
	rl func(*models.Config) **models.RateLimit, ej func(*models.Config) **models.Eject) []*field {
	codel := func(c *models.Config) *models.Codel { return *cd(c) }
	rate := func(c *models.Config) *models.RateLimit { return *rl(c) }
	eject := func(c *models.Config) *models.Eject { return *ej(c) }
	return []*field{
		optionalF("codel", cd, models.DefaultCodel,
			durF("target", func(c *models.Config) *sim.Duration { return &codel(c).Target }),
			durF("interval", func(c *models.Config) *sim.Duration { return &codel(c).Interval }),
		),
		zeroOmitted(durF("queue_timeout", qt)),
		optionalF("rate_limit", rl, defaultRateLimit,
			numF("rate", func(c *models.Config) *float64 { return &rate(c).Rate }),
			numF("burst", func(c *models.Config) *float64 { return &rate(c).Burst }),
		),
		optionalF("eject", ej, defaultEject,
			intF("consecutive_errors", func(c *models.Config) *int { return &eject(c).ConsecutiveErrors }),
			durF("for", func(c *models.Config) *sim.Duration { return &eject(c).For }),
			numF("max_percent", func(c *models.Config) *float64 { return &eject(c).MaxPercent }),
		),
	}
}

// zeroOmitted makes the duration key f one written back only when > 0.
func zeroOmitted(f *field) *field {
	f.omit = func(c *models.Config) bool { return *f.durp(c) == 0 }
	return f
}

// disciplineNames are the values of queue: models.Disciplines, then the
// disciplines of the resilience mechanisms it does not list yet.
func disciplineNames() []string {
	var out []string
	for _, d := range models.Disciplines {
		out = append(out, string(d))
	}
	for _, d := range []models.Discipline{models.AdaptiveLIFO, models.CoDel} {
		if !slices.Contains(out, string(d)) {
			out = append(out, string(d))
		}
	}
	return out
}

// resilienceDefaults completes the resilience settings once the model is
// read: it fills in what depends on other keys and reports the required
// keys of sections that were written without them.
func (d *decoder) resilienceDefaults() {
	c := &d.cfg
	d.breakerDefaults("model.clients", c.Clients.Breaker)
	d.required("model.clients.hedge.after", c.Clients.Hedge != nil, "the wait for a reply before the next copy is sent, e.g. hedge: {after: 50ms}")
	const rate = "tokens per second of each instance's bucket, e.g. rate_limit: {rate: 100, burst: 20}"
	if !c.Graph() {
		d.required("model.server.rate_limit.rate", c.Server.RateLimit != nil, rate)
	}
	for i := range c.Services {
		s := &c.Services[i]
		d.required("model.services."+s.Name+".rate_limit.rate", s.RateLimit != nil, rate)
	}
	eachHop(c, func(p string, h *models.Hop) {
		d.breakerDefaults(p, h.Breaker)
		d.required(p+".hedge.after", h.Hedge != nil, "the wait for a reply before the next copy is sent, e.g. hedge: {after: 50ms}")
	})
}

// breakerDefaults lowers the default min_calls of breaker b, the
// circuit_breaker of the caller at key p, to its window when that is
// smaller.
func (d *decoder) breakerDefaults(p string, b *models.Breaker) {
	if b != nil && d.blame[p+".circuit_breaker.min_calls"] == nil && b.Window >= 1 && b.MinCalls > b.Window {
		b.MinCalls = b.Window
	}
}

// codelDefaults gives server: and every service of a valid model the
// default codel settings when their queue uses them and none are
// written, so that the resolved settings show them. (Before validation
// they would add a second complaint, about codel:, to the one about a
// queue codel that cannot be used under mq.)
func (d *decoder) codelDefaults() {
	c := &d.cfg
	fill := func(q models.Discipline, cd **models.Codel) {
		if *cd == nil && (q == models.CoDel || q == models.AdaptiveLIFO) {
			v := models.DefaultCodel()
			*cd = &v
		}
	}
	if !c.Graph() {
		fill(c.Server.Queue, &c.Server.Codel)
	}
	for i := range c.Services {
		fill(c.Services[i].Queue, &c.Services[i].Codel)
	}
}

// required reports key, of a section that is there (when on), as missing
// when it was not written; what says what it is.
func (d *decoder) required(key string, on bool, what string) {
	if !on || d.blame[key] != nil || d.isBad(key) {
		return
	}
	d.l.failCode(d.blameFor(key), key, "missing (required): "+what, yamlconf.Missing)
	d.bad[key] = true
}
