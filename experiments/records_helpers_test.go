package experiments

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// readRecord returns the record of point p in dir with its rows, checked;
// an error satisfying isMissing when dir holds none.
func readRecord(dir string, p int, id recordID) (*record, error) {
	recs, err := readRecords(dir, id, func(q int) bool { return q == p })
	if err != nil {
		return nil, err
	}
	if recs[p] == nil {
		return nil, fmt.Errorf("no record of point %d in %s: %w", p, dir, os.ErrNotExist)
	}
	return readBack(dir, recs[p], id)
}

// recordLine returns the batch file of dir holding the record of point p
// and the index of its line there.
func recordLine(t *testing.T, dir string, p int) (path string, lines [][]byte, i int) {
	t.Helper()
	names, _, err := recordFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		path := filepath.Join(dir, pointsDir, n)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.SplitAfter(data, []byte("\n"))
		for i, line := range lines {
			var rec struct{ Point int }
			if json.Unmarshal(line, &rec) == nil && rec.Point == p {
				return path, lines, i
			}
		}
	}
	t.Fatalf("no record of point %d in %s", p, dir)
	return "", nil, 0
}

// recordPath returns the batch file of dir holding the record of point p.
func recordPath(t *testing.T, dir string, p int) string {
	t.Helper()
	path, _, _ := recordLine(t, dir, p)
	return path
}

// setRecordLine replaces the line of the record of point p in its batch
// file by line (nothing: removes it, and the file with its last line).
func setRecordLine(t *testing.T, dir string, p int, line []byte) {
	t.Helper()
	path, lines, i := recordLine(t, dir, p)
	lines[i] = line
	data := bytes.Join(lines, nil)
	if len(data) == 0 {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// removeRecord removes the record of point p from dir, as if the point
// had not finished.
func removeRecord(t *testing.T, dir string, p int) {
	t.Helper()
	setRecordLine(t, dir, p, nil)
}

// writeRecord replaces the record of point rec.Point in dir by rec, its
// checksum renewed.
func writeRecord(t *testing.T, dir string, rec *record) {
	t.Helper()
	rec.Checksum = rec.checksum()
	data, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	setRecordLine(t, dir, rec.Point, append(data, '\n'))
}

// countRecords returns the number of point records in dir.
func countRecords(t *testing.T, dir string) int {
	t.Helper()
	names, _, err := recordFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, pointsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		n += bytes.Count(data, []byte("\n"))
	}
	return n
}

// records returns the lines of the point records of dir, by point.
func records(t *testing.T, dir string) map[int]string {
	t.Helper()
	names, _, err := recordFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs := map[int]string{}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, pointsDir, n))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.SplitAfter(data, []byte("\n")) {
			var rec struct{ Point int }
			if json.Unmarshal(line, &rec) == nil {
				recs[rec.Point] = string(line)
			}
		}
	}
	return recs
}

// sameRecords fails the test unless dirs got and want hold the same point
// records, whatever their batches.
func sameRecords(t *testing.T, got, want string) {
	t.Helper()
	g, w := records(t, got), records(t, want)
	if n, m := countRecords(t, got), countRecords(t, want); n != m {
		t.Errorf("%s holds %d point records, %s %d", got, n, want, m)
	}
	for p, line := range w {
		if g[p] != line {
			t.Errorf("the record of point %d in %s differs from that in %s", p, got, want)
		}
	}
	for p := range g {
		if _, ok := w[p]; !ok {
			t.Errorf("%s holds a record of point %d, %s none", got, p, want)
		}
	}
}
