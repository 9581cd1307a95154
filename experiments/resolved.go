package experiments

import (
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
	"github.com/asyncsim/asyncsim/sim"
)

// resolved is an experiment with every default filled in, as recorded in
// summary.json and manifest.json. Times are in seconds, distributions as
// their descriptions ("exponential(mean=10ms)"). Model is the model of
// point 0: swept paths take their first value there.
type resolved struct {
	Name         string          `json:"name"`
	Description  string          `json:"description"`
	Seed         uint64          `json:"seed"`
	Replications int             `json:"replications"`
	Horizon      float64         `json:"horizon"`
	Warmup       float64         `json:"warmup"`
	Points       int             `json:"points"`
	Model        resolvedModel   `json:"model"`
	Sweep        []resolvedAxis  `json:"sweep"`
	Charts       []resolvedChart `json:"charts"`
}

type resolvedAxis struct {
	Path   string   `json:"path"`
	Kind   string   `json:"kind"`
	Values []string `json:"values"` // as written
}

type resolvedChart struct {
	File   string `json:"file"`
	X      string `json:"x"`
	Y      string `json:"y"`
	Series string `json:"series"`
	Title  string `json:"title"`
	LogX   bool   `json:"log_x"`
	LogY   bool   `json:"log_y"`
	Nines  bool   `json:"nines"`
}

type resolvedModel struct {
	Policy  string `json:"policy"`
	Clients struct {
		Count       int     `json:"count"`
		Arrival     *string `json:"arrival"`
		Think       *string `json:"think"`
		Threads     int     `json:"threads"`
		MaxInFlight int     `json:"max_in_flight"`
		Loops       int     `json:"loops"`
		Timeout     float64 `json:"timeout"`
		Retry       struct {
			Attempts   int     `json:"attempts"`
			Backoff    *string `json:"backoff"`
			Multiplier float64 `json:"multiplier"`
		} `json:"retry"`
	} `json:"clients"`
	Network struct {
		Send  *string `json:"send"`
		Reply *string `json:"reply"`
		Loss  float64 `json:"loss"`
	} `json:"network"`
	Server struct {
		Count    int     `json:"count"`
		Workers  int     `json:"workers"`
		Capacity int     `json:"capacity"`
		Service  *string `json:"service"`
		Error    float64 `json:"error"`
		Crash    *struct {
			Uptime   *string `json:"uptime"`
			Downtime *string `json:"downtime"`
		} `json:"crash"`
	} `json:"server"`
	Handler struct {
		Time      *string `json:"time"`
		Error     float64 `json:"error"`
		Listeners int     `json:"listeners"`
	} `json:"handler"`
	Broker struct {
		Capacity      int     `json:"capacity"`
		Latency       *string `json:"latency"`
		Delivery      string  `json:"delivery"`
		AckTimeout    float64 `json:"ack_timeout"`
		MaxDeliveries int     `json:"max_deliveries"`
	} `json:"broker"`
}

// resolveExperiment returns the resolved form of exp.
func resolveExperiment(exp *Experiment) resolved {
	r := resolved{
		Name: exp.Name, Description: exp.Description, Seed: exp.Seed,
		Replications: exp.Replications, Horizon: exp.Horizon.Seconds(), Warmup: exp.Warmup.Seconds(),
		Points: len(exp.Points), Sweep: []resolvedAxis{}, Charts: []resolvedChart{},
	}
	if len(exp.Points) > 0 {
		r.Model = resolveModel(exp.Points[0].Model)
	}
	for _, a := range exp.Sweep {
		ra := resolvedAxis{Path: a.Path, Kind: a.Kind.String()}
		for _, v := range a.Values {
			ra.Values = append(ra.Values, v.Text)
		}
		r.Sweep = append(r.Sweep, ra)
	}
	for _, s := range exp.Charts {
		file := s.File
		if file == "" {
			file = defaultChartFile(s.Y)
		}
		r.Charts = append(r.Charts, resolvedChart{file, s.X, s.Y, s.Series, s.Title, s.LogX, s.LogY, s.Nines})
	}
	return r
}

// specs returns the charts of r.
func (r *resolved) specs() []plots.Spec {
	out := make([]plots.Spec, len(r.Charts))
	for i, c := range r.Charts {
		out[i] = plots.Spec{File: c.File, X: c.X, Y: c.Y, Series: c.Series, Title: c.Title, LogX: c.LogX, LogY: c.LogY, Nines: c.Nines}
	}
	return out
}

// swept returns the swept paths of r and which of them are durations.
func (r *resolved) swept() (paths []string, durations map[string]bool, strings map[string]bool) {
	durations, strings = map[string]bool{}, map[string]bool{}
	for _, a := range r.Sweep {
		paths = append(paths, a.Path)
		durations[a.Path] = a.Kind == KindDuration.String()
		strings[a.Path] = a.Kind == KindString.String()
	}
	return paths, durations, strings
}

func resolveModel(c models.Config) resolvedModel {
	var m resolvedModel
	m.Policy = string(c.Policy)
	cl := &m.Clients
	cl.Count, cl.Arrival, cl.Think = c.Clients.Count, distText(c.Clients.Arrival), distText(c.Clients.Think)
	cl.Threads, cl.MaxInFlight, cl.Loops = c.Clients.Threads, c.Clients.MaxInFlight, c.Clients.Loops
	cl.Timeout = seconds(c.Clients.Timeout)
	cl.Retry.Attempts, cl.Retry.Backoff, cl.Retry.Multiplier = c.Clients.Retry.Attempts, distText(c.Clients.Retry.Backoff), c.Clients.Retry.Multiplier
	m.Network.Send, m.Network.Reply, m.Network.Loss = distText(c.Network.Send), distText(c.Network.Reply), c.Network.Loss
	s := &m.Server
	s.Count, s.Workers, s.Capacity, s.Service, s.Error = c.Server.Count, c.Server.Workers, c.Server.Capacity, distText(c.Server.Service), c.Server.Error
	if c.Server.Crash != nil {
		s.Crash = &struct {
			Uptime   *string `json:"uptime"`
			Downtime *string `json:"downtime"`
		}{distText(c.Server.Crash.Uptime), distText(c.Server.Crash.Downtime)}
	}
	m.Handler.Time, m.Handler.Error, m.Handler.Listeners = distText(c.Handler.Time), c.Handler.Error, c.Handler.Listeners
	b := &m.Broker
	b.Capacity, b.Latency, b.Delivery = c.Broker.Capacity, distText(c.Broker.Latency), string(c.Broker.Delivery)
	b.AckTimeout, b.MaxDeliveries = seconds(c.Broker.AckTimeout), c.Broker.MaxDeliveries
	return m
}

func distText(d distributions.Dist) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

func seconds(d sim.Duration) float64 { return d.Seconds() }

// defaultChartFile is the file plots draws a chart of y to when none is
// given: "delay_p99.png".
func defaultChartFile(y string) string {
	b := []byte(y)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b) + ".png"
}
