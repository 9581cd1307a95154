package plots

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var regen = flag.Bool("regen", false, "rewrite the golden images in testdata")

// synth describes a synthetic summary table: the swept paths and their
// values (the sweep is their cartesian product, first path outermost), the
// metrics and theory columns, and functions giving each value.
type synth struct {
	swept  []string
	values [][]string
	// metric returns the mean and the half-width of its 95% interval, or
	// ok false for a missing value.
	metric  func(pt map[string]string, name string, rng *rand.Rand) (mean, half float64, ok bool)
	metrics []string
	theory  func(pt map[string]string, name string) (float64, bool)
	thcols  []string
	seed    uint64
}

// table builds the summary table of s with columns point, swept...,
// M, M.lo, M.hi for every metric, then theory.<name> columns.
func (s synth) table() Table {
	rng := rand.New(rand.NewPCG(s.seed, 7))
	cols := append([]string{"point"}, s.swept...)
	for _, m := range s.metrics {
		cols = append(cols, m, m+".lo", m+".hi")
	}
	for _, c := range s.thcols {
		cols = append(cols, "theory."+c)
	}
	t := &memTable{cols: cols}
	var walk func(i int, pt map[string]string, vals []string)
	walk = func(i int, pt map[string]string, vals []string) {
		if i == len(s.swept) {
			row := append([]string{strconv.Itoa(len(t.rows))}, vals...)
			for _, m := range s.metrics {
				mean, half, ok := s.metric(pt, m, rng)
				if !ok {
					row = append(row, "", "", "")
					continue
				}
				row = append(row, fmtf(mean), fmtf(mean-half), fmtf(mean+half))
			}
			for _, c := range s.thcols {
				v, ok := s.theory(pt, c)
				if ok {
					row = append(row, fmtf(v))
				} else {
					row = append(row, "")
				}
			}
			t.rows = append(t.rows, row)
			return
		}
		for _, v := range s.values[i] {
			pt[s.swept[i]] = v
			walk(i+1, pt, append(vals, v))
		}
	}
	walk(0, map[string]string{}, nil)
	return t
}

func fmtf(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func num(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return v
}

// Policy overheads and service time of the synthetic queue model.
var (
	overhead = map[string]float64{"sync": 0.0015, "callback": 0.0006, "mq": 0.0032}
	service  = 0.008
)

// queueTable is an M/M/1-like sweep of arrival.mean × policy: delays grow
// as the load nears 1, theory (M/M/1 mean delay) exists below load 1 and
// not for mq, the mean delay splits into send, receive and process.
func queueTable(seed uint64) Table {
	noises := map[string]float64{}
	return synth{
		seed:  seed,
		swept: []string{"model.clients.arrival.mean", "model.policy"},
		values: [][]string{
			{"0.04", "0.02", "0.016", "0.0125", "0.01", "0.008"},
			{"sync", "callback", "mq"},
		},
		metrics: []string{"throughput", "reliability", "delay.mean", "delay.p99", "send.mean", "receive.mean", "process.mean"},
		thcols:  []string{"delay.mean"},
		metric: func(pt map[string]string, name string, rng *rand.Rand) (float64, float64, bool) {
			a := num(pt["model.clients.arrival.mean"])
			rho := service / a
			resp := service / math.Max(1-rho, 0.12) // the horizon bounds an unstable queue
			oh := overhead[pt["model.policy"]]
			// One noise per point and metric family, so that the mean
			// delay is the sum of its parts as in a real summary.
			key := pt["model.clients.arrival.mean"] + pt["model.policy"]
			if name != "delay.p99" && name != "throughput" && name != "reliability" {
				key += "delay"
			} else {
				key += name
			}
			noise, seen := noises[key]
			if !seen {
				noise = 1 + 0.04*rng.NormFloat64()
				noises[key] = noise
			}
			send, process := oh*0.6, oh*0.4+0.0004
			var v float64
			switch name {
			case "throughput":
				v = math.Min(1/a, 1/service) * noise
			case "reliability":
				v = 1 - 0.001*rho*noise
			case "delay.mean":
				v = (send + resp + process) * noise
			case "delay.p99":
				v = (send + resp*4.6 + process) * noise
			case "send.mean":
				v = send * noise
			case "receive.mean":
				v = resp * noise
			case "process.mean":
				v = process * noise
			}
			return v, v * (0.03 + 0.02*rng.Float64()), true
		},
		theory: func(pt map[string]string, name string) (float64, bool) {
			a := num(pt["model.clients.arrival.mean"])
			rho := service / a
			if rho >= 1 || pt["model.policy"] == "mq" {
				return 0, false
			}
			return service/(1-rho) + overhead[pt["model.policy"]] + 0.0004, true
		},
	}.table()
}

// checkGolden compares a PNG with testdata/<kind>_golden.png, or rewrites
// the golden image with -regen. On a mismatch it writes the new image to
// testdata/<kind>_got.png for a look.
func checkGolden(t *testing.T, kind string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", kind+"_golden.png")
	if *regen {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -regen to create it)", err)
	}
	if err := similar(got, want); err != nil {
		out := filepath.Join("testdata", kind+"_got.png")
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from %s: %v; new image in %s", kind, golden, err, out)
	}
}

// Tolerances of the golden comparison. An unmodified render matches its
// golden image exactly today; the tolerance only leaves room for a
// platform whose floating point rounds a few anti-aliased edge pixels
// differently. It is far below what a change of text makes: one digit of
// the subtitle ("95% CI" to "90% CI") changes 155 pixels, 73 of them by
// more than 48/255, and a changed word of a title or label changes more.
const (
	goldenLevel   = 48 // a pixel differs when a channel differs by more than this
	goldenDiffers = 4  // pixels that may differ by more than goldenLevel
	goldenTouched = 40 // pixels that may differ at all
)

// similar decodes two PNGs and reports whether they differ by more than
// the golden tolerances: same size, at most goldenTouched pixels differing
// at all and at most goldenDiffers by more than goldenLevel in a channel.
func similar(a, b []byte) error {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if ia.Bounds() != ib.Bounds() {
		return fmt.Errorf("size %v, want %v", ia.Bounds(), ib.Bounds())
	}
	bad, touched := 0, 0
	r := ia.Bounds()
	ra, okA := ia.(*image.RGBA)
	rb, okB := ib.(*image.RGBA)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			var d uint32
			if okA && okB {
				// The fast path for the images png.Decode returns for
				// vgimg's opaque RGBA images.
				pa, pb := ra.Pix[ra.PixOffset(x, y):][:4], rb.Pix[rb.PixOffset(x, y):][:4]
				for i := range pa {
					d = max(d, uint32(max(pa[i], pb[i])-min(pa[i], pb[i])))
				}
			} else {
				d = pixelDiff(ia, ib, x, y)
			}
			if d > 0 {
				touched++
			}
			if d > goldenLevel {
				bad++
			}
		}
	}
	if bad > goldenDiffers || touched > goldenTouched {
		return fmt.Errorf("%d pixels differ, %d of them by more than %d/255 (tolerance %d and %d)",
			touched, bad, goldenLevel, goldenTouched, goldenDiffers)
	}
	return nil
}

func pixelDiff(a, b image.Image, x, y int) uint32 {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	d := uint32(0)
	for _, p := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		v := p[0] >> 8
		w := p[1] >> 8
		if v > w {
			d = max(d, v-w)
		} else {
			d = max(d, w-v)
		}
	}
	return d
}

// testDPI is the resolution of charts whose pixels a test does not look
// at: the layout, in points, is the same as at figDPI, and drawing a
// hundredth of the pixels keeps go test -race quick.
const testDPI = 20

// chart draws one spec of t to PNG bytes at the figures' resolution.
func chart(t *testing.T, tab Table, s Spec, m Meta) []byte {
	t.Helper()
	png, err := drawChart(testFrame(t, tab, s), s, m, figDPI)
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// build returns the figure of one spec of t, checked like Render checks it.
func build(t *testing.T, tab Table, s Spec, m Meta) *figure {
	t.Helper()
	fg, err := buildChart(testFrame(t, tab, s), s, m)
	if err != nil {
		t.Fatal(err)
	}
	return fg
}

func testFrame(t *testing.T, tab Table, s Spec) *frame {
	t.Helper()
	f, err := newFrame(tab)
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateSpec(s, f.swept()); err != nil {
		t.Fatal(err)
	}
	return f
}
