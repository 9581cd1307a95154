package experiments

import (
	"reflect"
	"testing"
)

// The sweepable distribution parameters, read from the distributions,
// with the kinds their swept values are reported in.
func TestDistParams(t *testing.T) {
	wantNames := []string{"dist", "value", "mean", "rate", "min", "max", "stddev", "cv", "mu", "sigma", "shape", "scale", "k", "file"}
	if !reflect.DeepEqual(distParamNames, wantNames) {
		t.Errorf("distParamNames %v, want %v", distParamNames, wantNames)
	}
	want := map[string]Kind{
		"dist": KindString, "value": KindDuration, "mean": KindDuration, "min": KindDuration, "max": KindDuration,
		"stddev": KindDuration, "scale": KindDuration, "rate": KindNumber, "cv": KindNumber, "mu": KindNumber,
		"sigma": KindNumber, "shape": KindNumber, "k": KindInteger, "file": KindString,
	}
	if !reflect.DeepEqual(distParams, want) {
		t.Errorf("distParams %v, want %v", distParams, want)
	}
	if want := []string{"means", "probs", "values"}; !reflect.DeepEqual(listParams, want) {
		t.Errorf("listParams %v, want %v", listParams, want)
	}
}
