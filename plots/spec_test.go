package plots

import (
	"errors"
	"strings"
	"testing"
)

var swept = []string{"model.clients.arrival.mean", "model.policy", "model.server.workers"}

func TestValidateSpec(t *testing.T) {
	ok := Spec{X: "model.clients.arrival.mean", Y: "delay.p99", Series: "model.policy"}
	tests := []struct {
		name  string
		edit  func(*Spec)
		field string // "" when valid
		msg   string
	}{
		{"valid", func(*Spec) {}, "", ""},
		{"no series", func(s *Spec) { s.Series = "" }, "", ""},
		{"file", func(s *Spec) { s.File = "p99.png" }, "", ""},
		{"decomposition", func(s *Spec) { s.Y = Decomposition }, "", ""},
		{"nines", func(s *Spec) { s.Y, s.Nines = "reliability", true }, "", ""},
		{"logs", func(s *Spec) { s.LogX, s.LogY = true, true }, "", ""},
		{"missing x", func(s *Spec) { s.X = "" }, "x", "missing"},
		{"unswept x", func(s *Spec) { s.X = "model.clients.count" }, "x", `"model.clients.count" is not a swept path`},
		{"series is x", func(s *Spec) { s.Series = s.X }, "series", "already x"},
		{"unswept series", func(s *Spec) { s.Series = "model.foo" }, "series", "not a swept path"},
		{"missing y", func(s *Spec) { s.Y = "" }, "y", "missing"},
		{"unknown y", func(s *Spec) { s.Y = "delay.p100" }, "y", `"delay.p100" is not a metric`},
		{"interval column as y", func(s *Spec) { s.Y = "delay.p99.lo" }, "y", "not a metric"},
		{"nines on delay", func(s *Spec) { s.Nines = true }, "nines", "only for y: reliability"},
		{"nines and log", func(s *Spec) { s.Y, s.Nines, s.LogY = "reliability", true, true }, "log_y", "nines"},
		{"log decomposition", func(s *Spec) { s.Y, s.LogY = Decomposition, true }, "log_y", "decomposition"},
		{"log x decomposition", func(s *Spec) { s.Y, s.LogX = Decomposition, true }, "log_x", "decomposition"},
		{"bad file", func(s *Spec) { s.File = "../p99.png" }, "file", "plain file name"},
	}
	for _, tt := range tests {
		s := ok
		tt.edit(&s)
		err := ValidateSpec(s, swept)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: ValidateSpec(%+v) = %v, want nil", tt.name, s, err)
			}
			continue
		}
		var se *SpecError
		if !errors.As(err, &se) {
			t.Errorf("%s: ValidateSpec(%+v) = %v, want a *SpecError", tt.name, s, err)
			continue
		}
		if se.Field != tt.field || !strings.Contains(se.Msg, tt.msg) {
			t.Errorf("%s: error %q, want field %q and message containing %q", tt.name, err, tt.field, tt.msg)
		}
	}
}

func TestCheckFile(t *testing.T) {
	good := []string{"", "p99.png", "delay_p99.png", "A-b+c.1.png"}
	bad := []string{
		"/tmp/x.png", "../x.png", "a/b.png", `a\b.png`, "..png", ".hidden.png",
		"x..png", "x.jpg", "x.PNG", "x", ".png", "x y.png", "x\x00.png", "c:x.png", "p99.png/",
	}
	for _, f := range good {
		if err := checkFile(f); err != nil {
			t.Errorf("checkFile(%q) = %v, want nil", f, err)
		}
	}
	for _, f := range bad {
		if err := checkFile(f); err == nil {
			t.Errorf("checkFile(%q) = nil, want an error", f)
		}
	}
}

func TestDefaultSpecs(t *testing.T) {
	if got := DefaultSpecs(nil); got != nil {
		t.Errorf("DefaultSpecs(nil) = %v, want nil", got)
	}
	specs := DefaultSpecs(swept)
	var files []string
	for _, s := range specs {
		if err := ValidateSpec(s, swept); err != nil {
			t.Errorf("default spec %+v: %v", s, err)
		}
		if s.X != swept[0] || s.Series != swept[1] {
			t.Errorf("default spec %+v: want x %s and series %s", s, swept[0], swept[1])
		}
		files = append(files, s.File)
	}
	want := "delay_mean.png delay_p99.png throughput.png reliability.png decomposition.png"
	if got := strings.Join(files, " "); got != want {
		t.Errorf("default files %q, want %q", got, want)
	}
	one := DefaultSpecs(swept[:1])
	if len(one) != 5 || one[0].Series != "" {
		t.Errorf("DefaultSpecs(one path) = %+v, want 5 specs without series", one)
	}
}

// A model with services gets the default charts, then the 99th percentile
// of the delay and the utilization of each service, in the order given.
func TestDefaultGraphSpecs(t *testing.T) {
	if got := DefaultGraphSpecs(nil, []string{"api"}); got != nil {
		t.Errorf("DefaultGraphSpecs(nil, ...) = %v, want nil", got)
	}
	specs := DefaultGraphSpecs([]string{"model.policy", "model.clients.count"}, []string{"api", "db"})
	var got []string
	for _, s := range specs {
		if s.X != "model.policy" || s.Series != "model.clients.count" {
			t.Errorf("%+v: want x model.policy, series model.clients.count", s)
		}
		got = append(got, s.Y+" "+fileName(s))
	}
	want := []string{
		"delay.mean delay_mean.png", "delay.p99 delay_p99.png", "throughput throughput.png", "reliability reliability.png",
		"decomposition decomposition.png",
		"service.api.delay.p99 service_api_delay_p99.png", "service.api.utilization service_api_utilization.png",
		"service.db.delay.p99 service_db_delay_p99.png", "service.db.utilization service_db_utilization.png",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, s := range specs {
		if err := ValidateSpec(s, []string{"model.policy", "model.clients.count"}); err != nil {
			t.Errorf("%s: %v", s.Y, err)
		}
	}
}
