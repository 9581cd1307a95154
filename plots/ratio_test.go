package plots

import (
	"slices"
	"strings"
	"testing"
)

// TestRatio: y: attempts/requests divides the two columns row by row
// (rows where either is missing or the denominator is 0 have no value),
// is validated part by part, drawn to attempts_per_requests.png and
// labelled a ratio.
func TestRatio(t *testing.T) {
	in := "point,x,attempts,requests\n0,1,30,10\n1,2,5,0\n2,3,,4\n3,4,6,4\n"
	tab, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	f, err := newFrame(tab)
	if err != nil {
		t.Fatal(err)
	}
	v, ok, err := f.numbers("attempts/requests")
	if err != nil || !slices.Equal(ok, []bool{true, false, false, true}) || v[0] != 3 || v[3] != 1.5 {
		t.Errorf("attempts/requests = %v %v (%v), want 3, -, -, 1.5", v, ok, err)
	}
	s := Spec{X: "x", Y: "attempts/requests"}
	if err := ValidateSpec(s, []string{"x"}); err != nil {
		t.Errorf("ValidateSpec(%s): %v", s.Y, err)
	}
	if got := FileName(s); got != "attempts_per_requests.png" {
		t.Errorf("FileName = %s", got)
	}
	if got := yLabel(s.Y, noUnit, false); got != "attempts/requests (ratio)" {
		t.Errorf("yLabel = %s", got)
	}
	for _, y := range []string{"attempts/nope", "nope/requests", "attempts/", "/requests", "a/b/c"} {
		if err := ValidateSpec(Spec{X: "x", Y: y}, []string{"x"}); err == nil {
			t.Errorf("ValidateSpec(y: %s) accepted it", y)
		}
	}
	if err := ValidateSpec(Spec{X: "x", Y: "reliability/requests", Nines: true}, []string{"x"}); err == nil {
		t.Error("a ratio on a nines axis was accepted")
	}
}
