package metrics_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/metrics"
)

func TestPercentileNames(t *testing.T) {
	for _, c := range []struct {
		p    float64
		name string
	}{{50, "delay.p50"}, {99.9, "delay.p99_9"}, {99.99, "delay.p99_99"}, {0.5, "delay.p0_5"}, {12.25, "delay.p12_25"}} {
		if got := metrics.PercentileName(c.p); got != c.name {
			t.Errorf("PercentileName(%v) = %s, want %s", c.p, got, c.name)
		}
		if p, ok := metrics.ParsePercentileName(c.name); !ok || p != c.p {
			t.Errorf("ParsePercentileName(%s) = %v, %v", c.name, p, ok)
		}
		if m, ok := metrics.Lookup(c.name); !ok || m.Unit != metrics.Seconds || m.Name != c.name {
			t.Errorf("Lookup(%s) = %+v, %v", c.name, m, ok)
		}
	}
	for _, bad := range []string{"delay.p", "delay.p100", "delay.p0", "delay.p99.9", "delay.p99_", "delay.p_9", "delay.p99_90", "delay.p050", "delay.p9_9_9", "delay.p-1", "delay.p1e1"} {
		if p, ok := metrics.ParsePercentileName(bad); ok {
			t.Errorf("ParsePercentileName(%s) = %v", bad, p)
		}
		if _, ok := metrics.Lookup(bad); ok {
			t.Errorf("Lookup(%s) found a metric", bad)
		}
	}
}

func TestColumns(t *testing.T) {
	if got := metrics.Columns(nil, false); !slices.Equal(got, metrics.Names()) {
		t.Errorf("Columns(nil, false) = %v, want Names()", got)
	}
	got := strings.Join(metrics.Columns([]float64{99, 99.9}, true)[:11], " ")
	want := "requests succeeded failed in_flight throughput reliability slo.attainment delay.mean delay.p99 delay.p99_9 delay.max"
	if got != want {
		t.Errorf("Columns([99 99.9], true) begins %s, want %s", got, want)
	}
	if m, ok := metrics.Lookup("slo.attainment"); !ok || m.Max != 1 || !m.Nines {
		t.Errorf("Lookup(slo.attainment) = %+v, %v", m, ok)
	}
}

// TestParsePercentileColumn: any histogram's percentile column splits into
// its prefix and percentile; other names do not.
func TestParsePercentileColumn(t *testing.T) {
	for _, c := range []struct {
		name   string
		prefix string
		p      float64
		ok     bool
	}{
		{"delay.p99_9", "delay", 99.9, true},
		{"send.p99", "send", 99, true},
		{"service.db.delay.p99", "service.db.delay", 99, true},
		{"service.p.delay.p50", "service.p.delay", 50, true},
		{"delay.mean", "", 0, false},
		{"service.db.delay.p99.lo", "", 0, false},
		{"p99", "", 0, false},
	} {
		prefix, p, ok := metrics.ParsePercentileColumn(c.name)
		if prefix != c.prefix || p != c.p || ok != c.ok {
			t.Errorf("ParsePercentileColumn(%q) = %q, %v, %v; want %q, %v, %v", c.name, prefix, p, ok, c.prefix, c.p, c.ok)
		}
	}
}
