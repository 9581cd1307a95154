package experiments

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/asyncsim/asyncsim/models"
)

// TestWilsonTextbook reproduces the Wilson score intervals of Newcombe
// (1998), "Two-sided confidence intervals for the single proportion",
// Statistics in Medicine 17, Table I, method 3, to its four decimals.
func TestWilsonTextbook(t *testing.T) {
	for _, c := range []struct {
		s, n   float64
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
	} {
		lo, hi := wilson(c.s, c.n)
		if math.Round(lo*1e4)/1e4 != c.lo || math.Round(hi*1e4)/1e4 != c.hi {
			t.Errorf("wilson(%v, %v) = [%.6f, %.6f], want [%.4f, %.4f]", c.s, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := wilson(0, 0); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("wilson(0, 0) = [%v, %v], want NaN", lo, hi)
	}
}

// z975 is the 0.975 quantile of the standard normal distribution.
const z975 = 1.959963984540054

// TestReliabilityWilson checks the reliability interval of a summary
// row: 5 replications of 10000 requests without a failure have the
// zero-width t-interval [1, 1], and get the Wilson interval of 50000
// trials without a failure, [n/(n+z²), 1] = [1 − 7.68e-5, 1].
func TestReliabilityWilson(t *testing.T) {
	exp, err := parse(t, `
name: wilson
horizon: 1s
model:
  clients: {arrival: 10ms}
  server: {service: 1ms}
`)
	if err != nil {
		t.Fatal(err)
	}
	header := summaryHeader(nil, models.MetricNames, nil)
	row := func(requests, succeeded []float64) func(string) string {
		runs := make([]models.Metrics, len(requests))
		for i := range runs {
			runs[i].Requests, runs[i].Succeeded = requests[i], succeeded[i]
			runs[i].Reliability = succeeded[i] / requests[i]
		}
		_, r := pointRows(&exp, &exp.Points[0], runs)
		return func(col string) string { return r[slices.Index(header, col)] }
	}

	cell := row([]float64{1e4, 1e4, 1e4, 1e4, 1e4}, []float64{1e4, 1e4, 1e4, 1e4, 1e4})
	want := 50000 / (50000 + z975*z975) // 1 − z²/(n+z²) = 1 − 7.6823274e-5
	if math.Abs(want-(1-7.6823274e-5)) > 1e-12 {
		t.Fatalf("hand value %v", want)
	}
	if lo, _ := wilson(50000, 50000); math.Abs(lo-want) > 1e-15 {
		t.Errorf("wilson(50000, 50000) lower bound %v, want %v", lo, want)
	}
	if lo, _ := strconvFloat(cell("reliability.lo")); math.Abs(lo-want) > 1e-15 {
		t.Errorf("no failures: reliability.lo = %s, want %v", cell("reliability.lo"), want)
	}
	for col, w := range map[string]string{
		"reliability": "1", "reliability.hi": "1",
		"reliability.min": "1", "reliability.max": "1",
	} {
		if got := cell(col); got != w {
			t.Errorf("no failures: %s = %s, want %s", col, got, w)
		}
	}

	// 1 failure in each of 5 × 1000: the replications agree exactly (t
	// gives [0.999, 0.999]); Wilson of 4995/5000 is [0.99767, 0.99957].
	cell = row([]float64{1000, 1000, 1000, 1000, 1000}, []float64{999, 999, 999, 999, 999})
	wlo, whi := wilson(4995, 5000)
	if got := cell("reliability.lo") + " " + cell("reliability.hi"); got != formatFloat(wlo)+" "+formatFloat(whi) {
		t.Errorf("agreeing replications: interval %s, want %v %v", got, wlo, whi)
	}
	if math.Abs(wlo-0.997667) > 1e-5 || math.Abs(whi-0.999573) > 1e-5 {
		t.Errorf("wilson(4995, 5000) = [%v, %v], want about [0.997667, 0.999573]", wlo, whi)
	}

	// One run collapsed, one did not: pooled counts alone would say
	// 0.5 ± 0.02; the spread between the two is kept (t with one degree
	// of freedom, clipped to [0, 1]).
	cell = row([]float64{1000, 1000}, []float64{1000, 0})
	if got := cell("reliability.lo") + " " + cell("reliability.hi"); got != "0 1" {
		t.Errorf("disagreeing replications: interval %s, want 0 1", got)
	}

	// The pooled proportion is the point's successes over its trials, so
	// replications of different sizes weigh by their requests in the
	// interval; the mean stays the mean over replications, inside it.
	cell = row([]float64{100, 10000}, []float64{100, 9000})
	wlo, whi = wilson(9100, 10100)
	_, tlo, thi := interval([]float64{1, 0.9})
	if got, w := cell("reliability.lo")+" "+cell("reliability.hi"), formatFloat(math.Min(wlo, math.Max(tlo, 0)))+" "+formatFloat(math.Max(whi, math.Min(thi, 1))); got != w {
		t.Errorf("unequal replications: interval %s, want %s", got, w)
	}
	if cell("reliability") != "0.95" {
		t.Errorf("unequal replications: reliability %s, want the mean 0.95", cell("reliability"))
	}
}

// strconvFloat parses a table cell.
func strconvFloat(c string) (float64, error) { return strconv.ParseFloat(c, 64) }
