package metrics_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
)

// The table, the fields of models.Metrics and the order of its Values
// agree: value i of Values is the field named like metric i.
func TestTableMatchesModelsMetrics(t *testing.T) {
	var m models.Metrics
	v := reflect.ValueOf(&m).Elem()
	var fields []string
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		switch name {
		case "Completions", "WorkMid", "WorkEnd", "Graph", "Series", "DelayPercentiles", "SLOAttainment", "Delays", "slo": // not fixed output columns
			continue
		}
		fields = append(fields, name)
		v.Field(i).SetFloat(float64(len(fields)))
	}
	if len(fields) != len(metrics.All) {
		t.Fatalf("%d fields of models.Metrics, %d metrics in the table", len(fields), len(metrics.All))
	}
	vals := m.Values()
	for i, x := range metrics.All {
		flat := strings.NewReplacer(".", "", "_", "").Replace(x.Name)
		if !strings.EqualFold(flat, fields[i]) {
			t.Errorf("metric %d is %s but field %d is %s", i, x.Name, i, fields[i])
		}
		if vals[i] != float64(i+1) {
			t.Errorf("Values()[%d] = %v holds field %v, want field %s", i, vals[i], vals[i], fields[i])
		}
		if got, _ := m.Value(x.Name); got != float64(i+1) {
			t.Errorf("Value(%s) = %v, want %v", x.Name, got, i+1)
		}
		if models.MetricNames[i] != x.Name {
			t.Errorf("models.MetricNames[%d] = %s, want %s", i, models.MetricNames[i], x.Name)
		}
	}
}

func TestRangesAndClip(t *testing.T) {
	fractions := map[string]bool{"reliability": true, "server.utilization": true, "client.utilization": true}
	for _, m := range metrics.All {
		wantMax := math.Inf(1)
		if fractions[m.Name] {
			wantMax = 1
		}
		if m.Min != 0 || m.Max != wantMax {
			t.Errorf("%s: range [%v, %v], want [0, %v]", m.Name, m.Min, m.Max, wantMax)
		}
		if m.Nines != (m.Name == "reliability") {
			t.Errorf("%s: Nines %v", m.Name, m.Nines)
		}
		if m.Description == "" {
			t.Errorf("%s: no description", m.Name)
		}
		if got, ok := metrics.Lookup(m.Name); !ok || got.Name != m.Name {
			t.Errorf("Lookup(%s) = %v, %v", m.Name, got, ok)
		}
	}
	r, _ := metrics.Lookup("reliability")
	if lo, hi := r.Clip(-0.1, 1.2); lo != 0 || hi != 1 {
		t.Errorf("reliability Clip(-0.1, 1.2) = %v, %v, want 0, 1", lo, hi)
	}
	d, _ := metrics.Lookup("delay.p99")
	if lo, hi := d.Clip(-1, 5); lo != 0 || hi != 5 {
		t.Errorf("delay.p99 Clip(-1, 5) = %v, %v, want 0, 5", lo, hi)
	}
	if lo, hi := d.Clip(math.NaN(), math.NaN()); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Clip(NaN, NaN) = %v, %v", lo, hi)
	}
	if _, ok := metrics.Lookup("nope"); ok {
		t.Error("Lookup(nope) found a metric")
	}
}
