package distributions

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzParse checks that Parse never panics, that every error it returns is a
// *FieldError, and that whatever it accepts samples within [0, MaxSample].
func FuzzParse(f *testing.F) {
	seeds := []string{
		"10ms", "0.5", "-1s", "~", "", "[1, 2]", "{}", "exponential",
		"{dist: constant, value: 3ms}",
		"{dist: exponential, mean: 10ms}",
		"{dist: exponential, rate: 4}",
		"{dist: exponential, mean: 10ms, rate: 4}",
		"{dist: exponential, meen: 10ms}",
		"{dist: uniform, min: 3ms, max: 1ms}",
		"{dist: normal, mean: 10ms, stddev: 2ms}",
		"{dist: lognormal, mean: 10ms, cv: 0.5}",
		"{dist: lognormal, mu: -4.6, sigma: .nan}",
		"{dist: gamma, mean: 10ms, cv: 1e-200}",
		"{dist: gamma, shape: 2, scale: 5ms}",
		"{dist: erlang, k: 1e300, mean: 1}",
		"{dist: weibull, shape: 1e-300, scale: 10ms}",
		"{dist: pareto, shape: 0.5, min: 1ms}",
		"{dist: hyperexponential, means: [1ms, x], probs: [0.5, 0.6, 2]}",
		"{dist: empirical, values: [1ms, 2ms]}",
		"{dist: empirical, file: data.csv}",
		"{dist: empirical, file: /dev/zero}",
		"{dist: [a], <<: 5}",
		"b: &b {dist: gamma, shape: 2, scale: 5ms}\na: {<<: [*b, *b], shape: 3}",
		"&a [*a]",
		"!!binary aGVsbG8=",
		"{? [a] : b, dist: expo}",
		"dist: exponential\nmean: 1\nmean: 2\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), []byte("1ms\n# c\n\n2ms\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	f.Fuzz(func(t *testing.T, src string) {
		var node yaml.Node
		if yaml.Unmarshal([]byte(src), &node) != nil {
			return
		}
		d, err := Parse(&node, "x", ParseOptions{Dir: dir})
		if err != nil {
			if d != nil {
				t.Fatalf("distribution %v returned with error %v", d, err)
			}
			for _, e := range leaves(err) {
				var fe *FieldError
				if !errors.As(e, &fe) {
					t.Fatalf("error %v is a %T", e, e)
				}
			}
			return
		}
		if d == nil {
			t.Fatal("nil distribution without error")
		}
		_, _, _ = d.Mean(), d.String(), d.Name()
		for range 10 {
			if s := d.Sample(r); s < 0 || s > MaxSample {
				t.Fatalf("%v: Sample = %v", d, s)
			}
		}
	})
}
