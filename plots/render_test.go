package plots

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"gonum.org/v1/plot"
)

func TestRenderDefaults(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tab := queueTable(1)
	specs := DefaultSpecs([]string{"model.clients.arrival.mean", "model.policy"})
	files, err := render(dir, specs, tab, arrivalMeta, testDPI)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(specs) {
		t.Fatalf("Render wrote %v, want %d files", files, len(specs))
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for i, s := range specs {
		if files[i] != filepath.Join(dir, s.File) {
			t.Errorf("file %d is %s, want %s", i, files[i], filepath.Join(dir, s.File))
		}
	}
	slices.Sort(names)
	want := []string{"decomposition.png", "delay_mean.png", "delay_p99.png", "reliability.png", "throughput.png"}
	if !slices.Equal(names, want) {
		t.Errorf("dir holds %v, want exactly %v (no temporary files)", names, want)
	}
}

func TestRenderDeterministic(t *testing.T) {
	// Byte-identical output, not merely similar: two renders of each kind
	// of chart (theory overlay with error bars, nines, panels) must match.
	x := "model.clients.arrival.mean"
	specs := []Spec{
		{File: "theory.png", X: x, Y: "delay.mean", Series: "model.policy"},
		{File: "nines.png", X: x, Y: "reliability", Nines: true},
		{File: "decomposition.png", X: x, Y: Decomposition, Series: "model.policy"},
	}
	t.Parallel()
	// The two renders run at once, which also checks that Render may be
	// called concurrently (under go test -race).
	var runs [2][]string
	var errs [2]error
	dirs := [2]string{t.TempDir(), t.TempDir()}
	var wg sync.WaitGroup
	for i := range runs {
		wg.Go(func() { runs[i], errs[i] = Render(dirs[i], specs, queueTable(9), arrivalMeta) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range runs[0] {
		a, _ := os.ReadFile(runs[0][i])
		b, _ := os.ReadFile(runs[1][i])
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same table differ", filepath.Base(runs[0][i]))
		}
	}
}

func TestRenderRejectsUnsafeFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bad := []string{"../escape.png", "/tmp/abs.png", "sub/x.png", "x.svg", "..", `..\x.png`}
	var specs []Spec
	for _, f := range bad {
		specs = append(specs, Spec{File: f, X: "model.clients.arrival.mean", Y: "delay.mean"})
	}
	specs = append(specs, Spec{File: "fine.png", X: "model.clients.arrival.mean", Y: "delay.mean"})
	files, err := render(dir, specs, queueTable(1), arrivalMeta, testDPI)
	if err == nil {
		t.Fatal("Render with unsafe file names succeeded")
	}
	for _, f := range bad {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not name %q", err, f)
		}
	}
	if len(files) != 1 || filepath.Base(files[0]) != "fine.png" {
		t.Errorf("Render wrote %v, want only fine.png", files)
	}
	var all []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if !d.IsDir() {
			all = append(all, p)
		}
		return nil
	})
	if len(all) != 1 || all[0] != filepath.Join(dir, "fine.png") {
		t.Errorf("files under %s: %v, want only out/fine.png", root, all)
	}
}

func TestRenderDuplicateFile(t *testing.T) {
	t.Parallel()
	s := Spec{File: "a.png", X: "model.clients.arrival.mean", Y: "delay.mean"}
	files, err := render(t.TempDir(), []Spec{s, s}, queueTable(1), arrivalMeta, testDPI)
	if err == nil || !strings.Contains(err.Error(), "earlier chart") || len(files) != 1 {
		t.Errorf("Render of two charts to one file: files %v, err %v", files, err)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	full := queueTable(1)
	x := "model.clients.arrival.mean"
	tests := []struct {
		name string
		tab  Table
		spec Spec
		meta Meta
		want string
	}{
		{"nil table", nil, Spec{X: x, Y: "delay.mean"}, arrivalMeta, "no summary table"},
		{"no rows", &memTable{cols: []string{"point", x, "delay.mean"}}, Spec{X: x, Y: "delay.mean"}, arrivalMeta, "no rows"},
		{"no columns", &memTable{}, Spec{X: x, Y: "delay.mean"}, arrivalMeta, "no columns"},
		{"missing metric", full, Spec{X: x, Y: "delay.p50"}, arrivalMeta, `no column "delay.p50"`},
		{"missing x", full, Spec{X: "model.server.workers", Y: "delay.mean"}, arrivalMeta, `"model.server.workers" is not a swept path`},
		{"missing interval", dropColumn(full, "delay.mean.hi"), Spec{X: x, Y: "delay.mean"}, arrivalMeta, `no column "delay.mean.hi"`},
		{"missing part", dropColumn(full, "receive.mean"), Spec{X: x, Y: Decomposition}, arrivalMeta, `no column "receive.mean"`},
		{"text metric", setCell(full, 2, "delay.mean", "fast"), Spec{X: x, Y: "delay.mean"}, arrivalMeta, `column "delay.mean", row 3: "fast" is not a number`},
		{"all empty", setColumn(full, "delay.p99", ""), Spec{X: x, Y: "delay.p99"}, arrivalMeta, `no values of "delay.p99"`},
		{"log of zeros", setColumn(full, "throughput", "0"), Spec{X: x, Y: "throughput", LogY: true}, arrivalMeta, "log axes leave out"},
		{"log of names", full, Spec{X: "model.policy", Y: "throughput", LogX: true}, arrivalMeta, "log_x"},
		{"no parts", setColumn(full, "send.mean", ""), Spec{X: x, Y: Decomposition}, arrivalMeta, "no point has all of"},
		{"empty x", setColumn(full, x, ""), Spec{X: x, Y: "delay.mean"}, arrivalMeta, "has no values"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		files, err := Render(dir, []Spec{tt.spec}, tt.tab, tt.meta)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Render error %v, want one containing %q", tt.name, err, tt.want)
		}
		if len(files) != 0 {
			t.Errorf("%s: Render wrote %v", tt.name, files)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: dir holds %d entries after a failed chart", tt.name, len(entries))
		}
	}
}

func TestRenderMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "absent")
	_, err := Render(dir, []Spec{{X: "model.policy", Y: "delay.mean"}}, queueTable(1), arrivalMeta)
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Render into a missing dir: %v, want an error naming the dir", err)
	}
}

// TestGapsNotZeros checks that empty theory cells break the theory line
// rather than being drawn as zeros.
func TestGapsNotZeros(t *testing.T) {
	rows := []int{0, 1, 2, 3, 4}
	vals := []string{"1", "2", "", "4", "5"}
	x := func(r int) float64 { return float64(r) }
	segs := segments(rows, x, func(r int) (float64, bool) {
		if vals[r] == "" {
			return 0, false
		}
		return num(vals[r]), true
	})
	if len(segs) != 2 || len(segs[0]) != 2 || len(segs[1]) != 2 {
		t.Fatalf("segments = %v, want two runs of two points", segs)
	}
	for _, s := range segs {
		for _, p := range s {
			if p.Y == 0 {
				t.Errorf("a missing value was drawn as zero: %v", segs)
			}
		}
	}
}

func dropColumn(t Table, name string) Table {
	m := t.(*memTable)
	i := slices.Index(m.cols, name)
	out := &memTable{cols: slices.Delete(slices.Clone(m.cols), i, i+1)}
	for _, r := range m.rows {
		out.rows = append(out.rows, slices.Delete(slices.Clone(r), i, i+1))
	}
	return out
}

func setCell(t Table, row int, name, v string) Table {
	m := t.(*memTable)
	out := &memTable{cols: m.cols}
	for _, r := range m.rows {
		out.rows = append(out.rows, slices.Clone(r))
	}
	out.rows[row][slices.Index(m.cols, name)] = v
	return out
}

func setColumn(t Table, name, v string) Table {
	for r := range t.Len() {
		t = setCell(t, r, name, v)
	}
	return t
}

// TestRenderLogClampsIntervals draws a log axis whose intervals reach below
// zero and values that are NaN or zero: they must be left out or clamped,
// never crash.
func TestRenderLogClampsIntervals(t *testing.T) {
	t.Parallel()
	tab := setColumn(queueTable(1), "delay.p99.lo", "-0.5")
	tab = setCell(tab, 0, "delay.p99", "NaN")
	tab = setCell(tab, 1, "delay.p99", "0")
	s := Spec{X: "model.clients.arrival.mean", Y: "delay.p99", Series: "model.policy", LogX: true, LogY: true}
	if _, err := render(t.TempDir(), []Spec{s}, tab, arrivalMeta, testDPI); err != nil {
		t.Fatal(err)
	}
}

// TestRenderExtremeValues feeds huge, tiny, negative and odd cells to
// every kind of chart. Each must draw, not panic and not fail: cells that
// are not finite numbers are left out, and what remains is drawn on axes
// that are finite, ordered and labelled with short finite numbers, into a
// PNG file of the usual size, the only file in its directory.
func TestRenderExtremeValues(t *testing.T) {
	t.Parallel()
	odd := []string{"1e308", "-1e308", "5e-324", "-3", "0", "Inf", "-Inf", "nan", " 2 ", "", "1e-300"}
	tab := queueTable(1)
	m := tab.(*memTable)
	for r := range m.rows {
		for c := 3; c < len(m.cols); c++ {
			m.rows[r][c] = odd[(r*7+c)%len(odd)]
		}
	}
	// One point whose delay parts can all be drawn, one of them huge.
	for _, c := range []struct{ col, v string }{{"send.mean", "3e306"}, {"receive.mean", "5e-324"}, {"process.mean", " 2 "}} {
		m.rows[4][slices.Index(m.cols, c.col)] = c.v
	}
	x := "model.clients.arrival.mean"
	specs := []Spec{
		{File: "a.png", X: x, Y: "delay.mean", Series: "model.policy"},
		{File: "b.png", X: x, Y: "delay.p99", LogX: true, LogY: true},
		{File: "c.png", X: x, Y: "reliability", Nines: true},
		{File: "d.png", X: x, Y: Decomposition, Series: "model.policy"},
		{File: "e.png", X: "model.policy", Y: "throughput", Series: x},
	}
	// The size of every chart: that of a chart of ordinary values.
	normal, err := drawChart(testFrame(t, queueTable(1), specs[0]), specs[0], arrivalMeta, testDPI)
	if err != nil {
		t.Fatal(err)
	}
	size := decodePNG(t, normal).Bounds()
	for _, reps := range []int{1, 10} {
		meta := arrivalMeta
		meta.Replications = reps
		for _, s := range specs {
			name := fmt.Sprintf("%d replications, %s", reps, s.File)
			dir := t.TempDir()
			files, err := render(dir, []Spec{s}, m, meta, testDPI)
			if err != nil || !slices.Equal(files, []string{filepath.Join(dir, s.File)}) {
				t.Errorf("%s: wrote %v, %v; want the chart alone", name, files, err)
				continue
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%s: %d files in the directory, want 1", name, len(entries))
			}
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if b := decodePNG(t, data).Bounds(); b != size {
				t.Errorf("%s: image %v, want %v", name, b, size)
			}
			fg := build(t, m, s, meta)
			for _, row := range fg.panels {
				for _, p := range row {
					if p != nil {
						checkAxis(t, name+" x", p.X)
						checkAxis(t, name+" y", p.Y)
					}
				}
			}
		}
	}
}

// checkAxis fails the test unless a's range is finite and not empty and
// its ticks include a label, every label a short text with no NaN or Inf.
func checkAxis(t *testing.T, name string, a plot.Axis) {
	t.Helper()
	if math.IsNaN(a.Min) || math.IsInf(a.Min, 0) || math.IsNaN(a.Max) || math.IsInf(a.Max, 0) || !(a.Min < a.Max) {
		t.Errorf("%s: axis range [%v, %v]", name, a.Min, a.Max)
		return
	}
	labels := 0
	for _, tk := range a.Tick.Marker.Ticks(a.Min, a.Max) {
		if tk.Label == "" {
			continue
		}
		labels++
		low := strings.ToLower(tk.Label)
		if utf8.RuneCountInString(tk.Label) > 16 || strings.Contains(low, "nan") || strings.Contains(low, "inf") {
			t.Errorf("%s: tick label %q", name, tk.Label)
		}
	}
	if labels == 0 {
		t.Errorf("%s: no labelled tick in [%v, %v]", name, a.Min, a.Max)
	}
}

// TestLinearTicksHugeValues checks the labels of a linear axis beyond the
// suffixes: exponent notation, not dozens of digits.
func TestLinearTicksHugeValues(t *testing.T) {
	var labels []string
	for _, tk := range (linearTicks{}).Ticks(0, 1e20) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if want := []string{"0", "2e+19", "4e+19", "6e+19", "8e+19", "1e+20"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
}

// decodePNG decodes a PNG image or fails the test.
func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}
