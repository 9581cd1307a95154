package experiments

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// pointsDir is the directory of a results directory that holds the
// records of the finished points, in batches (see recordWriter).
const pointsDir = "points"

// record is the result of one finished point as kept in a line of a
// batch file of points/: its runs.csv rows and its summary.csv row, as text,
// so that the final tables can be assembled from records alone (by a
// resumed run or by merge) byte for byte. It carries its own identity
// (experiment digest, build, seed, point, replications) and a checksum of
// everything else, so that an edited, relabelled or foreign record is
// refused rather than assembled.
type record struct {
	Point        int        `json:"point"`
	SHA256       string     `json:"experiment_sha256"`
	Build        string     `json:"build"`
	Seed         uint64     `json:"seed"`
	Replications int        `json:"replications"`
	Runs         [][]string `json:"runs"`
	Summary      []string   `json:"summary"`
	// Series and SeriesSummary are the point's timeseries.csv and
	// timeseries_summary.csv rows, absent without timeseries: windows ×
	// columns cells per run.
	Series        [][]string `json:"series,omitempty"`
	SeriesSummary [][]string `json:"series_summary,omitempty"`
	// Warnings are the point's flags with their reasons, kept so that a
	// resumed run or a merge can report them.
	Warnings []PointWarning `json:"warnings,omitempty"`
	// Checksum is the SHA-256 of the record's JSON with Checksum empty.
	Checksum string `json:"checksum"`
	// at is where the record is on disk, once written or read.
	at recordAt
}

// drop forgets the rows of rec that are kept on disk only (all but the
// summary row): writeTables reads them back one point at a time.
func (rec *record) drop() {
	rec.Runs, rec.Series, rec.SeriesSummary = nil, nil, nil
}

// recordID is what a record must match to be read: the experiment, build
// and seed of the directory and the shape of its rows.
type recordID struct {
	SHA256       string
	Build        string
	Seed         uint64
	Replications resolvedReplications // the counts a record may have
	Cells        int                  // summary cells
	RunCells     int                  // cells of a runs.csv row
	// SeriesCells and SeriesSummaryCells are the cells of a
	// timeseries.csv and a timeseries_summary.csv row, 0 without
	// timeseries.
	SeriesCells, SeriesSummaryCells int
}

// recordID returns what every point record of the run of m must match.
func (m *manifest) recordID() recordID {
	r := &m.Experiment
	id := recordID{m.SHA256, m.Build, m.Seed, r.Replications, len(summaryHeader(sweptPaths(r), r.columns(), r.GraphMetrics)),
		len(runsHeader(sweptPaths(r), r.columns(), r.GraphMetrics)), 0, 0}
	if r.Timeseries > 0 {
		id.SeriesCells = len(seriesHeader(sweptPaths(r), r.SeriesMetrics))
		id.SeriesSummaryCells = len(seriesSummaryHeader(sweptPaths(r), r.SeriesMetrics))
	}
	return id
}

// checksum returns the checksum of rec.
func (rec record) checksum() string {
	rec.Checksum = ""
	data, _ := json.Marshal(rec)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// damage says why rec, read as the record of point p of a run with
// master seed seed, is not intact (edited, damaged or relabelled), or
// returns "".
func (rec *record) damage(p int, seed uint64) string {
	switch {
	case rec.Checksum != rec.checksum():
		return "its checksum does not match its content (edited or damaged)"
	case rec.Point != p:
		return fmt.Sprintf("it holds point %d, not %d", rec.Point, p)
	case rec.Replications != len(rec.Runs) || len(rec.Summary) == 0:
		return "its number of runs is not the one it records"
	case rec.Summary[0] != strconv.Itoa(p):
		return fmt.Sprintf("its summary row is labelled point %s", rec.Summary[0])
	}
	for r, row := range rec.Runs {
		if len(row) < 3 || row[0] != strconv.Itoa(p) || row[1] != strconv.Itoa(r) || row[2] != strconv.FormatUint(RunSeed(seed, r), 10) {
			return fmt.Sprintf("its run %d is not labelled point %d, replication %d, seed %d", r, p, r, RunSeed(seed, r))
		}
	}
	for _, rows := range [][][]string{rec.Series, rec.SeriesSummary} {
		for _, row := range rows {
			if len(row) == 0 || row[0] != strconv.Itoa(p) {
				return fmt.Sprintf("a row of its time series is not labelled point %d", p)
			}
		}
	}
	return ""
}

// mismatch says why the intact record rec does not belong to the results
// of id, or returns "".
func (rec *record) mismatch(id recordID) string {
	switch {
	case rec.SHA256 != id.SHA256 || rec.Seed != id.Seed:
		return "it belongs to another experiment file or seed"
	case rec.Build != id.Build:
		return "it was written by another build of asyncsim"
	case !id.Replications.allows(rec.Replications) || len(rec.Summary) != id.Cells:
		return "its number of runs or of summary cells is not this experiment's"
	}
	for _, row := range rec.Runs {
		if len(row) != id.RunCells {
			return "its runs have a number of cells that is not this experiment's"
		}
	}
	if id.SeriesSummaryCells == 0 && (rec.Series != nil || rec.SeriesSummary != nil) {
		return "it holds a time series, which this experiment does not record"
	}
	for _, row := range rec.Series {
		if len(row) != id.SeriesCells {
			return "its time series has a number of cells that is not this experiment's"
		}
	}
	for _, row := range rec.SeriesSummary {
		if len(row) != id.SeriesSummaryCells {
			return "its time series summary has a number of cells that is not this experiment's"
		}
	}
	return ""
}

// clearRecords removes from dir/points the temporary files of records
// left by a killed process and, with all, the records themselves: only
// files of the names asyncsim gives them (NNNNNN.jsonl and
// .NNNNNN.jsonl.tmp…, or NNNNNN.json of a point of earlier versions),
// never other files of the user's.
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
		if e.Type().IsRegular() && (isRecordTemp(n) || all && isRecordName(n)) {
			if err := os.Remove(filepath.Join(dir, pointsDir, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// isRecordName reports whether n is the name of a file of point
// records: six or more digits and ".jsonl" (a batch), or ".json" (the
// record of one point, as earlier versions wrote them).
func isRecordName(n string) bool {
	digits, ok := strings.CutSuffix(n, ".jsonl")
	if !ok {
		digits, ok = strings.CutSuffix(n, ".json")
	}
	return ok && len(digits) >= 6 && strings.Trim(digits, "0123456789") == ""
}

// isRecordTemp reports whether n is the name of a temporary file of a
// file of point records (see writeFile).
func isRecordTemp(n string) bool {
	i := strings.LastIndex(n, ".tmp")
	return i > 0 && strings.HasPrefix(n, ".") && isRecordName(n[1:i])
}
