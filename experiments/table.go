package experiments

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// Table is a result table as written to summary.csv: the column names and
// one row of cells per sweep point, in point order. Cells are text as in
// the file: numbers in their shortest form, swept words and distributions
// as written in the table, "" for a missing value.
type Table struct {
	Columns []string
	Rows    [][]string
}

// Column returns the index of the column called name, or -1.
func (t *Table) Column(name string) int {
	return slices.Index(t.Columns, name)
}

// Cell returns the cell of column col in row row, or "" when there is no
// such row or column.
func (t *Table) Cell(row int, col string) string {
	c := t.Column(col)
	if c < 0 || row < 0 || row >= len(t.Rows) || c >= len(t.Rows[row]) {
		return ""
	}
	return t.Rows[row][c]
}

// Float returns the number in column col of row row, and false when there
// is no such cell or it holds no number (an empty cell: a metric that no
// replication defined, a theory column without a closed form).
func (t *Table) Float(row int, col string) (float64, bool) {
	v, err := strconv.ParseFloat(t.Cell(row, col), 64)
	return v, err == nil
}

// ReadSummary reads the summary table of the finished results directory
// dir (its summary.csv).
func ReadSummary(dir string) (*Table, error) {
	return readTable(dir, SummaryFile)
}

// readTable reads the table name of the results directory dir.
func readTable(dir, name string) (*Table, error) {
	path := filepath.Join(dir, name)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a finished results directory: %w", dir, err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	return &Table{Columns: records[0], Rows: records[1:]}, nil
}

// plotTable shows a Table to package plots.
type plotTable struct{ t *Table }

func (p plotTable) Columns() []string        { return slices.Clone(p.t.Columns) }
func (p plotTable) Len() int                 { return len(p.t.Rows) }
func (p plotTable) Cell(row, col int) string { return p.t.Rows[row][col] }
