package models

import "github.com/asyncsim/asyncsim/sim"

// executors are a client's handler executors (callback, event, mq):
// cfg.Clients.Loops of them and an unlimited FIFO line, kept as a
// sim.Queue would keep them (same start order, same BusyAvg to the bit)
// in 48 bytes instead of 200, with no line until a reply has to wait: a
// model keeps one for each of up to millions of clients.
type executors struct {
	BusyAvg sim.TimeAverage // the time-weighted number of busy executors
	line    *requestLine    // replies waiting for an executor; nil until one waits
	busy    int
}

// loopArrive gives r's reply to an executor of its client, at once if
// one is free, otherwise after the replies waiting before it.
func (m *model) loopArrive(r *request) {
	x := &r.c.loops
	if x.busy < m.cfg.Clients.Loops {
		x.busy++
		x.BusyAvg.Set(m.env.Now(), float64(x.busy))
		m.loopStart(r)
		return
	}
	if x.line == nil {
		x.line = &requestLine{}
	}
	x.line.push(r)
	m.loopsWaiting++
}

// loopDone frees an executor of c, which takes the longest-waiting reply
// if there is one.
func (m *model) loopDone(c *client) {
	x := &c.loops
	if x.line != nil && x.line.len() > 0 {
		m.loopsWaiting--
		m.loopStart(x.line.pop())
		return
	}
	x.busy--
	x.BusyAvg.Set(m.env.Now(), float64(x.busy))
}

// requestLine is a FIFO of requests that reuses its array.
type requestLine struct {
	buf  []*request
	head int
}

func (l *requestLine) len() int { return len(l.buf) - l.head }

func (l *requestLine) push(r *request) {
	if l.head > 0 && len(l.buf) == cap(l.buf) {
		n := copy(l.buf, l.buf[l.head:])
		clear(l.buf[n:])
		l.buf, l.head = l.buf[:n], 0
	}
	l.buf = append(l.buf, r)
}

func (l *requestLine) pop() *request {
	r := l.buf[l.head]
	l.buf[l.head] = nil
	l.head++
	if l.head == len(l.buf) {
		l.buf, l.head = l.buf[:0], 0
	}
	return r
}
