package distributions

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/sim"
	"gopkg.in/yaml.v3"
)

// lookup returns the value node at the dotted path in the YAML document
// src, or nil when a key is missing (a missing key is a valid test input).
func lookup(t *testing.T, src, path string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("yaml: %v\n%s", err, src)
	}
	n := resolve(&doc)
	for _, k := range strings.Split(path, ".") {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		n = next
	}
	return n
}

// parseAt parses the distribution at path in src with files under dir.
func parseAt(t *testing.T, src, path, dir string) (Dist, error) {
	t.Helper()
	return Parse(lookup(t, src, path), path, ParseOptions{Dir: dir})
}

// testDir returns a directory holding the CSV files the tests read.
func testDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"lat.csv":      "# latencies\n1ms\n\n  2ms  \n# more\n0.003\r\n",
		"bom.csv":      "\ufeff5ms\n",
		"bad.csv":      "1ms\n-1ms\nabc\n\n2ms\n",
		"empty.csv":    "# nothing here\n\n",
		"many-bad.csv": strings.Repeat("x\n", 12),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestParseGood(t *testing.T) {
	dir := testDir(t)
	ms := sim.Millisecond
	tests := []struct {
		src  string // YAML whose key "a" holds the distribution
		want Dist
	}{
		{"a: 10ms", Constant{Value: 10 * ms}},
		{"a: 0.5", Constant{Value: 500 * ms}},
		{"a: 2", Constant{Value: 2 * sim.Second}},
		{"a: 0", Constant{}},
		{`a: "1e-3"`, Constant{Value: ms}},
		{"a: {dist: constant, value: 3ms}", Constant{Value: 3 * ms}},
		{"a: {dist: exponential, mean: 10ms}", Exponential{Scale: 0.01}},
		{"a: {dist: exponential, mean: 0.01}", Exponential{Scale: 0.01}},
		{"a: {dist: exponential, rate: 4}", Exponential{Scale: 0.25}},
		{"a: {dist: uniform, min: 1ms, max: 3ms}", Uniform{Min: 0.001, Max: 0.003}},
		{"a: {dist: uniform, min: 2ms, max: 2ms}", Uniform{Min: 0.002, Max: 0.002}},
		{"a: {dist: normal, mean: 10ms, stddev: 2ms}", Normal{Mu: 0.01, Sigma: 0.002}},
		{"a: {dist: normal, mean: 10ms, stddev: 0}", Normal{Mu: 0.01}},
		{"a: {dist: lognormal, mean: 10ms, cv: 0.5}", noErr(NewLogNormalMeanCV(0.01, 0.5))},
		{"a: {dist: lognormal, mu: -4.6, sigma: 0.5}", LogNormal{Mu: -4.6, Sigma: 0.5}},
		{"a: {dist: gamma, mean: 10ms, cv: 0.5}", noErr(NewGammaMeanCV(0.01, 0.5))},
		{"a: {dist: gamma, shape: 2, scale: 5ms}", Gamma{Shape: 2, Scale: 0.005}},
		{"a: {dist: erlang, k: 3, mean: 30ms}", noErr(NewErlang(3, 0.03))},
		{"a: {dist: erlang, k: 4.0, mean: 1}", Erlang{K: 4, Scale: 0.25}},
		{"a: {dist: weibull, shape: 1.5, scale: 10ms}", Weibull{Shape: 1.5, Scale: 0.01}},
		{"a: {dist: pareto, shape: 2.5, min: 1ms}", Pareto{Shape: 2.5, Min: 0.001}},
		{"a: {dist: hyperexponential, means: [1ms, 10ms], probs: [0.9, 0.1]}",
			HyperExponential{Means: []float64{0.001, 0.01}, Probs: []float64{0.9, 0.1}}},
		{"a:\n  dist: hyperexponential\n  means:\n    - 1ms\n    - 2ms\n    - 3ms\n  probs:\n    - 0.2\n    - 0.3\n    - 0.5\n",
			HyperExponential{Means: []float64{0.001, 0.002, 0.003}, Probs: []float64{0.2, 0.3, 0.5}}},
		{"a: {dist: empirical, values: [1ms, 2ms, 2ms, 0]}", Empirical{Values: []sim.Duration{ms, 2 * ms, 2 * ms, 0}}},
		{"a: {dist: empirical, file: lat.csv}", Empirical{Values: []sim.Duration{ms, 2 * ms, 3 * ms}}},
		{"a: {dist: empirical, file: bom.csv}", Empirical{Values: []sim.Duration{5 * ms}}},
		// Aliases, merge keys and quoting.
		{"b: &b {dist: exponential, mean: 10ms}\na: *b", Exponential{Scale: 0.01}},
		{"m: &m 10ms\na: {dist: exponential, mean: *m}", Exponential{Scale: 0.01}},
		{"b: &b {dist: gamma, shape: 2, scale: 5ms}\na: {<<: *b, shape: 3}", Gamma{Shape: 3, Scale: 0.005}},
		{"b: &b {dist: weibull, shape: 2}\nc: &c {shape: 9, scale: 1s}\na: {<<: [*b, *c]}", Weibull{Shape: 2, Scale: 1}},
		{`a: {"dist": "pareto", "shape": "3", "min": "2ms"}`, Pareto{Shape: 3, Min: 0.002}},
		{"a: !!str 4ms", Constant{Value: 4 * ms}},
	}
	for _, tt := range tests {
		got, err := parseAt(t, tt.src, "a", dir)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s\ngot  %#v, %v\nwant %#v", tt.src, got, err, tt.want)
		}
	}
}

func TestParseDocumentNode(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("{dist: exponential, rate: 2}"), &doc); err != nil {
		t.Fatal(err)
	}
	d, err := Parse(&doc, "x", ParseOptions{})
	if err != nil || d != (Exponential{Scale: 0.5}) {
		t.Errorf("Parse(document) = %v, %v", d, err)
	}
}

func TestParseBad(t *testing.T) {
	dir := testDir(t)
	const key = "model.clients.arrival"
	// block wraps a distribution mapping at the indentation of a real
	// experiment: its first line is line 4, column 7.
	block := func(body string) string {
		return "model:\n  clients:\n    arrival:\n" +
			"      " + strings.ReplaceAll(strings.TrimSpace(body), "\n", "\n      ") + "\n"
	}
	tests := []struct {
		src  string
		want []string
	}{
		{block("dist: lognormal\nmean: 10ms\ncv: -1"),
			[]string{"line 6, column 7: model.clients.arrival.cv: lognormal: cv must be > 0, got -1"}},
		{block("dist: lognormal\nmean: abc\ncv: 0"), []string{
			"line 5, column 7: model.clients.arrival.mean: lognormal: mean " + msgNotDuration + ", got abc",
			"line 6, column 7: model.clients.arrival.cv: lognormal: cv must be > 0, got 0",
		}},
		{block("dist: exponential\nmeen: 10ms"), []string{
			"line 4, column 7: model.clients.arrival: exponential: missing mean or rate",
			`line 5, column 7: model.clients.arrival.meen: unknown parameter "meen" for exponential (accepted: mean, rate); did you mean "mean"?`,
		}},
		{block("dist: exponential\nmean: 10ms\nrate: 5"), []string{
			"line 6, column 7: model.clients.arrival.rate: exponential: rate cannot be combined with mean (give mean or rate)",
		}},
		{block("dist: lognormal\nmean: 10ms\nsigma: 1"), []string{
			"line 6, column 7: model.clients.arrival.sigma: lognormal: sigma cannot be combined with mean (give mean and cv, or mu and sigma)",
		}},
		{block("dist: gamma\nmean: 10ms"), []string{
			"line 4, column 7: model.clients.arrival: gamma: missing cv (give mean and cv, or shape and scale)",
		}},
		{block("dist: uniform\nmin: 1ms"), []string{"line 4, column 7: model.clients.arrival: uniform: missing max"}},
		{block("dist: erlang"), []string{"line 4, column 7: model.clients.arrival: erlang: missing k, mean"}},
		{block("dist: expo\nmean: 1"), []string{
			`line 4, column 7: model.clients.arrival.dist: unknown distribution "expo" (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical); did you mean "exponential"?`,
		}},
		{block("dist: Gama\nmean: 1"), []string{
			`line 4, column 7: model.clients.arrival.dist: unknown distribution "Gama" (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical); did you mean "gamma"?`,
		}},
		{block("dist: [exponential]"), []string{
			"line 4, column 7: model.clients.arrival.dist: must be a distribution name (one of constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical), got a list",
		}},
		{block("mean: 10ms"), []string{
			"line 4, column 7: model.clients.arrival: missing dist: (accepted: constant, exponential, uniform, normal, lognormal, gamma, erlang, weibull, pareto, hyperexponential, empirical)",
		}},
		{block("dist: exponential\nmean: -5ms"), []string{
			"line 5, column 7: model.clients.arrival.mean: exponential: mean must be >= 0, got -5ms",
		}},
		{block("dist: exponential\nmean: 0"), []string{
			"line 5, column 7: model.clients.arrival.mean: exponential: mean must be > 0, got 0s",
		}},
		{block("dist: exponential\nrate: .inf"), []string{
			"line 5, column 7: model.clients.arrival.rate: exponential: rate must be finite, got .inf",
		}},
		{block("dist: exponential\nrate: fast"), []string{
			"line 5, column 7: model.clients.arrival.rate: exponential: rate must be a number, got fast",
		}},
		{block("dist: exponential\nmean: {a: 1}"), []string{
			"line 5, column 7: model.clients.arrival.mean: exponential: mean must be a duration, got a mapping",
		}},
		{block("dist: exponential\nmean:"), []string{
			"line 5, column 7: model.clients.arrival.mean: exponential: mean must be a duration, got nothing",
		}},
		{block("dist: uniform\nmin: 3ms\nmax: 1ms"), []string{
			"line 6, column 7: model.clients.arrival.max: uniform: max must be >= min (3ms), got 1ms",
		}},
		{block("dist: uniform\nmin: x\nmax: 1ms"), []string{
			"line 5, column 7: model.clients.arrival.min: uniform: min " + msgNotDuration + ", got x",
		}},
		{block("dist: erlang\nk: 2.5\nmean: 1"), []string{
			"line 5, column 7: model.clients.arrival.k: erlang: k must be a whole number, got 2.5",
		}},
		{block("dist: erlang\nk: 0\nmean: 1"), []string{
			"line 5, column 7: model.clients.arrival.k: erlang: k must be >= 1, got 0",
		}},
		{block("dist: hyperexponential\nmeans: [1ms, 2ms]\nprobs: [0.5, 0.6]"), []string{
			"line 6, column 7: model.clients.arrival.probs: hyperexponential: probs must sum to 1, got 1.1",
		}},
		{block("dist: hyperexponential\nmeans: [1ms, x, 3ms]\nprobs: [0.5, 0.5]"), []string{
			"line 5, column 20: model.clients.arrival.means[1]: hyperexponential: means[1] " + msgNotDuration + ", got x",
		}},
		{block("dist: hyperexponential\nmeans: 5ms\nprobs: [1]"), []string{
			"line 5, column 7: model.clients.arrival.means: hyperexponential: means must be a list, got 5ms",
		}},
		{block("dist: hyperexponential\nmeans:\n  - 1ms\n  - 0\nprobs:\n  - 1.5\n  - -0.5"), []string{
			"line 7, column 11: model.clients.arrival.means[1]: hyperexponential: means[1] must be > 0, got 0s",
			"line 9, column 11: model.clients.arrival.probs[0]: hyperexponential: probs[0] must be in [0, 1], got 1.5",
			"line 10, column 11: model.clients.arrival.probs[1]: hyperexponential: probs[1] must be in [0, 1], got -0.5",
		}},
		{block("dist: hyperexponential\nmeans: [1ms]\nprobs: [0.5, 0.5]"), []string{
			"line 6, column 7: model.clients.arrival.probs: hyperexponential: probs must have as many elements as means (1), got 2",
		}},
		{block("dist: empirical\nvalues: []"), []string{
			"line 5, column 7: model.clients.arrival.values: empirical: values must not be empty",
		}},
		{block("dist: empirical\nvalues: [1ms, -2ms]"), []string{
			"line 5, column 21: model.clients.arrival.values[1]: empirical: values[1] must be >= 0, got -2ms",
		}},
		{block("dist: empirical\nvalues: [1ms]\nfile: lat.csv"), []string{
			"line 6, column 7: model.clients.arrival.file: empirical: file cannot be combined with values (give values or file)",
		}},
		{block("dist: empirical\nfile: bad.csv"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file bad.csv line 2: must be >= 0",
			"line 5, column 7: model.clients.arrival.file: empirical: file bad.csv line 3: " + msgNotDuration,
		}},
		{block("dist: empirical\nfile: empty.csv"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file empty.csv has no values",
		}},
		{block("dist: empirical\nfile: sub"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file sub is not a regular file",
		}},
		{block("dist: empirical\nfile: ../lat.csv"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file ../lat.csv must be a relative path inside the experiment's directory",
		}},
		{block("dist: empirical\nfile: " + filepath.Join(dir, "lat.csv")), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file " + show(filepath.Join(dir, "lat.csv")) + " must be a relative path inside the experiment's directory",
		}},
		{block("dist: empirical\nfile: nope.csv"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file nope.csv not found (looked for " +
				filepath.Join(dir, "nope.csv") + ")",
		}},
		{block("dist: empirical\nfile: [a]"), []string{
			"line 5, column 7: model.clients.arrival.file: empirical: file must be a file name, got a list",
		}},
		{block("dist: exponential\nmean: 1\nmean: 2"), []string{
			"line 6, column 7: model.clients.arrival.mean: duplicate key",
		}},
		{block("dist: gamma\n<<: 5\nshape: 1\nscale: 1"), []string{
			"line 5, column 11: model.clients.arrival: merge (<<) value must be a mapping or a list of mappings, got 5",
		}},
		// Whole-node errors point at the value.
		{"model:\n  clients:\n    arrival: -5ms\n", []string{
			"line 3, column 14: model.clients.arrival: must be >= 0, got -5ms",
		}},
		{"model:\n  clients:\n    arrival: fast\n", []string{
			"line 3, column 14: model.clients.arrival: must be a duration or a mapping with dist:, got fast",
		}},
		{"model:\n  clients:\n    arrival: exponential\n", []string{
			"line 3, column 14: model.clients.arrival: must be a duration or a mapping with dist:, got exponential (for a distribution write {dist: exponential, ...})",
		}},
		{"model:\n  clients:\n    arrival: [1ms]\n", []string{
			"line 3, column 14: model.clients.arrival: must be a duration or a mapping with dist:, got a list",
		}},
		{"model:\n  clients:\n    arrival: ~\n", []string{
			"line 3, column 14: model.clients.arrival: missing distribution: want a duration (e.g. 10ms) or a mapping with dist:",
		}},
		{"model:\n  clients: {}\n", []string{
			"model.clients.arrival: missing distribution: want a duration (e.g. 10ms) or a mapping with dist:",
		}},
	}
	for _, tt := range tests {
		d, err := parseAt(t, tt.src, key, dir)
		if d != nil {
			t.Errorf("%s\ngot distribution %v with error %v", tt.src, d, err)
		}
		var got []string
		for _, e := range leaves(err) {
			var fe *FieldError
			if !errors.As(e, &fe) || fe != e {
				t.Errorf("%s\nerror %v is a %T, not a *FieldError", tt.src, e, e)
			}
			got = append(got, e.Error())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s\ngot  %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestParseFileProblemsCapped(t *testing.T) {
	dir := testDir(t)
	_, err := parseAt(t, "a: {dist: empirical, file: many-bad.csv}", "a", dir)
	errs := leaves(err)
	if len(errs) != maxFileProblems+1 {
		t.Fatalf("got %d errors, want %d: %v", len(errs), maxFileProblems+1, err)
	}
	if want := "line 1, column 22: a.file: empirical: file many-bad.csv and 2 more bad lines"; errs[len(errs)-1].Error() != want {
		t.Errorf("last error %q, want %q", errs[len(errs)-1], want)
	}
}

func TestFieldErrorWithoutPosition(t *testing.T) {
	e := &FieldError{Key: "k", Msg: "m"}
	if e.Error() != "k: m" {
		t.Errorf("Error() = %q", e.Error())
	}
	if (&FieldError{Msg: "m"}).Error() != "m" {
		t.Error("FieldError without key")
	}
	_, err := Parse(nil, "", ParseOptions{})
	if err == nil || err.Error() != "missing distribution: want a duration (e.g. 10ms) or a mapping with dist:" {
		t.Errorf("Parse(nil) error = %v", err)
	}
}
