package experiments

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// pointsDir is the directory of a results directory that holds one file
// per finished point.
const pointsDir = "points"

// record is the result of one finished point as kept in
// points/NNNNNN.json: its runs.csv rows and its summary.csv row, as text,
// so that the final tables can be assembled from records alone (by a
// resumed run or by merge) byte for byte.
type record struct {
	Point   int        `json:"point"`
	SHA256  string     `json:"experiment_sha256"`
	Seed    uint64     `json:"seed"`
	Runs    [][]string `json:"runs"`
	Summary []string   `json:"summary"`
}

// recordPath returns the file of point p in results directory dir.
func recordPath(dir string, p int) string {
	return filepath.Join(dir, pointsDir, fmt.Sprintf("%06d.json", p))
}

// writeRecord stores rec in dir.
func writeRecord(dir string, rec *record) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return writeFile(recordPath(dir, rec.Point), append(data, '\n'))
}

// readRecord reads the record of point p from dir and checks that it
// belongs to the experiment with digest sha and seed seed and has the
// given numbers of runs and of summary cells.
func readRecord(dir string, p int, sha string, seed uint64, runs, cells int) (*record, error) {
	data, err := os.ReadFile(recordPath(dir, p))
	if err != nil {
		return nil, err
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("%s: %w", recordPath(dir, p), err)
	}
	if rec.Point != p || rec.SHA256 != sha || rec.Seed != seed || len(rec.Runs) != runs || len(rec.Summary) != cells {
		return nil, fmt.Errorf("%s: %w: not point %d of this experiment and seed", recordPath(dir, p), ErrIncompatible, p)
	}
	return &rec, nil
}

// clearRecords removes the point records of dir and temporary files left
// by a killed process.
func clearRecords(dir string, all bool) error {
	ents, err := os.ReadDir(filepath.Join(dir, pointsDir))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range ents {
		n := e.Name()
		tmp := strings.HasPrefix(n, ".") && strings.Contains(n, ".tmp")
		if tmp || all && strings.HasSuffix(n, ".json") {
			if err := os.Remove(filepath.Join(dir, pointsDir, n)); err != nil {
				return err
			}
		}
	}
	return nil
}
