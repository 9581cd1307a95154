package models

import (
	"fmt"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/sim"
)

// build creates the stations and hops of the model. A one-tier model is
// the graph of one service named server, with the random streams of
// earlier versions, so its numbers do not change.
func (m *model) build(st distributions.Streams) {
	cfg := &m.cfg
	if !m.graph {
		s := cfg.Server
		svc := Service{
			Name: "server", Instances: s.Count, Workers: s.Workers, Capacity: s.Capacity,
			Service: s.Service, Error: s.Error, Crash: s.Crash, Balance: RoundRobin, Queue: s.Queue,
			Broker: cfg.Broker, Codel: s.Codel, QueueTimeout: s.QueueTimeout, RateLimit: s.RateLimit, Eject: s.Eject,
		}
		one := m.newStation(&svc, st, oneTierStreams)
		m.stations = []*station{one}
		m.startStation(one, cfg.Policy == MQ)
		m.entry = m.clientHop(one, st)
		return
	}
	mq := make([]bool, len(cfg.Services))
	mq[cfg.Entry()] = cfg.Policy == MQ
	for i := range cfg.Services {
		for _, step := range cfg.Services[i].Calls {
			for _, h := range step.Hops {
				if h.Policy == MQ {
					mq[cfg.serviceIndex(h.To)] = true
				}
			}
		}
	}
	for i := range cfg.Services {
		svc := &cfg.Services[i]
		p := "service/" + svc.Name + "/"
		names := stationStreams{
			err: p + "error", demand: p + "service", pick: p + "balance", latency: p + "broker",
			crash: func(k int) string { return fmt.Sprintf("%s%d/crash", p, k) },
		}
		if i == cfg.Entry() {
			// The entry service draws from the streams of a one-tier
			// model's server: `server:` and the same service written
			// under services: give the same numbers.
			names = oneTierStreams
			names.pick = p + "balance"
		}
		m.stations = append(m.stations, m.newStation(svc, st, names))
	}
	for i, s := range m.stations {
		m.startStation(s, mq[i])
	}
	m.entry = m.clientHop(m.stations[cfg.Entry()], st)
	for i, s := range m.stations {
		svc := &cfg.Services[i]
		for k, step := range svc.Calls {
			var hops []*hop
			for x := range step.Hops {
				hc := &step.Hops[x]
				to := m.stations[cfg.serviceIndex(hc.To)]
				prefix := fmt.Sprintf("call/%s/%d/%d/%s/", svc.Name, k, x, hc.To)
				h := newHop(to, hc.Network, st, prefix)
				h.onError, h.reply = hc.OnError, hc.Reply
				h.async = hc.Policy != Sync
				h.label = " " + svc.Name + ">" + hc.To
				h.timeout = hc.Timeout
				h.deadline = hc.Deadline && h.reply
				h.setHedge(hc.Hedge, st, prefix+"hedge")
				m.deadlines = m.deadlines || h.deadline
				h.setRetry(hc.Retry, st.Stream(prefix+"backoff"))
				if !h.reply { // nobody waits: nothing to time out or retry
					h.timeout = 0
					h.retry.Attempts = 1
				}
				h.stats = m.edgeStats(edge{svc.Name, hc.To})
				m.setGuards(h, hc.Retry.Budget, hc.Breaker, svc.Name+">"+hc.To)
				hops = append(hops, h)
			}
			s.steps = append(s.steps, hops)
			s.need = append(s.need, step.Need())
		}
	}
}

// oneTierStreams are the stream names of a one-tier model's server, also
// those of a graph's entry service.
var oneTierStreams = stationStreams{
	err: "server/error", demand: "server/service/retry", latency: "broker/latency",
	crash: func(i int) string { return fmt.Sprintf("server/%d/crash", i) },
}

// clientHop returns the clients' hop to the entry station, with the random
// streams of earlier versions.
func (m *model) clientHop(to *station, st distributions.Streams) *hop {
	cfg := &m.cfg
	h := newHop(to, cfg.Network, st, "network/")
	h.entry = true
	h.timeout = cfg.Clients.Timeout
	h.deadline = cfg.Clients.Deadline
	h.setHedge(cfg.Clients.Hedge, st, "clients/hedge")
	m.deadlines = m.deadlines || h.deadline
	h.setRetry(cfg.Clients.Retry, st.Stream("retry/backoff"))
	h.stats = m.edgeStats(edge{ClientsName, to.name})
	m.setGuards(h, cfg.Clients.Retry.Budget, cfg.Clients.Breaker, ClientsName+">"+to.name)
	return h
}

// edgeStats returns the counters of a caller and callee pair.
func (m *model) edgeStats(e edge) *hopStats {
	for i, x := range m.edges {
		if x == e {
			return m.edgeStat[i]
		}
	}
	m.edges = append(m.edges, e)
	m.edgeStat = append(m.edgeStat, &hopStats{})
	return m.edgeStat[len(m.edgeStat)-1]
}

// startStation creates the worker pools (or the broker) of a station and
// schedules its instances' first crashes.
func (m *model) startStation(st *station, viaBroker bool) {
	for _, s := range st.servers {
		if !viaBroker {
			// Capacity is checked on arrival (atServer): a continuation
			// waiting for a worker is never refused.
			s.q = sim.NewQueue(m.env, st.cfg.Workers, 0, m.warmup, m.serverStart(s))
			s.q.SetLIFO(st.cfg.Queue == LIFO)
		}
		if st.cfg.Crash != nil {
			m.env.Schedule(m.sample(st.cfg.Crash.Uptime, s.crashRNG), m.evCrash, s)
		}
	}
	if viaBroker {
		st.broker = newBroker(m, st)
		st.broker.q.SetLIFO(st.cfg.Queue == LIFO)
	}
	m.startGuards(st)
	if m.graph {
		st.stats.init(m.opts.Reuse)
		if m.series != nil {
			st.win.init(m.opts.Reuse)
		}
	}
}
