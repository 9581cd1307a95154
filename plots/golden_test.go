package plots

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var arrivalMeta = Meta{
	Durations:    map[string]bool{"model.clients.arrival.mean": true},
	Replications: 10,
	Experiment:   "sync-vs-callback",
}

func TestGoldenLine(t *testing.T) {
	t.Parallel()
	s := Spec{X: "model.clients.arrival.mean", Y: "delay.p99", Series: "model.policy"}
	checkGolden(t, "line", chart(t, queueTable(1), s, arrivalMeta))
}

func TestGoldenTheory(t *testing.T) {
	t.Parallel()
	s := Spec{X: "model.clients.arrival.mean", Y: "delay.mean", Series: "model.policy"}
	checkGolden(t, "theory", chart(t, queueTable(2), s, arrivalMeta))
}

func TestGoldenDecomposition(t *testing.T) {
	t.Parallel()
	s := Spec{X: "model.clients.arrival.mean", Y: Decomposition, Series: "model.policy"}
	checkGolden(t, "decomposition", chart(t, queueTable(3), s, arrivalMeta))
}

func TestGoldenLog(t *testing.T) {
	t.Parallel()
	tab := synth{
		seed:    4,
		swept:   []string{"model.clients.count", "model.server.workers"},
		values:  [][]string{{"1", "2", "5", "10", "20", "50", "100", "200", "500", "1000"}, {"1", "4", "16"}},
		metrics: []string{"throughput"},
		metric: func(pt map[string]string, name string, rng *rand.Rand) (float64, float64, bool) {
			n, w := num(pt["model.clients.count"]), num(pt["model.server.workers"])
			if n == 1 && w == 16 {
				return 0, 0, true // not positive: left out of a log axis
			}
			v := math.Min(25*n, 125*w) * (1 + 0.03*rng.NormFloat64())
			return v, v * 0.05, true
		},
	}.table()
	s := Spec{X: "model.clients.count", Y: "throughput", Series: "model.server.workers", LogX: true, LogY: true}
	checkGolden(t, "log", chart(t, tab, s, Meta{Replications: 5, Experiment: "scale-out"}))
}

func TestGoldenNines(t *testing.T) {
	t.Parallel()
	tab := synth{
		seed:    5,
		swept:   []string{"model.network.loss", "model.clients.retry.attempts"},
		values:  [][]string{{"0", "0.005", "0.01", "0.02", "0.05", "0.1"}, {"1", "2", "3"}},
		metrics: []string{"reliability"},
		metric: func(pt map[string]string, name string, rng *rand.Rand) (float64, float64, bool) {
			loss, k := num(pt["model.network.loss"]), num(pt["model.clients.retry.attempts"])
			p := 1 - (1-loss)*(1-loss) // request or reply lost
			fail := math.Pow(p, k) * (1 + 0.1*rng.NormFloat64())
			r := 1 - fail
			half := math.Min(fail*0.3, 1-r)
			if loss == 0.01 && k == 2 {
				// A Student-t interval past 1, drawn as an arrow.
				half = fail * 1.5
			}
			return r, half, true
		},
		thcols: []string{"reliability"},
		theory: func(pt map[string]string, name string) (float64, bool) {
			loss, k := num(pt["model.network.loss"]), num(pt["model.clients.retry.attempts"])
			p := 1 - (1-loss)*(1-loss)
			return 1 - math.Pow(p, k), true
		},
	}.table()
	s := Spec{X: "model.network.loss", Y: "reliability", Series: "model.clients.retry.attempts", Nines: true}
	checkGolden(t, "nines", chart(t, tab, s, Meta{Replications: 20, Experiment: "lossy-network"}))
}

func TestGoldenCategorical(t *testing.T) {
	t.Parallel()
	base := map[string]float64{"sync": 0.021, "callback": 0.014, "event": 0.016, "mq": 0.034}
	spread := map[string]float64{"constant": 0.6, "exponential": 1, "lognormal": 1.7}
	tab := synth{
		seed:    6,
		swept:   []string{"model.policy", "model.server.service.dist"},
		values:  [][]string{{"sync", "callback", "event", "mq"}, {"constant", "exponential", "lognormal"}},
		metrics: []string{"delay.p99"},
		metric: func(pt map[string]string, name string, rng *rand.Rand) (float64, float64, bool) {
			v := base[pt["model.policy"]] * spread[pt["model.server.service.dist"]] * (1 + 0.02*rng.NormFloat64())
			return v, 0, true
		},
	}.table()
	s := Spec{X: "model.policy", Y: "delay.p99", Series: "model.server.service.dist"}
	checkGolden(t, "categorical", chart(t, tab, s, Meta{Replications: 1, Experiment: "policies"}))
}

// TestGoldenCatchesChangedText checks that the golden comparison is tight
// enough to see one changed word or digit of a chart's text: the line
// chart drawn with "90% CI" for "95% CI" in its subtitle, another title
// word, or another axis label must not pass for the golden image, while
// the unmodified figure matches it.
func TestGoldenCatchesChangedText(t *testing.T) {
	t.Parallel()
	want, err := os.ReadFile(filepath.Join("testdata", "line_golden.png"))
	if err != nil {
		t.Fatal(err)
	}
	s := Spec{X: "model.clients.arrival.mean", Y: "delay.p99", Series: "model.policy"}
	for _, c := range []struct {
		name   string
		edit   func(fg *figure)
		passes bool
	}{
		{"unmodified", func(*figure) {}, true},
		{"subtitle 90% CI", func(fg *figure) {
			if !strings.Contains(fg.subtitle, "95% CI") {
				t.Fatalf("subtitle %q lacks 95%% CI", fg.subtitle)
			}
			fg.subtitle = strings.Replace(fg.subtitle, "95% CI", "90% CI", 1)
		}, false},
		{"title word", func(fg *figure) { fg.title = strings.Replace(fg.title, " vs ", " by ", 1) }, false},
		{"x label", func(fg *figure) { fg.panels[0][0].X.Label.Text += "s" }, false},
	} {
		fg := build(t, queueTable(1), s, arrivalMeta)
		c.edit(fg)
		got, err := fg.png(figDPI)
		if err != nil {
			t.Fatal(err)
		}
		if err := similar(got, want); (err == nil) != c.passes {
			t.Errorf("%s: similar = %v, want passing %v", c.name, err, c.passes)
		}
	}
}
