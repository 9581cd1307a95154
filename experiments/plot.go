package experiments

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Plot redraws the charts of the finished results directory dir from its
// summary.csv, with the charts and settings recorded in its summary.json.
// It returns the files written, drawing up to GOMAXPROCS charts at once.
// In a results directory of asyncsim it takes the directory's lock, so it
// fails with ErrBusy while a run or merge writes there.
func Plot(dir string) ([]string, error) {
	if checkMarker(filepath.Join(dir, markerFile)) == nil {
		lock, err := lockDir(dir)
		if err != nil {
			return nil, err
		}
		defer lock.Close()
	}
	exp, err := readExperiment(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		return nil, err
	}
	table, err := ReadSummary(dir)
	if err != nil {
		return nil, err
	}
	return drawCharts(dir, exp, table, 0)
}

// readExperiment returns the "experiment" member of the summary.json at
// path. It reads the file only up to the end of that member, which comes
// before the points: a summary of thousands of points is megabytes of
// JSON, whose decoding took longer than a chart.
func readExperiment(path string) (*resolved, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a finished results directory: %w", filepath.Dir(path), err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	bad := func(err error) (*resolved, error) { return nil, fmt.Errorf("%s: %w", path, err) }
	if tok, err := dec.Token(); err != nil {
		return bad(err)
	} else if tok != json.Delim('{') {
		return bad(errors.New("not a JSON object"))
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		if key == "experiment" {
			var r resolved
			if err := dec.Decode(&r); err != nil {
				return bad(err)
			}
			return &r, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return bad(err)
		}
	}
	return bad(errors.New(`no "experiment"`))
}
