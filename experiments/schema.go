package experiments

import (
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// kind is how a key of the model is written.
type kind int

const (
	kMap      kind = iota // a section of further keys
	kInt                  // a whole number
	kNumber               // a plain number
	kProb                 // a probability
	kDuration             // a duration
	kDist                 // a distribution
	kEnum                 // one of a list of words
	kList                 // a list whose items are the fields, named "0", "1", ...
	kBool                 // true or false
	kText                 // a word read by text
)

// maxCount bounds every whole number of the model (counts, capacities):
// larger values would exhaust memory before they were useful.
const maxCount = 1_000_000

// field is a key of the model schema and how to store its value.
type field struct {
	name    string
	kind    kind
	fields  []*field // kMap
	choices []string // kEnum

	intp  func(*models.Config) *int
	nump  func(*models.Config) *float64
	durp  func(*models.Config) *sim.Duration
	distp func(*models.Config) *distributions.Dist
	setp  func(*models.Config, string) // kEnum
	getp  func(*models.Config) string  // kEnum
	open  func(*models.Config)         // kMap: called when the section is written; may be called again
	has   func(*models.Config) bool    // kMap: whether a section that may be absent (crash) is there
	boolp func(*models.Config) *bool   // kBool
	// kText: text stores a value, or says what is wrong with it; want
	// says what is expected; getv returns the value to write back.
	text func(*models.Config, string) string
	want string
	getv func(*models.Config) any
	// omit reports whether a model has no such key (server: in a model
	// with services), so that it is not written back.
	omit func(*models.Config) bool
	// fixed keys cannot be swept: they name services or calls, whose
	// output columns must be the same at every point.
	fixed bool
}

func section(name string, fs ...*field) *field { return &field{name: name, kind: kMap, fields: fs} }

func intF(name string, p func(*models.Config) *int) *field {
	return &field{name: name, kind: kInt, intp: p}
}

func numF(name string, p func(*models.Config) *float64) *field {
	return &field{name: name, kind: kNumber, nump: p}
}

func probF(name string, p func(*models.Config) *float64) *field {
	return &field{name: name, kind: kProb, nump: p}
}

func durF(name string, p func(*models.Config) *sim.Duration) *field {
	return &field{name: name, kind: kDuration, durp: p}
}

func distF(name string, p func(*models.Config) *distributions.Dist) *field {
	return &field{name: name, kind: kDist, distp: p}
}

// modelSchema is every key accepted under model: in a file without
// services. A file with services: reads its own (schemaFor), which adds
// one section per service.
var modelSchema = schemaFor(nil)

// schemaFor returns the model schema of a file whose service graph has
// the given shape: the keys of every model, and under services one
// section per service.
func schemaFor(shape graphShape) *field {
	services := &field{name: "services", kind: kMap, omit: oneTier}
	for i := range shape {
		services.fields = append(services.fields, serviceField(i, shape[i]))
	}
	return section("model",
		&field{name: "policy", kind: kEnum, choices: policyNames(),
			setp: func(c *models.Config, s string) { c.Policy = models.Policy(s) },
			getp: func(c *models.Config) string { return string(c.Policy) }},
		section("clients",
			intF("count", func(c *models.Config) *int { return &c.Clients.Count }),
			distF("arrival", func(c *models.Config) *distributions.Dist { return &c.Clients.Arrival }),
			distF("think", func(c *models.Config) *distributions.Dist { return &c.Clients.Think }),
			intF("threads", func(c *models.Config) *int { return &c.Clients.Threads }),
			intF("max_in_flight", func(c *models.Config) *int { return &c.Clients.MaxInFlight }),
			durF("max_wait", func(c *models.Config) *sim.Duration { return &c.Clients.MaxWait }),
			intF("loops", func(c *models.Config) *int { return &c.Clients.Loops }),
			durF("timeout", func(c *models.Config) *sim.Duration { return &c.Clients.Timeout }),
			retryF(func(c *models.Config) *models.Retry { return &c.Clients.Retry }),
			breakerF(func(c *models.Config) **models.Breaker { return &c.Clients.Breaker }),
			hedgeF(func(c *models.Config) **models.Hedge { return &c.Clients.Hedge }),
			deadlineF(func(c *models.Config) *bool { return &c.Clients.Deadline }),
			profileF(),
			repeatF(),
			&field{name: "calls", kind: kText, fixed: true, omit: oneTier, want: "the name of a service",
				text: func(c *models.Config, s string) string { c.Clients.Calls = s; return "" },
				getv: func(c *models.Config) any { return c.Clients.Calls }},
		),
		networkF(func(c *models.Config) *models.Network { return &c.Network }),
		withOmit(serverF(), graph),
		section("handler",
			distF("time", func(c *models.Config) *distributions.Dist { return &c.Handler.Time }),
			probF("error", func(c *models.Config) *float64 { return &c.Handler.Error }),
			intF("listeners", func(c *models.Config) *int { return &c.Handler.Listeners }),
		),
		withOmit(brokerF(func(c *models.Config) *models.Broker { return &c.Broker }), graph),
		services,
	)
}

// serverF is the server: section of a model without services.
func serverF() *field {
	f := section("server",
		intF("count", func(c *models.Config) *int { return &c.Server.Count }),
		intF("workers", func(c *models.Config) *int { return &c.Server.Workers }),
		intF("capacity", func(c *models.Config) *int { return &c.Server.Capacity }),
		distF("service", func(c *models.Config) *distributions.Dist { return &c.Server.Service }),
		probF("error", func(c *models.Config) *float64 { return &c.Server.Error }),
		crashF(func(c *models.Config) **models.Crash { return &c.Server.Crash }),
		enumF("queue", disciplineNames(),
			func(c *models.Config, s string) { c.Server.Queue = models.Discipline(s) },
			func(c *models.Config) string { return string(c.Server.Queue) }),
	)
	f.fields = append(f.fields, stationFields(
		func(c *models.Config) **models.Codel { return &c.Server.Codel },
		func(c *models.Config) *sim.Duration { return &c.Server.QueueTimeout },
		func(c *models.Config) **models.RateLimit { return &c.Server.RateLimit },
		func(c *models.Config) **models.Eject { return &c.Server.Eject })...)
	return f
}

// graph and oneTier tell which keys a model does not have when its
// settings are written back: server: and broker: belong to a model
// without services, services: and clients.calls to one with.
func graph(c *models.Config) bool   { return c.Graph() }
func oneTier(c *models.Config) bool { return !c.Graph() }

func withOmit(f *field, omit func(*models.Config) bool) *field {
	f.omit = omit
	return f
}

func retryF(p func(*models.Config) *models.Retry) *field {
	return section("retry",
		intF("attempts", func(c *models.Config) *int { return &p(c).Attempts }),
		distF("backoff", func(c *models.Config) *distributions.Dist { return &p(c).Backoff }),
		numF("multiplier", func(c *models.Config) *float64 { return &p(c).Multiplier }),
		durF("max_backoff", func(c *models.Config) *sim.Duration { return &p(c).MaxBackoff }),
		enumF("jitter", jitterNames(),
			func(c *models.Config, s string) { p(c).Jitter = models.Jitter(s) },
			func(c *models.Config) string { return string(p(c).Jitter) }),
		budgetF(func(c *models.Config) **models.Budget { return &p(c).Budget }),
	)
}

func jitterNames() []string {
	out := make([]string, len(models.Jitters))
	for i, j := range models.Jitters {
		out[i] = string(j)
	}
	return out
}

func networkF(p func(*models.Config) *models.Network) *field {
	return section("network",
		distF("send", func(c *models.Config) *distributions.Dist { return &p(c).Send }),
		distF("reply", func(c *models.Config) *distributions.Dist { return &p(c).Reply }),
		probF("loss", func(c *models.Config) *float64 { return &p(c).Loss }),
	)
}

// crashF is an optional crash: section, held by the pointer *p(c).
func crashF(p func(*models.Config) **models.Crash) *field {
	return &field{name: "crash", kind: kMap, open: func(c *models.Config) {
		if *p(c) == nil {
			*p(c) = &models.Crash{}
		}
	},
		has: func(c *models.Config) bool { return *p(c) != nil },
		fields: []*field{
			distF("uptime", func(c *models.Config) *distributions.Dist { return &(*p(c)).Uptime }),
			distF("downtime", func(c *models.Config) *distributions.Dist { return &(*p(c)).Downtime }),
		}}
}

func brokerF(p func(*models.Config) *models.Broker) *field {
	return section("broker",
		intF("capacity", func(c *models.Config) *int { return &p(c).Capacity }),
		distF("latency", func(c *models.Config) *distributions.Dist { return &p(c).Latency }),
		&field{name: "delivery", kind: kEnum,
			choices: []string{string(models.AtLeastOnce), string(models.AtMostOnce)},
			setp:    func(c *models.Config, s string) { p(c).Delivery = models.Delivery(s) },
			getp:    func(c *models.Config) string { return string(p(c).Delivery) }},
		durF("ack_timeout", func(c *models.Config) *sim.Duration { return &p(c).AckTimeout }),
		intF("max_deliveries", func(c *models.Config) *int { return &p(c).MaxDeliveries }),
		zeroOmitted(durF("ttl", func(c *models.Config) *sim.Duration { return &p(c).TTL })),
	)
}

func policyNames() []string {
	out := make([]string, len(models.Policies))
	for i, p := range models.Policies {
		out[i] = string(p)
	}
	return out
}

// child returns the field called name of section f, or nil.
func (f *field) child(name string) *field {
	for _, c := range f.fields {
		if c.name == name {
			return c
		}
	}
	return nil
}

// names lists the keys of section f.
func (f *field) names() []string {
	out := make([]string, len(f.fields))
	for i, c := range f.fields {
		out[i] = c.name
	}
	return out
}

// distParams maps every parameter of every distribution to the kind of
// its values, as distributions.Params says; list parameters (means,
// probs, values) cannot be swept and are left out. "dist" itself is a
// word.
var distParams = map[string]Kind{"dist": KindString}

// distParamNames lists the keys of distParams in the order of the docs.
var distParamNames = []string{"dist"}

// listParams are the distribution parameters whose values are lists.
var listParams []string

func init() {
	for _, p := range distributions.Params() {
		k := KindString
		switch p.Kind {
		case distributions.ParamDurations, distributions.ParamNumbers:
			listParams = append(listParams, p.Name)
			continue
		case distributions.ParamDuration:
			k = KindDuration
		case distributions.ParamNumber:
			k = KindNumber
		case distributions.ParamInt:
			k = KindInteger
		}
		distParams[p.Name] = k
		distParamNames = append(distParamNames, p.Name)
	}
}
