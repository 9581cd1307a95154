package experiments

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/asyncsim/asyncsim/plots"
)

// Plot redraws the charts of the finished results directory dir from its
// summary.csv, with the charts and settings recorded in its summary.json.
// It returns the files written.
func Plot(dir string) ([]string, error) {
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
	csvData, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		return nil, fmt.Errorf("%s is not a finished results directory: %w", dir, err)
	}
	table, err := plots.ReadCSV(bytes.NewReader(csvData))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, SummaryFile), err)
	}
	return drawCharts(dir, &s.Experiment, table)
}
