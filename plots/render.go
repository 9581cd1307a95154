package plots

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// Render draws each spec from table t into dir as a PNG file and returns
// the paths of the files it wrote, in spec order. A spec that fails (an
// invalid spec, a missing column, nothing to plot) does not stop the
// others; all failures are joined in err, each naming its file. Files are
// written to a temporary name and renamed, so a chart is either whole or
// absent. The specs are checked with ValidateSpec against the table's
// swept columns (those that are neither "point" nor metric columns). dir
// must be an existing directory. Up to runtime.GOMAXPROCS(0) charts are
// drawn at once; RenderParallel sets another bound.
func Render(dir string, specs []Spec, t Table, m Meta) (files []string, err error) {
	return renderAtOnce(dir, specs, t, m, figDPI, 0)
}

// RenderParallel is Render drawing at most parallel charts at once (at
// most runtime.GOMAXPROCS(0) when parallel <= 0). The files, their bytes,
// the order of files and the error do not depend on parallel.
func RenderParallel(dir string, specs []Spec, t Table, m Meta, parallel int) (files []string, err error) {
	return renderAtOnce(dir, specs, t, m, figDPI, parallel)
}

// render is Render at dpi dots per inch; tests that do not look at the
// pixels draw at a low resolution, which runs the same code faster.
func render(dir string, specs []Spec, t Table, m Meta, dpi int) (files []string, err error) {
	return renderAtOnce(dir, specs, t, m, dpi, 0)
}

// renderAtOnce is RenderParallel at dpi dots per inch.
func renderAtOnce(dir string, specs []Spec, t Table, m Meta, dpi, parallel int) (files []string, err error) {
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
	errs := make([]error, len(specs))
	var todo []int // the specs to draw
	for i, s := range specs {
		name := fileName(s)
		if err := ValidateSpec(s, swept); err != nil {
			errs[i] = fmt.Errorf("plots: chart %s: %w", name, err)
			continue
		}
		if used[name] {
			errs[i] = fmt.Errorf("plots: chart %s: file: %q is drawn by an earlier chart", name, name)
			continue
		}
		used[name] = true
		todo = append(todo, i)
	}
	written := make([]bool, len(specs))
	eachAtOnce(len(todo), parallel, func(k int) {
		i := todo[k]
		name := fileName(specs[i])
		png, err := drawChart(f, specs[i], m, dpi)
		if err == nil {
			err = writeFile(filepath.Join(dir, name), png)
		}
		if err != nil {
			errs[i] = fmt.Errorf("plots: chart %s: %w", name, err)
			return
		}
		written[i] = true
	})
	for i, s := range specs {
		if written[i] {
			files = append(files, filepath.Join(dir, fileName(s)))
		}
	}
	return files, errors.Join(errs...)
}

// eachAtOnce calls do(0) … do(n-1), at most parallel at a time (at most
// runtime.GOMAXPROCS(0) when parallel <= 0), and returns when all have
// returned.
func eachAtOnce(n, parallel int, do func(i int)) {
	if parallel <= 0 || parallel > runtime.GOMAXPROCS(0) {
		parallel = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(parallel, n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		})
	}
	wg.Wait()
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
	m = f.replicationCounts(m)
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
