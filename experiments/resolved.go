package experiments

import (
	"bytes"
	"encoding/json"

	"github.com/asyncsim/asyncsim/metrics"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
)

// resolved is an experiment with every default filled in, as recorded in
// summary.json and manifest.json. Times are in seconds, distributions as
// their descriptions ("exponential(mean=10ms)"). Model is the model of
// point 0 (swept paths take their first value there), marshalled from
// the Config by marshalModel.
type resolved struct {
	Name         string               `json:"name"`
	Description  string               `json:"description"`
	Seed         uint64               `json:"seed"`
	Replications resolvedReplications `json:"replications"`
	Horizon      float64              `json:"horizon"`
	Warmup       any                  `json:"warmup"` // seconds, or "auto"
	// Timeseries is the window of the time series in seconds, 0 for
	// none; Drain is "auto" or the drain in seconds.
	Timeseries float64 `json:"timeseries"`
	Drain      any     `json:"drain"`
	// Percentiles and SLO (seconds) are Experiment.Percentiles and SLO,
	// absent when the file does not set them.
	Percentiles []float64       `json:"percentiles,omitempty"`
	SLO         float64         `json:"slo,omitempty"`
	Points      int             `json:"points"`
	Model       json.RawMessage `json:"model"` // see marshalModel
	Sweep       []resolvedAxis  `json:"sweep"`
	Charts      []resolvedChart `json:"charts"`
	// GraphMetrics are Experiment.GraphMetrics, absent without services.
	GraphMetrics []string `json:"graph_metrics,omitempty"`
	// SeriesMetrics are Experiment.SeriesMetrics, absent without
	// timeseries.
	SeriesMetrics []string `json:"series_metrics,omitempty"`
	// Baseline is Experiment.Baseline, absent without one.
	Baseline map[string]string `json:"baseline,omitempty"`
}

type resolvedAxis struct {
	Path   string   `json:"path"`
	Kind   string   `json:"kind"`
	Values []string `json:"values"` // as written
}

type resolvedChart struct {
	File   string `json:"file"`
	X      string `json:"x"`
	Y      string `json:"y"`
	Series string `json:"series"`
	Title  string `json:"title"`
	LogX   bool   `json:"log_x"`
	LogY   bool   `json:"log_y"`
	Nines  bool   `json:"nines"`
}

// resolveExperiment returns the resolved form of exp.
func resolveExperiment(exp *Experiment) resolved {
	r := resolved{
		Name: exp.Name, Description: exp.Description, Seed: exp.Seed,
		Replications: resolvedReplications{exp.Replications, exp.Precision}, Horizon: exp.Horizon.Seconds(), Warmup: warmupSetting(exp),
		Points: len(exp.Points), Sweep: []resolvedAxis{}, Charts: []resolvedChart{},
		GraphMetrics: exp.GraphMetrics, SeriesMetrics: exp.SeriesMetrics,
		Timeseries: exp.Timeseries.Seconds(), Drain: drainSetting(exp.Drain),
		Percentiles: exp.Percentiles, SLO: exp.SLO.Seconds(),
		Baseline: exp.Baseline,
	}
	var c models.Config // none when there are no points
	if len(exp.Points) > 0 {
		c = exp.Points[0].Model
	}
	r.Model = marshalModel(&c)
	for _, a := range exp.Sweep {
		ra := resolvedAxis{Path: a.Path, Kind: a.Kind.String()}
		for _, v := range a.Values {
			ra.Values = append(ra.Values, v.Text)
		}
		r.Sweep = append(r.Sweep, ra)
	}
	for _, s := range exp.Charts {
		file := plots.FileName(s)
		r.Charts = append(r.Charts, resolvedChart{file, s.X, s.Y, s.Series, s.Title, s.LogX, s.LogY, s.Nines})
	}
	return r
}

// columns returns the fixed metric columns of the tables of r (see
// Experiment.Columns).
func (r *resolved) columns() []string {
	return metrics.Columns(r.Percentiles, r.SLO > 0)
}

// specs returns the charts of r.
func (r *resolved) specs() []plots.Spec {
	out := make([]plots.Spec, len(r.Charts))
	for i, c := range r.Charts {
		out[i] = plots.Spec{File: c.File, X: c.X, Y: c.Y, Series: c.Series, Title: c.Title, LogX: c.LogX, LogY: c.LogY, Nines: c.Nines}
	}
	return out
}

// swept returns the swept paths of r and which of them are durations.
func (r *resolved) swept() (paths []string, durations map[string]bool, strings map[string]bool) {
	durations, strings = map[string]bool{}, map[string]bool{}
	for _, a := range r.Sweep {
		paths = append(paths, a.Path)
		durations[a.Path] = a.Kind == KindDuration.String()
		strings[a.Path] = a.Kind == KindString.String()
	}
	return paths, durations, strings
}

// marshalModel returns c as JSON, its keys named and ordered as in the
// experiment format (the model schema says which and how to read each
// from the Config): times in seconds, distributions as their
// descriptions, an absent distribution or crash: section as null.
func marshalModel(c *models.Config) json.RawMessage {
	var b bytes.Buffer
	marshalSection(&b, c, schemaFor(shapeOfConfig(c)))
	return b.Bytes()
}

// marshalSection writes section f of c as a JSON object.
func marshalSection(b *bytes.Buffer, c *models.Config, f *field) {
	b.WriteByte('{')
	first := true
	for _, k := range f.fields {
		if k.omit != nil && k.omit(c) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		name, _ := json.Marshal(k.name)
		b.Write(name)
		b.WriteByte(':')
		marshalValue(b, c, k)
	}
	b.WriteByte('}')
}

// marshalValue writes the value of key k of c.
func marshalValue(b *bytes.Buffer, c *models.Config, k *field) {
	var v any
	switch k.kind {
	case kMap:
		if k.has != nil && !k.has(c) {
			b.WriteString("null")
		} else {
			marshalSection(b, c, k)
		}
		return
	case kList:
		b.WriteByte('[')
		for i, item := range k.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			marshalValue(b, c, item)
		}
		b.WriteByte(']')
		return
	case kInt:
		v = *k.intp(c)
	case kNumber, kProb:
		v = *k.nump(c)
	case kDuration:
		v = k.durp(c).Seconds()
	case kDist:
		if d := *k.distp(c); d != nil {
			v = d.String()
		}
	case kEnum:
		v = k.getp(c)
	case kBool:
		v = *k.boolp(c)
	case kText:
		v = k.getv(c)
	case kProfile:
		v = profileJSON(&c.Clients.Profile)
	}
	out, err := json.Marshal(v)
	if err != nil { // a NaN or infinite number, which Validate refuses: no value
		out = []byte("null")
	}
	b.Write(out)
}

// warmupSetting is the warm-up as resolved: seconds, or "auto".
func warmupSetting(exp *Experiment) any {
	if exp.WarmupAuto {
		return "auto"
	}
	return exp.Warmup.Seconds()
}
