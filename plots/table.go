package plots

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// Table is a summary table: column names and rows of cells as text.
// An empty cell means a missing value.
type Table interface {
	Columns() []string
	Len() int
	Cell(row, col int) string
}

// memTable is a Table held in memory, row by row.
type memTable struct {
	cols []string
	rows [][]string
}

func (t *memTable) Columns() []string { return append([]string(nil), t.cols...) }

func (t *memTable) Len() int { return len(t.rows) }

func (t *memTable) Cell(row, col int) string { return t.rows[row][col] }

// ReadCSV reads a table written as CSV with a header line, such as
// summary.csv. Every record must have as many fields as the header and
// column names must be unique.
func ReadCSV(r io.Reader) (Table, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("plots: csv: no header line")
	}
	if err != nil {
		return nil, fmt.Errorf("plots: csv: %w", err)
	}
	seen := make(map[string]bool, len(header))
	for _, c := range header {
		if c == "" {
			return nil, errors.New("plots: csv: empty column name in header")
		}
		if seen[c] {
			return nil, fmt.Errorf("plots: csv: duplicate column %q", c)
		}
		seen[c] = true
	}
	cr.FieldsPerRecord = len(header)
	cr.ReuseRecord = false
	t := &memTable{cols: header}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("plots: csv: %w", err)
		}
		t.rows = append(t.rows, rec)
	}
}
