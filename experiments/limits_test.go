package experiments

import (
	"encoding/json"
	"math"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestPointCountAtTheLimit checks the sweep size limit at its edge: a
// sweep of exactly limit points is allowed, one more point is not.
func TestPointCountAtTheLimit(t *testing.T) {
	axis := func(n int) sweepAxis { return sweepAxis{values: make([]*yaml.Node, n)} }
	for _, c := range []struct {
		axes  []sweepAxis
		limit int
		want  int
	}{
		{nil, 100, 1},
		{[]sweepAxis{axis(10), axis(10)}, 100, 100},
		{[]sweepAxis{axis(100)}, 100, 100},
		{[]sweepAxis{axis(10), axis(10)}, 99, -1},
		{[]sweepAxis{axis(101)}, 100, -1},
		{[]sweepAxis{axis(1000), axis(100)}, maxPoints, maxPoints},
		{[]sweepAxis{axis(1000), axis(101)}, maxPoints, -1},
	} {
		if got := pointCount(c.axes, c.limit); got != c.want {
			t.Errorf("pointCount(%d axes, %d) = %d, want %d", len(c.axes), c.limit, got, c.want)
		}
	}
}

// TestFormatFloat checks how numbers are written in the result tables:
// whole numbers below 1e15 in full, others in the shortest form that reads
// back exactly, NaN as an empty cell.
func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {-3, "-3"}, {0.5, "0.5"}, {1.0 / 3, "0.3333333333333333"},
		{123456789012345, "123456789012345"}, {999999999999999, "999999999999999"},
		{1e15, "1e+15"}, {1.5e-7, "1.5e-07"}, {math.NaN(), ""},
	} {
		if got := formatFloat(c.v); got != c.want {
			t.Errorf("formatFloat(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestJSONCell checks the cells of summary.json: numbers as JSON numbers,
// strings for string columns, null for empty and non-finite cells.
func TestJSONCell(t *testing.T) {
	for _, c := range []struct {
		cell     string
		isString bool
		want     string
	}{
		{"1.5", false, "1.5"}, {"-2e-05", false, "-2e-05"}, {"", false, "null"},
		{"+Inf", false, "null"}, {"NaN", false, "null"}, {"-Inf", false, "null"},
		{"mq", true, `"mq"`}, {"", true, `""`}, {`a "b"`, true, `"a \"b\""`},
	} {
		if got := string(jsonCell(c.cell, c.isString)); got != c.want {
			t.Errorf("jsonCell(%q, %v) = %s, want %s", c.cell, c.isString, got, c.want)
		}
	}
}

// TestIsJSONNumber: on every string of up to five characters over the
// characters of numbers (and a few others), isJSONNumber agrees with
// encoding/json: a number json.Unmarshal accepts, starting with - or a
// digit.
func TestIsJSONNumber(t *testing.T) {
	const chars = "019-+.eE x"
	var gen func(prefix string, n int)
	checked := 0
	gen = func(prefix string, n int) {
		var v json.Number
		want := json.Unmarshal([]byte(prefix), &v) == nil && len(prefix) > 0 && (prefix[0] == '-' || prefix[0] >= '0' && prefix[0] <= '9')
		if got := isJSONNumber(prefix); got != want {
			t.Errorf("isJSONNumber(%q) = %v, encoding/json says %v", prefix, got, want)
		}
		checked++
		if n == 0 {
			return
		}
		for _, c := range chars {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 5)
	for _, s := range []string{"1.5", "-2e-05", "0.000123456789", "1e+300", "123456789012345678901234567890", "-0", "0.5\n", "1.", ".5", "1e", "--1", "0x1"} {
		gen(s, 0)
	}
	if checked < 100000 {
		t.Fatalf("checked only %d strings", checked)
	}
}
