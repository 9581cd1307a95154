package experiments

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadExperiment reads the experiment of a real summary.json, and of
// hand-made ones (after other members, before a damaged tail), as a full
// decoding would, and refuses files without one.
func TestReadExperiment(t *testing.T) {
	t.Parallel()
	exp, err := parse(t, `
name: readexp
seed: 4
replications: 2
horizon: 1s
model:
  clients: {arrival: {dist: exponential, mean: 20ms}}
  server: {service: 5ms}
sweep:
  model.policy: [sync, callback]
`)
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{NoCharts: true})
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		t.Fatal(err)
	}
	var whole struct {
		Experiment resolved `json:"experiment"`
	}
	if err := json.Unmarshal(data, &whole); err != nil {
		t.Fatal(err)
	}
	member, _ := json.Marshal(whole.Experiment)
	tmp := t.TempDir()
	for _, tt := range []struct {
		name, text, err string
	}{
		{"summary.json", string(data), ""},
		{"after others", `{"points": [{"a": [1, 2, {"b": "}"}]}], "x": null, "experiment": ` + string(member) + `}`, ""},
		{"damaged tail", `{"name": "e", "experiment": ` + string(member) + `, "points": [{`, ""},
		{"none", `{"name": "e", "points": []}`, `no "experiment"`},
		{"array", `[{"experiment": {}}]`, "not a JSON object"},
		{"damaged", `{"name": "e", "experiment": {"name": `, "unexpected EOF"},
	} {
		path := filepath.Join(tmp, strings.ReplaceAll(tt.name, " ", "_")+".json")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readExperiment(path)
		if tt.err != "" {
			if err == nil || err.Error() != path+": "+tt.err {
				t.Errorf("%s: error %v, want %q", tt.name, err, path+": "+tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		// Marshalled, since its model is raw JSON, compacted or not.
		if again, _ := json.Marshal(got); string(again) != string(member) {
			t.Errorf("%s: read %s, want %s", tt.name, again, member)
		}
	}
}
