package experiments

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
)

// nextDir is the directory inside a results directory where a new run or
// merge is built while the directory still holds the finished results of
// an earlier one; swap moves it into place once it is complete.
const nextDir = ".next"

// swap completes the move of a complete run built in dir/.next into dir,
// if there is one: it is called once the run is complete and, in case a
// process was killed in the middle of it, by every writer of dir before
// anything else. Every step is a rename or a removal that can be done
// again, and the manifest moves last, so a kill at any point leaves either
// the old results (manifest and all) or a swap to finish. The caller holds
// the directory's lock.
func swap(dir string) error {
	next := filepath.Join(dir, nextDir)
	if err := plainDir(next); err != nil {
		return err
	}
	m, err := readManifest(next)
	if err != nil || m == nil || !m.Complete {
		return err
	}
	old, err := readManifest(dir)
	if err != nil {
		return err
	}
	checkpoint("swap begun")
	if err := swapRecords(dir, next, m); err != nil {
		return err
	}
	checkpoint("records moved")
	names := []string{RunsFile, SummaryFile, SummaryJSONFile, SeriesFile, SeriesSummaryFile}
	for _, n := range append(names, m.Charts...) {
		if err := os.Rename(filepath.Join(next, n), filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if m.Experiment.Timeseries == 0 { // those of an earlier run with timeseries: are stale
		for _, n := range []string{SeriesFile, SeriesSummaryFile} {
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	// Charts of either run that were not drawn this time are stale.
	var stale []resolvedChart
	if old != nil {
		stale = old.Experiment.Charts
	}
	for _, c := range append(stale, m.Experiment.Charts...) {
		if isChartFile(c.File) && !slices.Contains(m.Charts, c.File) {
			if err := os.Remove(filepath.Join(dir, c.File)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	checkpoint("tables moved")
	if err := os.Rename(filepath.Join(next, manifestFile), filepath.Join(dir, manifestFile)); err != nil {
		return err
	}
	checkpoint("manifest moved")
	return os.RemoveAll(next)
}

// swapRecords moves the record files of the run of manifest m from next
// into dir/points and removes the other record files of dir/points (an
// earlier run's). Both steps can be done again after a kill: m lists the
// run's files.
func swapRecords(dir, next string, m *manifest) error {
	points := filepath.Join(dir, pointsDir)
	if err := os.MkdirAll(points, 0o755); err != nil {
		return err
	}
	if err := plainDir(filepath.Join(next, pointsDir)); err != nil {
		return err
	}
	for _, n := range m.Records {
		if !isRecordName(n) {
			continue
		}
		if err := os.Rename(filepath.Join(next, pointsDir, n), filepath.Join(points, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	ents, err := os.ReadDir(points)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, n := range m.Records {
		keep[n] = true
	}
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() || !isRecordName(n) || keep[n] {
			continue
		}
		if err := os.Remove(filepath.Join(points, n)); err != nil {
			return err
		}
	}
	return nil
}

// isChartFile reports whether name is a chart file asyncsim may write in
// a results directory: a plain .png file name.
func isChartFile(name string) bool {
	return filepath.Base(name) == name && filepath.Ext(name) == ".png"
}
