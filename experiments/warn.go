package experiments

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// warnings records the problems of a valid experiment that leave its runs
// meaningful but suspicious: offered load at or above capacity where
// nothing bounds the backlog (no full queue rejects, no timeout gives up),
// so it grows for the whole run and the results depend on the horizon.
// There is one warning per such point, at its first swept value.
func (l *loader) warnings(exp *Experiment, axes []sweepAxis) {
	for _, p := range exp.Points {
		msg := overload(p.Model)
		if msg == "" {
			continue
		}
		at, key := l.modelKey, "model"
		if len(exp.Sweep) > 0 {
			// The point's values say what the key would.
			msg = fmt.Sprintf("point %d (%s): %s", p.Index, describePoint(exp.Sweep, p), msg)
			v := p.Values[0]
			at, key = &yaml.Node{Line: v.Line, Column: v.Column}, ""
		}
		l.warn(at, key, msg)
		l.warns[len(l.warns)-1].Kind = WarnOverload
		l.warns[len(l.warns)-1].Note = overloadNoteFor(&p.Model, msg)
	}
}

// graphOverloadNote explains the overload warnings of service graphs.
const graphOverloadNote = "Past capacity, requests arrive at a service faster than its workers serve them. " +
	"With no full waiting room to reject them, the service's backlog grows for the whole run, " +
	"so delays there depend on the horizon. " +
	"A capacity (broker.capacity for a service behind a broker) small enough to fill turns the excess into rejections."

// overloadNote explains the overload warnings.
const overloadNote = "Past capacity, requests arrive faster than they are served. " +
	"With no full queue to reject them, the backlog grows for as long as the load stays that high " +
	"(the whole run at a steady load, the peak of a profile), so delays there depend on how long that lasts. " +
	"A clients.timeout makes clients give up on requests that wait too long, but the servers still serve them; " +
	"a server.capacity (broker.capacity) small enough to fill turns the excess into rejections."

// overloadNoteTimed is overloadNote for a model that already has a
// clients.timeout: it does not suggest one.
const overloadNoteTimed = "Past capacity, requests arrive faster than they are served. " +
	"With no full queue to reject them, the backlog grows for as long as the load stays that high " +
	"(the whole run at a steady load, the peak of a profile), so delays there depend on how long that lasts. " +
	"The clients' timeout makes them give up on requests that wait too long, but the servers still serve them; " +
	"a server.capacity (broker.capacity) small enough to fill turns the excess into rejections."

// overloadNoteFor returns the explanation of the overload warning msg
// about model c.
func overloadNoteFor(c *models.Config, msg string) string {
	switch {
	case c.Graph():
		return graphOverloadNote
	case strings.Contains(msg, " attempts = "):
		return retryNote
	case c.Clients.Timeout > 0:
		return overloadNoteTimed
	}
	return overloadNote
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

// overload says where the backlog of an open-loop model grows without
// bound, or returns "". Past capacity (offered load >= 1 on the server
// workers) the excess waits somewhere: in the server or broker queue
// when it is unbounded; else at the clients when they cannot have enough
// requests outstanding to fill that queue (so nothing is ever rejected)
// and no timeout ends their wait. Under sync the client threads can also
// be the bottleneck on their own.
func overload(c models.Config) string {
	if c.Graph() {
		return graphOverload(&c)
	}
	if c.Clients.Arrival == nil || c.Server.Service == nil {
		return ""
	}
	clients, workers := c.Clients.Count, c.Server.Count*c.Server.Workers
	lambda := float64(clients) * clientRate(&c)
	svc := c.Server.Service.Mean()
	rho := lambda * svc / float64(workers)
	load := fmt.Sprintf("offered load %.3g >= 1 (%s/s%s × %s / %s)", rho, num(lambda), atPeak(&c), dur(svc), plural(workers, "worker"))

	// room is what the servers (or the broker) hold before rejecting, 0
	// for unbounded; window is what the clients can have outstanding, 0
	// for unbounded.
	room, roomKey, where := c.Server.Count*(c.Server.Workers+c.Server.Capacity), "server.capacity", "server queues grow"
	if c.Server.Capacity == 0 {
		room = 0
	}
	if c.Policy == models.MQ {
		room, roomKey, where = c.Broker.Capacity, "broker.capacity", "broker queue grows"
	}
	window, slots, waits := clients*c.Clients.MaxInFlight, "in-flight slots", "requests wait at the clients"
	if c.Policy == models.Sync {
		window, slots, waits = clients*c.Clients.Threads, "client threads", "callers wait for a thread"
	}
	if rho >= 1 && !math.IsInf(rho, 0) {
		switch {
		case room == 0 && (window == 0 || c.Clients.Timeout > 0):
			bound := "without bound"
			if len(c.Clients.Profile.Points) > 0 {
				bound += " while the load is that high"
			}
			return fmt.Sprintf("%s with %s 0: the %s %s", load, roomKey, where, bound)
		case c.Clients.Timeout == 0 && window > 0 && (room == 0 || window <= room):
			busy := fmt.Sprintf("all %d %s stay busy", window, slots)
			if room > 0 {
				at := "servers"
				if c.Policy == models.MQ {
					at = "broker"
				}
				busy = fmt.Sprintf("%d %s never fill the %d places at the %s", window, slots, room, at)
			}
			return fmt.Sprintf("%s, and %s: %s without bound", load, busy, waits)
		}
	}
	if msg := retryOverload(&c, rho, lambda, svc, workers); msg != "" {
		return msg
	}
	if c.Policy == models.Sync {
		hold := svc + mean(c.Network.Send) + mean(c.Network.Reply) + mean(c.Handler.Time)
		if r := lambda * hold / float64(window); r >= 1 && !math.IsInf(r, 0) {
			return fmt.Sprintf("client threads overloaded: %.3g >= 1 (%s/s × %s per call / %s): callers wait for a thread without bound",
				r, num(lambda), dur(hold), plural(window, "thread"))
		}
	}
	return ""
}

// num formats a rate briefly: "420", "33.33".
func num(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

// dur formats seconds as a duration: "20ms", "1.5s".
func dur(s float64) string {
	if s > 0 && s < 1e9 {
		return sim.Duration(math.Round(s * 1e9)).String()
	}
	return num(s) + "s"
}

// plural returns "1 worker", "8 workers".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// mean is the mean of d in seconds, 0 for none.
func mean(d interface{ Mean() float64 }) float64 {
	if d == nil {
		return 0
	}
	return d.Mean()
}
