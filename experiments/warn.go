package experiments

import (
	"fmt"
	"math"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/models"
)

// warnings records the problems of a valid experiment that leave its runs
// meaningful but suspicious: offered load at or above capacity with a
// queue that nothing bounds, so the backlog grows for the whole run and
// the results depend on the horizon.
func (l *loader) warnings(exp *Experiment, axes []sweepAxis) {
	for _, p := range exp.Points {
		msg := overload(p.Model)
		if msg == "" {
			continue
		}
		at, key := l.modelKey, "model"
		if len(axes) > 0 {
			msg = fmt.Sprintf("point %d (%s): %s", p.Index, describePoint(exp.Sweep, p), msg)
			v := p.Values[0]
			at, key = &yaml.Node{Line: v.Line, Column: v.Column}, axes[0].Path
		}
		l.warn(at, key, msg)
	}
}

// describePoint returns "path=value, ..." for the swept values of p.
func describePoint(sweep []Axis, p Point) string {
	s := ""
	for i, a := range sweep {
		if i > 0 {
			s += ", "
		}
		s += a.Path + "=" + p.Values[i].Text
	}
	return s
}

// overload describes why the offered load of an open-loop model reaches
// capacity with an unbounded queue, or returns "".
func overload(c models.Config) string {
	if c.Clients.Arrival == nil || c.Server.Service == nil {
		return ""
	}
	lambda := float64(c.Clients.Count) / c.Clients.Arrival.Mean()
	svc := c.Server.Service.Mean()
	rho := lambda * svc / float64(c.Server.Count*c.Server.Workers)
	unbounded, what := c.Server.Capacity == 0, "server.capacity"
	if c.Policy == models.MQ {
		unbounded, what = c.Broker.Capacity == 0, "broker.capacity"
	}
	if unbounded && rho >= 1 && !math.IsNaN(rho) {
		return fmt.Sprintf("offered load %.3g >= 1 (arrival rate %.4g/s × mean service %.4gs / %d workers) with an unbounded queue (%s 0): the backlog grows for the whole run and results depend on the horizon",
			rho, lambda, svc, c.Server.Count*c.Server.Workers, what)
	}
	if c.Policy == models.Sync {
		hold := svc + mean(c.Network.Send) + mean(c.Network.Reply) + mean(c.Handler.Time)
		if r := lambda * hold / float64(c.Clients.Count*c.Clients.Threads); r >= 1 && !math.IsNaN(r) {
			return fmt.Sprintf("offered load on client threads %.3g >= 1 (arrival rate %.4g/s × mean call %.4gs / %d threads): requests queue for a thread without bound and results depend on the horizon",
				r, lambda, hold, c.Clients.Count*c.Clients.Threads)
		}
	}
	return ""
}

// mean is the mean of d in seconds, 0 for none.
func mean(d interface{ Mean() float64 }) float64 {
	if d == nil {
		return 0
	}
	return d.Mean()
}
