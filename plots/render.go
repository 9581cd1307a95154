package plots

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Render draws each spec from table t into dir as a PNG file and returns
// the paths of the files it wrote, in spec order. A spec that fails (an
// invalid spec, a missing column, nothing to plot) does not stop the
// others; all failures are joined in err, each naming its file. Files are
// written to a temporary name and renamed, so a chart is either whole or
// absent. The specs are checked with ValidateSpec against the table's
// swept columns (those that are neither "point" nor metric columns). dir
// must be an existing directory.
func Render(dir string, specs []Spec, t Table, m Meta) (files []string, err error) {
	return render(dir, specs, t, m, figDPI)
}

// render is Render at dpi dots per inch; tests that do not look at the
// pixels draw at a low resolution, which runs the same code faster.
func render(dir string, specs []Spec, t Table, m Meta, dpi int) (files []string, err error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("plots: %s is not a directory", dir)
	}
	f, err := newFrame(t)
	if err != nil {
		return nil, fmt.Errorf("plots: %w", err)
	}
	swept := f.swept()
	used := map[string]bool{}
	var errs []error
	for _, s := range specs {
		name := fileName(s)
		if err := ValidateSpec(s, swept); err != nil {
			errs = append(errs, fmt.Errorf("plots: chart %s: %w", name, err))
			continue
		}
		if used[name] {
			errs = append(errs, fmt.Errorf("plots: chart %s: file: %q is drawn by an earlier chart", name, name))
			continue
		}
		used[name] = true
		png, err := drawChart(f, s, m, dpi)
		if err != nil {
			errs = append(errs, fmt.Errorf("plots: chart %s: %w", name, err))
			continue
		}
		path := filepath.Join(dir, name)
		if err := writeFile(path, png); err != nil {
			errs = append(errs, fmt.Errorf("plots: chart %s: %w", name, err))
			continue
		}
		files = append(files, path)
	}
	return files, errors.Join(errs...)
}

// drawChart returns the PNG image of the chart s of f at dpi.
func drawChart(f *frame, s Spec, m Meta, dpi int) ([]byte, error) {
	fg, err := buildChart(f, s, m)
	if err != nil {
		return nil, err
	}
	return fg.png(dpi)
}

// buildChart returns the figure of the chart s of f.
func buildChart(f *frame, s Spec, m Meta) (*figure, error) {
	if s.X == TimeX {
		return timeChart(f, s, m)
	}
	if s.Y == Decomposition {
		return decompositionChart(f, s, m)
	}
	return lineChart(f, s, m)
}

// writeFile writes data to path through a temporary file in the same
// directory, renamed into place once complete.
func writeFile(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
