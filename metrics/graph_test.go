package metrics_test

import (
	"math"
	"testing"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
)

// The per-service and per-call tables describe each metric once. (models
// takes its suffixes from them and panics on a suffix it does not compute,
// which every graph run of its tests would show.)
func TestGraphTablesDescribed(t *testing.T) {
	for _, table := range [][]metrics.Metric{metrics.ServiceMetrics, metrics.HopMetrics} {
		seen := map[string]bool{}
		for _, m := range table {
			if m.Description == "" {
				t.Errorf("%s: no description", m.Name)
			}
			if seen[m.Name] {
				t.Errorf("%s twice", m.Name)
			}
			seen[m.Name] = true
		}
	}
}

// Lookup knows the metrics of every service and call by their suffix,
// with their units and ranges, and nothing else under service. or call.
func TestLookupGraph(t *testing.T) {
	for _, tc := range []struct {
		name string
		unit metrics.Unit
		max  float64
	}{
		{"service.api.requests", metrics.Count, math.Inf(1)},
		{"service.db-2_x.delay.p99", metrics.Seconds, math.Inf(1)},
		{"service.api.delay.mean", metrics.Seconds, math.Inf(1)},
		{"service.api.utilization", metrics.Fraction, 1},
		{"service.api.queue.mean", metrics.Requests, math.Inf(1)},
		{"service.server.rejected", metrics.Count, math.Inf(1)},
		{"call.clients.api.attempts", metrics.Count, math.Inf(1)},
		{"call.api.db.fallbacks", metrics.Count, math.Inf(1)},
		{"call.api.db.late", metrics.Count, math.Inf(1)},
	} {
		m, ok := metrics.Lookup(tc.name)
		if !ok || m.Name != tc.name || m.Unit != tc.unit || m.Min != 0 || m.Max != tc.max || m.Nines || m.Description == "" {
			t.Errorf("Lookup(%s) = %+v, %v; want unit %v, range [0, %v]", tc.name, m, ok, tc.unit, tc.max)
		}
	}
	for _, name := range []string{
		"service.api", "service.api.nope", "service.API.requests", "service..requests", "service.api.attempts",
		"call.api.attempts", "call.api.db.requests", "call.api.clients.attempts", "call.a.b.c.attempts", "services.api.requests",
	} {
		if m, ok := metrics.Lookup(name); ok {
			t.Errorf("Lookup(%s) = %+v, want none", name, m)
		}
	}
}

// Every column of a graph's model is a metric Lookup knows.
func TestGraphColumnsAreMetrics(t *testing.T) {
	c := models.DefaultConfig()
	c.Clients.Calls = "api"
	c.Services = []models.Service{models.DefaultService("api"), models.DefaultService("db")}
	c.Services[0].Calls = []models.Step{{Hops: []models.Hop{models.DefaultHop("db", c.Network)}}}
	names := models.GraphMetricNames(&c)
	if len(names) != 2*len(models.HopMetricSuffixes)+2*len(models.ServiceMetricSuffixes) {
		t.Fatalf("%d columns: %v", len(names), names)
	}
	for _, n := range names {
		if !metrics.IsGraph(n) {
			t.Errorf("%s is not a metric", n)
		}
	}
}
