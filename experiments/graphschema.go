package experiments

import (
	"strconv"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// The keys of a service graph depend on the file: its services are named
// there, and each one's calls: is a list whose items are single calls or
// parallel groups. The model schema of a file is therefore built from the
// shape of its graph (graphShape, read by shapeOfTree): the names of its
// services in the order written and the form of every item of their
// calls. A sweep sets single values only, so every point of an experiment
// has the shape of the file, and with it the same output columns.

// graphShape is the shape of a service graph, one entry per service; nil
// for a model without services.
type graphShape []serviceShape

// serviceShape is a service's name and the form of the items of its
// calls: single for a call, n >= 0 for a parallel group of n calls.
type serviceShape struct {
	name  string
	steps []int
}

// single marks an item of calls: that is one call.
const single = -1

// shapeOfConfig returns the shape of the graph of c.
func shapeOfConfig(c *models.Config) graphShape {
	var out graphShape
	for _, s := range c.Services {
		ss := serviceShape{name: s.Name}
		for _, st := range s.Calls {
			if st.Parallel {
				ss.steps = append(ss.steps, len(st.Hops))
			} else {
				ss.steps = append(ss.steps, single)
			}
		}
		out = append(out, ss)
	}
	return out
}

// defaults returns the services of the shape with every default of the
// experiment format; the network of their calls is filled in later, from
// the model's (decoder.graphDefaults).
func (g graphShape) defaults() []models.Service {
	out := make([]models.Service, len(g))
	for i, s := range g {
		out[i] = models.DefaultService(s.name)
		for _, n := range s.steps {
			st := models.Step{Hops: []models.Hop{models.DefaultHop("", models.Network{})}}
			if n != single {
				st = models.Step{Parallel: true, Hops: make([]models.Hop, n)}
				for h := range st.Hops {
					st.Hops[h] = models.DefaultHop("", models.Network{})
				}
			}
			out[i].Calls = append(out[i].Calls, st)
		}
	}
	return out
}

// serviceField is the section of the i-th service, of shape s.
func serviceField(i int, s serviceShape) *field {
	sv := func(c *models.Config) *models.Service { return &c.Services[i] }
	calls := &field{name: "calls", kind: kList}
	for k, n := range s.steps {
		name := strconv.Itoa(k)
		if n == single {
			calls.fields = append(calls.fields, hopField(name, func(c *models.Config) *models.Hop { return &c.Services[i].Calls[k].Hops[0] }))
			continue
		}
		par := &field{name: "parallel", kind: kList}
		for h := range n {
			par.fields = append(par.fields, hopField(strconv.Itoa(h), func(c *models.Config) *models.Hop { return &c.Services[i].Calls[k].Hops[h] }))
		}
		calls.fields = append(calls.fields, section(name, par, waitField(func(c *models.Config) *models.Step { return &c.Services[i].Calls[k] })))
	}
	f := section(s.name,
		intF("instances", func(c *models.Config) *int { return &sv(c).Instances }),
		intF("workers", func(c *models.Config) *int { return &sv(c).Workers }),
		intF("capacity", func(c *models.Config) *int { return &sv(c).Capacity }),
		distF("service", func(c *models.Config) *distributions.Dist { return &sv(c).Service }),
		probF("error", func(c *models.Config) *float64 { return &sv(c).Error }),
		crashF(func(c *models.Config) **models.Crash { return &sv(c).Crash }),
		enumF("balance", balanceNames(),
			func(c *models.Config, s string) { sv(c).Balance = models.Balance(s) },
			func(c *models.Config) string { return string(sv(c).Balance) }),
		enumF("queue", disciplineNames(),
			func(c *models.Config, s string) { sv(c).Queue = models.Discipline(s) },
			func(c *models.Config) string { return string(sv(c).Queue) }),
	)
	f.fields = append(f.fields, stationFields(
		func(c *models.Config) **models.Codel { return &sv(c).Codel },
		func(c *models.Config) *sim.Duration { return &sv(c).QueueTimeout },
		func(c *models.Config) **models.RateLimit { return &sv(c).RateLimit },
		func(c *models.Config) **models.Eject { return &sv(c).Eject })...)
	f.fields = append(f.fields, brokerF(func(c *models.Config) *models.Broker { return &sv(c).Broker }), calls)
	return f
}

// hopPolicies are the policies of a call between services.
var hopPolicies = []string{string(models.Sync), string(models.Callback), string(models.MQ)}

// hopField is the section of one call, held at hp(c).
func hopField(name string, hp func(*models.Config) *models.Hop) *field {
	return section(name,
		&field{name: "to", kind: kText, fixed: true, want: "the name of a service",
			text: func(c *models.Config, s string) string { hp(c).To = s; return "" },
			getv: func(c *models.Config) any { return hp(c).To }},
		enumF("policy", hopPolicies,
			func(c *models.Config, s string) { hp(c).Policy = models.Policy(s) },
			func(c *models.Config) string { return string(hp(c).Policy) }),
		durF("timeout", func(c *models.Config) *sim.Duration { return &hp(c).Timeout }),
		retryF(func(c *models.Config) *models.Retry { return &hp(c).Retry }),
		breakerF(func(c *models.Config) **models.Breaker { return &hp(c).Breaker }),
		hedgeF(func(c *models.Config) **models.Hedge { return &hp(c).Hedge }),
		deadlineF(func(c *models.Config) *bool { return &hp(c).Deadline }),
		enumF("on_error", []string{string(models.Fail), string(models.Ignore)},
			func(c *models.Config, s string) { hp(c).OnError = models.OnError(s) },
			func(c *models.Config) string { return string(hp(c).OnError) }),
		networkF(func(c *models.Config) *models.Network { return &hp(c).Network }),
		&field{name: "reply", kind: kBool, boolp: func(c *models.Config) *bool { return &hp(c).Reply }},
	)
}

// waitField is the wait: key of a parallel group: all, any or a number of
// calls that must succeed.
func waitField(sp func(*models.Config) *models.Step) *field {
	return &field{name: "wait", kind: kText, want: "all, any or a number of calls",
		text: func(c *models.Config, s string) string {
			switch s {
			case "all":
				sp(c).Wait = 0
			case "any":
				sp(c).Wait = 1
			default:
				k, err := strconv.Atoi(s)
				if err != nil || k < 1 {
					return "must be all, any or a number of calls >= 1, got " + show(s)
				}
				sp(c).Wait = min(k, maxCount)
			}
			return ""
		},
		getv: func(c *models.Config) any {
			switch w := sp(c).Wait; w {
			case 0:
				return "all"
			case 1:
				return "any"
			default:
				return w
			}
		}}
}

func enumF(name string, choices []string, set func(*models.Config, string), get func(*models.Config) string) *field {
	return &field{name: name, kind: kEnum, choices: choices, setp: set, getp: get}
}

func balanceNames() []string {
	out := make([]string, len(models.Balances))
	for i, b := range models.Balances {
		out[i] = string(b)
	}
	return out
}
