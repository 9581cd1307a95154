package experiments

import (
	"encoding/json"
	"testing"
)

// TestMarshalRecord: a record's line is its JSON with its checksum, as
// json.Marshal writes it.
func TestMarshalRecord(t *testing.T) {
	rec := &record{Point: 7, SHA256: "ab", Build: "b", Seed: 3, Replications: 1, Runs: [][]string{{"7", "0", "x\"y"}}, Summary: []string{"7", "<&>"},
		Warnings: []PointWarning{{Point: 7, Kind: "short", Msg: "why"}}}
	got, err := marshalRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(rec)
	if string(got) != string(want) || rec.Checksum != rec.checksum() {
		t.Errorf("marshalRecord:\n%s\nwant\n%s", got, want)
	}
}
