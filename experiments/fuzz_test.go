package experiments

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzLoad checks that no input makes the loader panic, that a rejected
// file always says where, and that an accepted one is consistent.
func FuzzLoad(f *testing.F) {
	for _, pattern := range []string{"testdata/load/*.yaml", "../examples/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{"", "---\n---\n", "a: &a [*a]", "name: x\nhorizon: 1s\nmodel: {server: {service: 1ms}, clients: {arrival: 1ms}}\nsweep: {model.server.workers: [1, 2]}\n",
		"name: g\nhorizon: 1s\nmodel:\n  clients: {arrival: 1ms, calls: a}\n  services:\n    a: {service: 1ms, calls: [{to: b}, {parallel: [{to: b, policy: callback}, {to: c}], wait: any}]}\n    b: &b {service: {dist: exponential, mean: 1ms}}\n    c: *b\n" +
			"sweep: {model.services.a.calls.1.parallel.0.timeout: [1ms, 2ms], model.services.b.service.mean: [1ms], model.services.a.calls.0.network.send: [1ms]}\n",
		"name: p\nhorizon: 2s\ntimeseries: 100ms\ndrain: auto\nmodel:\n  clients:\n    arrival: {dist: exponential, rate: 10}\n    profile: [{at: 0s, rate: 5}, {at: 1s, rate: 20, ramp: 500ms}]\n    repeat: 1500ms\n  server: {service: 1ms}\n" +
			"sweep: {model.clients.profile.1.rate: [20, 30], model.clients.profile.1.at: [1s]}\ncharts: [{x: time, y: in_flight, series: model.clients.profile.1.rate}]\n",
		"name: u\nhorizon: 1s\ndrain: 0s\nmodel:\n  policy: sync\n  clients: {think: 10ms, threads: 4, profile: [{at: 0s, users: 1}, {at: 500ms, users: 4}]}\n  server: {service: 1ms}\n",
		"name: r\nhorizon: 1s\nmodel:\n  clients:\n    arrival: 1ms\n    timeout: 50ms\n    deadline: true\n    retry: {attempts: 3, budget: {percent: 20, min_per_second: 10, ttl: 10s}}\n" +
			"    circuit_breaker: {failure_rate: 0.5, window: 10, open_for: 1s, half_open_calls: 2}\n" +
			"  server: {service: 1ms, queue: adaptive-lifo, codel: {target: 5ms, interval: 100ms}, queue_timeout: 20ms, rate_limit: {rate: 900, burst: 5}, eject: {consecutive_errors: 3, for: 1s, max_percent: 50}}\n" +
			"sweep: {model.clients.circuit_breaker.window: [5, 50], model.server.rate_limit.rate: [500], model.server.queue: [codel, fifo]}\n",
		"name: h\nhorizon: 1s\nmodel:\n  clients: {arrival: 1ms, calls: a, hedge: {after: 2ms}}\n  services:\n    a: {service: 1ms, eject: {}, calls: [{to: b, hedge: {after: 1ms, max: 3}, deadline: true, timeout: 9ms}, {to: q, policy: mq}]}\n" +
			"    b: {service: 1ms, queue: codel, rate_limit: {rate: 100}}\n    q: {service: 1ms, broker: {ttl: 5s}}\n" +
			"sweep: {model.services.a.calls.0.hedge.after: [1ms, 3ms], model.services.q.broker.ttl: [1s]}\n",
		"name: q\nhorizon: 1s\npercentiles: [50, 99.9]\nreplications: {min: 3, max: 30, until: {metric: delay.p99_9, relative: 0.05}}\nmodel: {server: {service: 1ms}, clients: {arrival: 2ms}}\n",
		"name: q\nhorizon: 1s\nreplications: &r {min: 2, max: 2, until: {metric: service.a.delay.mean, relative: 1e-3}}\nmodel:\n  clients: {arrival: 2ms, calls: a}\n  services: {a: {service: 1ms}}\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		exp, err := Parse("fuzz.yaml", data)
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			for _, e := range list {
				if e.Line < 1 || e.Column < 1 || e.Msg == "" || e.File != "fuzz.yaml" {
					t.Fatalf("error without position or message: %q", e.Error())
				}
			}
			return
		}
		if len(exp.Points) == 0 || exp.Name == "" || exp.Horizon <= 0 || exp.Warmup >= exp.Horizon {
			t.Fatalf("accepted an incomplete experiment: %+v", exp)
		}
		if pt := exp.Precision; pt != nil && (pt.Min < 2 || pt.Max < pt.Min || !(pt.Relative > 0) || exp.Replications != pt.Min ||
			!slices.Contains(append(exp.Columns(), exp.GraphMetrics...), pt.Metric)) {
			t.Fatalf("accepted a bad precision target %+v (replications %d)", *pt, exp.Replications)
		}
		for i, p := range exp.Points {
			if p.Index != i || len(p.Values) != len(exp.Sweep) {
				t.Fatalf("point %d inconsistent: %+v", i, p)
			}
			if err := p.Model.Validate(); err != nil {
				t.Fatalf("point %d accepted with an invalid model: %v", i, err)
			}
		}
	})
}
