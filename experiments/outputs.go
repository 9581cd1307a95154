package experiments

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Names of the result tables in a results directory.
const (
	RunsFile        = "runs.csv"
	SummaryFile     = "summary.csv"
	SummaryJSONFile = "summary.json"
	// SeriesFile and SeriesSummaryFile are written when the experiment
	// sets timeseries:.
	SeriesFile        = "timeseries.csv"
	SeriesSummaryFile = "timeseries_summary.csv"
)

// writeTables writes runs.csv, summary.csv and summary.json into dir from
// the records of its points, in point order. They depend on r and recs
// only, which is what makes a resumed or merged run byte-identical to an
// uninterrupted one. A record whose rows are not in memory (Runs nil) is
// read back from dir, one at a time, so that runs.csv is streamed and
// memory does not grow with the number of runs. It returns the summary
// table.
func writeTables(dir string, r *resolved, recs []*record, id recordID) (*Table, error) {
	swept, _, isString := r.swept()
	isString[flagsColumn] = true
	summary := make([][]string, 0, len(recs))
	for _, rec := range recs {
		summary = append(summary, rec.Summary)
	}
	err := writeFileWith(filepath.Join(dir, RunsFile), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write(runsHeader(swept, r.columns(), r.GraphMetrics)); err != nil {
			return err
		}
		for _, rec := range recs {
			rows := rec.Runs
			if rows == nil {
				full, err := readBack(dir, rec, id)
				if err != nil {
					return err
				}
				rows = full.Runs
			}
			for _, row := range rows {
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return nil, err
	}
	if r.Timeseries > 0 {
		if err := writeSeries(dir, swept, r.SeriesMetrics, recs, id); err != nil {
			return nil, err
		}
	}
	header := summaryHeader(swept, r.columns(), r.GraphMetrics)
	if len(r.Baseline) > 0 {
		diffs, err := diffCells(dir, r, recs, id)
		if err != nil {
			return nil, err
		}
		header = append(header, diffHeader(append(slices.Clip(r.columns()), r.GraphMetrics...))...)
		for i := range summary {
			summary[i] = append(slices.Clip(summary[i]), diffs[i]...)
		}
	}
	summaryCSV, err := csvBytes(header, summary)
	if err != nil {
		return nil, err
	}
	summaryJSON, err := summaryJSONBytes(r, header, summary, isString)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{SummaryFile, summaryCSV}, {SummaryJSONFile, summaryJSON}} {
		if err := writeFile(filepath.Join(dir, f.name), f.data); err != nil {
			return nil, err
		}
	}
	return &Table{Columns: header, Rows: summary}, nil
}

// writeSeries writes timeseries.csv and timeseries_summary.csv into dir
// from the records of its points, in point order, reading back from dir
// the rows of a record that are not in memory, one at a time.
func writeSeries(dir string, swept, names []string, recs []*record, id recordID) error {
	for _, f := range []struct {
		name   string
		header []string
		rows   func(*record) [][]string
	}{
		{SeriesFile, seriesHeader(swept, names), func(r *record) [][]string { return r.Series }},
		{SeriesSummaryFile, seriesSummaryHeader(swept, names), func(r *record) [][]string { return r.SeriesSummary }},
	} {
		err := writeFileWith(filepath.Join(dir, f.name), func(w io.Writer) error {
			cw := csv.NewWriter(w)
			if err := cw.Write(f.header); err != nil {
				return err
			}
			for _, rec := range recs {
				if rec.Runs == nil { // dropped: on disk
					full, err := readBack(dir, rec, id)
					if err != nil {
						return err
					}
					rec = full
				}
				if err := cw.WriteAll(f.rows(rec)); err != nil {
					return err
				}
			}
			cw.Flush()
			return cw.Error()
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// csvBytes returns a CSV file with a header line.
func csvBytes(header []string, rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// summaryJSONBytes returns summary.json: the experiment's name, its
// resolved settings, the columns and one object per row with the keys in
// column order, numbers as JSON numbers and missing values as null.
func summaryJSONBytes(r *resolved, header []string, rows [][]string, isString map[string]bool) ([]byte, error) {
	var b bytes.Buffer
	name, _ := json.Marshal(r.Name)
	exp, err := json.MarshalIndent(r, "  ", "  ")
	if err != nil {
		return nil, err
	}
	cols, _ := json.Marshal(header)
	b.WriteString("{\n  \"name\": ")
	b.Write(name)
	b.WriteString(",\n  \"experiment\": ")
	b.Write(exp)
	b.WriteString(",\n  \"columns\": ")
	b.Write(cols)
	b.WriteString(",\n  \"rows\": [")
	keys := make([][]byte, len(header)) // "name": of every column
	str := make([]bool, len(header))
	for j, h := range header {
		k, _ := json.Marshal(h)
		keys[j], str[j] = append(k, ": "...), isString[h]
	}
	for i, row := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {")
		for j, c := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			b.Write(keys[j])
			b.Write(jsonCell(c, str[j]))
		}
		b.WriteByte('}')
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes(), nil
}

// jsonCell returns a table cell as a JSON value: a string for string
// columns, else a number, or null for an empty or non-finite cell.
func jsonCell(c string, isString bool) []byte {
	if isString {
		s, _ := json.Marshal(c)
		return s
	}
	if c == "" || !isJSONNumber(c) {
		return []byte("null")
	}
	return []byte(c)
}

// isJSONNumber reports whether s is a number in JSON syntax (RFC 8259
// section 6), maybe followed by white space: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
func isJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return strings.Trim(s[i:], " \t\n\r") == ""
}
