package plots

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asyncsim/asyncsim/metrics"
)

// Spec is one configured chart (an entry of the experiment's charts: list).
// File is the PNG file name inside the output directory, derived from Y when
// empty; X is a swept path, Series another swept path or empty, Y a metric
// name or Decomposition. LogX and LogY use log axes (values that are not
// positive are left out); Nines draws reliability as -log10(1-r).
type Spec struct {
	File, X, Y, Series, Title string
	LogX, LogY, Nines         bool
}

// Meta tells how to show columns. Durations holds the swept columns whose
// values are seconds; Replications is the number of runs per point (error
// bars are drawn when it is above 1); Experiment names the experiment in
// the charts' subtitles.
type Meta struct {
	Durations    map[string]bool
	Replications int
	Experiment   string
	// Marks are the instants, in seconds, where the load changes, drawn
	// as dashed vertical lines on the charts over time (x: time).
	Marks []float64
	// Window is the length of a window of the time series in seconds:
	// a chart over time draws each window's value at its middle, t +
	// Window/2 (at t when Window is 0).
	Window float64
	// fewest is the fewest replications of a point when the table's
	// replications column says that points have different counts (then
	// Replications is the most); 0 otherwise.
	fewest int
}

// SpecError is a problem with one field of a Spec. Field is the YAML key
// (file, x, y, series, log_x, log_y, nines), so that a caller can point at
// the line of the experiment file.
type SpecError struct {
	Field string
	Msg   string
}

func (e *SpecError) Error() string { return e.Field + ": " + e.Msg }

// DefaultSpecs returns the charts drawn when an experiment configures none:
// delay.mean, delay.p99, throughput, reliability and the decomposition,
// each against the first swept path, with one line per value of the second
// swept path if there is one. It returns nil when nothing is swept.
func DefaultSpecs(swept []string) []Spec {
	if len(swept) == 0 {
		return nil
	}
	x, series := swept[0], ""
	if len(swept) > 1 {
		series = swept[1]
	}
	var specs []Spec
	for _, y := range []string{"delay.mean", "delay.p99", "throughput", "reliability", Decomposition} {
		specs = append(specs, Spec{File: defaultFile(y), X: x, Y: y, Series: series})
	}
	return specs
}

// DefaultGraphSpecs returns the charts drawn when an experiment whose
// model has services configures none: those of DefaultSpecs, then for
// every service, in the order given, the 99th percentile of its delay
// and its utilization. It returns nil when nothing is swept.
func DefaultGraphSpecs(swept, services []string) []Spec {
	specs := DefaultSpecs(swept)
	if specs == nil {
		return nil
	}
	x, series := specs[0].X, specs[0].Series
	for _, s := range services {
		for _, y := range []string{"service." + s + ".delay.p99", "service." + s + ".utilization"} {
			specs = append(specs, Spec{File: defaultFile(y), X: x, Y: y, Series: series})
		}
	}
	return specs
}

// defaultFile returns the file name of a chart of y: "delay_p99.png".
func defaultFile(y string) string {
	return fileStem(y) + ".png"
}

// fileStem returns y with its dots made _ and the slash of a ratio _per_:
// "attempts_per_requests".
func fileStem(y string) string {
	return strings.NewReplacer(".", "_", "/", "_per_").Replace(y)
}

// fileName returns the file a spec is drawn to.
func fileName(s Spec) string { return FileName(s) }

// FileName returns the file a spec is drawn to: its File, else one named
// after y, "delay_p99.png", or for a chart over time
// "delay_p99_over_time.png".
func FileName(s Spec) string {
	switch {
	case s.File != "":
		return s.File
	case s.X == TimeX:
		return fileStem(s.Y) + "_over_time.png"
	}
	return defaultFile(s.Y)
}

// DefaultTimeSpecs returns the charts over time drawn by default when an
// experiment records time series: throughput, delay.p99 and in_flight.
func DefaultTimeSpecs() []Spec {
	var specs []Spec
	for _, y := range []string{"throughput", "delay.p99", "in_flight"} {
		s := Spec{X: TimeX, Y: y}
		s.File = FileName(s)
		specs = append(specs, s)
	}
	return specs
}

// ValidateSpec checks a chart against the swept paths of its experiment:
// x must be a swept path, series empty or a different swept path, y a metric
// or Decomposition, file empty or a plain *.png name, and the axis options
// must suit y. A problem is reported as a *SpecError.
func ValidateSpec(s Spec, swept []string) error {
	if err := checkFile(s.File); err != nil {
		return err
	}
	sweptList := strings.Join(swept, ", ")
	if len(swept) == 0 {
		sweptList = "none"
	}
	if s.X == TimeX {
		swept = slices.DeleteFunc(slices.Clone(swept), func(c string) bool { return c == TimeColumn })
		switch {
		case s.Y == Decomposition:
			return &SpecError{"y", "the decomposition is not drawn over time; choose a metric of the time series such as throughput"}
		case s.LogX:
			return &SpecError{"log_x", "not available over time"}
		case s.Nines:
			return &SpecError{"nines", "not available over time"}
		}
	}
	switch {
	case s.X == "":
		return &SpecError{"x", "missing; must be a swept path (swept: " + sweptList + ") or time"}
	case s.X != TimeX && !slices.Contains(swept, s.X):
		return &SpecError{"x", fmt.Sprintf("%q is not a swept path (swept: %s)", s.X, sweptList)}
	case s.Series == s.X:
		return &SpecError{"series", fmt.Sprintf("%q is already x; series must be another swept path", s.Series)}
	case s.Series != "" && !slices.Contains(swept, s.Series):
		return &SpecError{"series", fmt.Sprintf("%q is not a swept path (swept: %s)", s.Series, sweptList)}
	case s.Y == "":
		return &SpecError{"y", "missing; must be a metric such as delay.p99, or decomposition"}
	case isRatio(s.Y):
		if err := validateRatio(s); err != nil {
			return err
		}
	case s.Y != Decomposition && !isMetric(s.Y):
		return &SpecError{"y", fmt.Sprintf("%q is not a metric (known: %s, the metrics of a service or call such as service.NAME.delay.p99, or decomposition)", s.Y, strings.Join(metricNames(), ", "))}
	}
	if s.Y == Decomposition {
		for _, o := range []struct {
			set   bool
			field string
		}{{s.LogX, "log_x"}, {s.LogY, "log_y"}, {s.Nines, "nines"}} {
			if o.set {
				return &SpecError{o.field, "not available for the decomposition chart (stacked bars need a linear axis from zero)"}
			}
		}
	}
	if m, _ := lookup(s.Y); s.Nines && !m.Nines {
		return &SpecError{"nines", fmt.Sprintf("only for y: reliability or slo.attainment, not %q", s.Y)}
	}
	if s.Nines && s.LogY {
		return &SpecError{"log_y", "cannot be combined with nines, which is already a log scale"}
	}
	return nil
}

// checkFile reports a file name that could escape the output directory or
// is not a PNG name. Only letters, digits, '.', '-', '_' and '+' are allowed.
func checkFile(name string) error {
	if name == "" {
		return nil
	}
	bad := func(why string) error {
		return &SpecError{"file", fmt.Sprintf("%q %s", name, why)}
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") {
		return bad("is an absolute path; give a plain file name such as p99.png")
	}
	if strings.ContainsAny(name, `/\`) || strings.Contains(name, "..") {
		return bad("is not a plain file name; it must not contain path separators or \"..\"")
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_+", r)
		if !ok {
			return bad(fmt.Sprintf("contains %q; use only letters, digits, '.', '-', '_' and '+'", r))
		}
	}
	if strings.HasPrefix(name, ".") {
		return bad("starts with '.'; hidden file names are not allowed")
	}
	if !strings.HasSuffix(name, ".png") || name == ".png" {
		return bad("must end in .png")
	}
	return nil
}

// metricNames returns the names of the metrics of every model, sorted.
func metricNames() []string {
	names := metrics.Names()
	slices.Sort(names)
	return names
}
