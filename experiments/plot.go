package experiments

import (
	"encoding/json"
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
	data, err := os.ReadFile(filepath.Join(dir, SummaryJSONFile))
	if err != nil {
		return nil, fmt.Errorf("%s is not a finished results directory: %w", dir, err)
	}
	var s struct {
		Experiment resolved `json:"experiment"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, SummaryJSONFile), err)
	}
	table, err := ReadSummary(dir)
	if err != nil {
		return nil, err
	}
	return drawCharts(dir, &s.Experiment, table, 0)
}
