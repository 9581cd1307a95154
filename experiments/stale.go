package experiments

import (
	"os"
	"path/filepath"
	"strings"
)

// removeStaleTemps removes from the results directory dir, which the
// caller has locked, the temporary files that writeFile and the chart
// renderer leave when the process is killed between creating and renaming
// them: ".NAME.tmpDIGITS" for NAME a table, the manifest or a chart
// (.png), and the same for point records in points/. Nothing else is
// touched.
func removeStaleTemps(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if e.Type().IsRegular() && isOutputTemp(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return clearRecords(dir, false)
}

// isOutputTemp reports whether n is the name of a temporary file of a
// table, the manifest or a chart.
func isOutputTemp(n string) bool {
	i := strings.LastIndex(n, ".tmp")
	if !strings.HasPrefix(n, ".") || i < 0 {
		return false
	}
	base, digits := n[1:i], n[i+len(".tmp"):]
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return false
	}
	switch base {
	case RunsFile, SummaryFile, SummaryJSONFile, SeriesFile, SeriesSummaryFile, manifestFile:
		return true
	}
	return strings.HasSuffix(base, ".png") && len(base) > len(".png")
}
