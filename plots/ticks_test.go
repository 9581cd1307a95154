package plots

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if !t.IsMinor() {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestLinearTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string
	}{
		{0, 57, []string{"0", "10", "20", "30", "40", "50"}},
		{0.999, 0.9999, []string{"0.9990", "0.9992", "0.9994", "0.9996", "0.9998"}},
		{0.9, 1, []string{"0.90", "0.92", "0.94", "0.96", "0.98", "1.00"}},
		{0, 0.25, []string{"0", "0.05", "0.10", "0.15", "0.20", "0.25"}},
		{-1, 1, []string{"-1.0", "-0.5", "0", "0.5", "1.0"}},
		{0, 1.2e7, []string{"0", "2M", "4M", "6M", "8M", "10M", "12M"}},
		{0, 2.5e6, []string{"0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M"}},
		// Counts: no spurious ".0", thousands as k from 10 000 up.
		{76900, 90700, []string{"78k", "80k", "82k", "84k", "86k", "88k", "90k"}},
		{0, 12000, []string{"0", "2k", "4k", "6k", "8k", "10k", "12k"}},
		{0, 9000, []string{"0", "2000", "4000", "6000", "8000"}},
		{10000, 10100, []string{"10000", "10020", "10040", "10060", "10080", "10100"}},
		{0, 150, []string{"0", "25", "50", "75", "100", "125", "150"}},
		// Fractions: steps of 2.5 would need a decimal more than 2 or 5.
		{0.02, 0.14, []string{"0.02", "0.04", "0.06", "0.08", "0.10", "0.12", "0.14"}},
	}
	for _, tt := range tests {
		got := labels((linearTicks{}).Ticks(tt.min, tt.max))
		if !slices.Equal(got, tt.want) {
			t.Errorf("linearTicks(%g, %g) labels %q, want %q", tt.min, tt.max, got, tt.want)
		}
	}
	if got := (linearTicks{}).Ticks(3, 3); len(got) != 1 {
		t.Errorf("linearTicks on an empty range = %v, want one tick", got)
	}
}

// TestLinearTicksNoSpuriousDecimals checks ranges of many sizes: labels are
// distinct, there are at least three, and when they have decimals, some
// label needs its last one (no "90000.0" beside "87500.0").
func TestLinearTicksNoSpuriousDecimals(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		width := math.Pow(10, rng.Float64()*14-6)
		lo := width * math.Pow(10, rng.Float64()*4) * float64(rng.IntN(3)-1)
		hi := lo + width
		got := labels((linearTicks{}).Ticks(lo, hi))
		if len(got) < 3 {
			t.Errorf("linearTicks(%g, %g) labels %q: fewer than 3", lo, hi, got)
		}
		seen := map[string]bool{}
		needed := false
		for _, l := range got {
			if seen[l] {
				t.Errorf("linearTicks(%g, %g) labels %q: %q twice", lo, hi, got, l)
			}
			seen[l] = true
			num := strings.TrimRight(l, "kMG")
			if !strings.Contains(num, ".") || !strings.HasSuffix(num, "0") {
				needed = true
			}
		}
		if !needed {
			t.Errorf("linearTicks(%g, %g) labels %q: the last decimal is always 0", lo, hi, got)
		}
	}
}

func TestEmptyLinearTicks(t *testing.T) {
	if got := (linearTicks{}).Ticks(3, 3); len(got) != 1 {
		t.Errorf("linearTicks on an empty range = %v, want one tick", got)
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string
	}{
		{1, 1000, []string{"1", "10", "100", "1000"}},
		{23, 2128, []string{"50", "100", "200", "500", "1000", "2000"}},
		{10, 40, []string{"10", "20", "30", "40"}},
		{0.001, 0.01, []string{"0.001", "0.002", "0.005", "0.01"}},
		{11, 12, []string{"11.0", "11.2", "11.4", "11.6", "11.8", "12.0"}},
		{1, 500, []string{"1", "2", "5", "10", "20", "50", "100", "200", "500"}},
		{1e4, 1e6, []string{"10k", "20k", "50k", "100k", "200k", "500k", "1M"}},
		// At least four labels (minLogLabels): 2 and 5 alone would give
		// two, the powers of ten alone three.
		{1.5, 9, []string{"2", "3", "4", "5", "6", "7", "8", "9"}},
		{3, 20, []string{"3", "4", "5", "6", "7", "8", "9", "10", "20"}},
		{2, 5000, []string{"3", "10", "30", "100", "300", "1000", "3000"}},
		{0.015, 0.09, []string{"0.02", "0.03", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09"}},
		// Every multiple would give 30 and 40 only: linear ticks.
		{25, 45, []string{"25", "30", "35", "40", "45"}},
	}
	for _, tt := range tests {
		got := labels((logTicks{}).Ticks(tt.min, tt.max))
		if len(got) < minLogLabels {
			t.Errorf("logTicks(%g, %g) has %d labels, want at least %d", tt.min, tt.max, len(got), minLogLabels)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("logTicks(%g, %g) labels %q, want %q", tt.min, tt.max, got, tt.want)
		}
	}
	for _, tk := range (log10Ticks{}).Ticks(0, 2) {
		if tk.Value < 0 || tk.Value > 2 {
			t.Errorf("log10Ticks(0, 2) has a tick at %g", tk.Value)
		}
	}
}

func TestNines(t *testing.T) {
	tests := []struct{ r, want float64 }{
		{0, 0}, {-0.1, 0}, {0.9, 1}, {0.99, 2}, {0.999, 3}, {0.5, math.Log10(2)},
		{1, MaxNines}, {1 - 1e-7, MaxNines}, {1 - 1e-6, MaxNines},
	}
	for _, tt := range tests {
		if got := nines(tt.r); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("nines(%g) = %g, want %g", tt.r, got, tt.want)
		}
	}
	got := labels((ninesTicks{}).Ticks(1, MaxNines))
	want := []string{"0.9", "0.99", "0.999", "0.9999", "0.99999", "≥0.999999"}
	if !slices.Equal(got, want) {
		t.Errorf("nines labels %q, want %q", got, want)
	}
	var minor []float64
	for _, tk := range (ninesTicks{}).Ticks(1, 2) {
		if tk.IsMinor() {
			minor = append(minor, tk.Value)
		}
	}
	if len(minor) != 1 || math.Abs(minor[0]-nines(0.95)) > 1e-9 {
		t.Errorf("minor nines ticks in [1, 2] at %v, want one at 0.95", minor)
	}
}

func TestTimeUnit(t *testing.T) {
	tests := []struct {
		max  float64
		want string
	}{
		{0, "s"}, {2, "s"}, {1, "s"}, {0.999, "ms"}, {0.001, "ms"}, {0.0005, "µs"}, {2e-9, "ns"},
	}
	for _, tt := range tests {
		if got := timeUnit(tt.max).name; got != tt.want {
			t.Errorf("timeUnit(%g) = %s, want %s", tt.max, got, tt.want)
		}
	}
}

func TestFormatCompact(t *testing.T) {
	tests := map[float64]string{
		0: "0", 500: "500", 5000: "5000", 10000: "10k", 20000: "20k", 1.5e6: "1.5M", 2e9: "2G", 12345: "12345", 0.02: "0.02",
	}
	for v, want := range tests {
		if got := formatCompact(v); got != want {
			t.Errorf("formatCompact(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestFormatNum(t *testing.T) {
	tests := map[float64]string{
		0: "0", 0.1 + 0.2: "0.3", 12.5: "12.5", 1e-5: "1e-05", 2.5e7: "2.5e+07", -3: "-3", 1000: "1000",
	}
	for v, want := range tests {
		if got := formatNum(v); got != want {
			t.Errorf("formatNum(%g) = %q, want %q", v, got, want)
		}
	}
}
