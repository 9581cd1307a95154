package experiments

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/plots"
	"github.com/asyncsim/asyncsim/sim"
)

// profileExp is an open-loop model with a profile of rates; the tests add
// keys after it.
const profileExp = `name: prof
horizon: 4s
warmup: 1s
model:
  clients:
    arrival: {dist: exponential, rate: 10}
    profile:
      - {at: 0s, rate: 7}
      - {at: 2s, rate: 20}
      - {at: 3s, rate: 7, ramp: 500ms}
    repeat: 10s
  server: {service: {dist: exponential, mean: 10ms}, workers: 2}
`

// Each form of the profile is read into models.Profile exactly.
func TestProfileForms(t *testing.T) {
	exp, err := parse(t, profileExp)
	if err != nil {
		t.Fatal(err)
	}
	want := models.Profile{Points: []models.ProfilePoint{
		{At: 0, Value: 7}, {At: 2 * sim.Second, Value: 20}, {At: 3 * sim.Second, Value: 7, Ramp: 500 * sim.Millisecond},
	}, Repeat: 10 * sim.Second}
	if got := exp.Points[0].Model.Clients.Profile; !sameProfile(got, want) {
		t.Errorf("rates: got %+v, want %+v", got, want)
	}

	exp, err = parse(t, `name: users
horizon: 4s
model:
  policy: sync
  clients:
    think: 100ms
    threads: 8
    profile: [{at: 0s, users: 2}, {at: 1s, users: 8}, {at: 3s, users: 0}]
  server: {service: 10ms}
`)
	if err != nil {
		t.Fatal(err)
	}
	want = models.Profile{Points: []models.ProfilePoint{{At: 0, Value: 2}, {At: sim.Second, Value: 8}, {At: 3 * sim.Second, Value: 0}}, Users: true}
	if got := exp.Points[0].Model.Clients.Profile; !sameProfile(got, want) {
		t.Errorf("users: got %+v, want %+v", got, want)
	}

	dir := t.TempDir()
	write(t, filepath.Join(dir, "rates.csv"), "\ufeff# seconds,rate\n0,5\n\n20, 10.5\n# a comment\n40s,0\n")
	write(t, filepath.Join(dir, "exp.yaml"), `name: file
horizon: 60s
model:
  clients:
    arrival: {dist: exponential, rate: 10}
    profile: {file: rates.csv}
  server: {service: 1ms}
`)
	exp = mustLoad(t, filepath.Join(dir, "exp.yaml"))
	want = models.Profile{Points: []models.ProfilePoint{{At: 0, Value: 5}, {At: 20 * sim.Second, Value: 10.5}, {At: 40 * sim.Second, Value: 0}}}
	if got := exp.Points[0].Model.Clients.Profile; !sameProfile(got, want) {
		t.Errorf("file: got %+v, want %+v", got, want)
	}
	if got, want := string(marshalModel(&exp.Points[0].Model)), `"profile":[{"at":0,"ramp":0,"rate":5},{"at":20,"ramp":0,"rate":10.5},{"at":40,"ramp":0,"rate":0}],"repeat":0`; !strings.Contains(got, want) {
		t.Errorf("resolved model %s\nlacks %s", got, want)
	}

	// Without a profile, neither key is written back.
	exp, err = parse(t, "name: none\nhorizon: 1s\nmodel: {clients: {arrival: 10ms}, server: {service: 1ms}}\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(marshalModel(&exp.Points[0].Model)); strings.Contains(got, "profile") || strings.Contains(got, "repeat") {
		t.Errorf("resolved model without a profile: %s", got)
	}
}

func sameProfile(a, b models.Profile) bool {
	return slices.Equal(a.Points, b.Points) && a.Repeat == b.Repeat && a.Users == b.Users
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadErrors returns the messages of the ErrorList of a file that must
// not load, the file's name replaced by exp.yaml.
func loadErrors(t *testing.T, text string) []string {
	t.Helper()
	_, err := parse(t, text)
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	var out []string
	for _, e := range list {
		e.File = "exp.yaml"
		out = append(out, e.Error())
	}
	return out
}

// Problems with the way a profile is written point at their key.
func TestProfileErrors(t *testing.T) {
	for _, c := range []struct{ profile, want string }{
		{"profile: 5", "exp.yaml:6:5: model.clients.profile: must be a list of points ({at: 0s, rate: 10}, ...) or {file: rates.csv}, got 5"},
		{"profile: [{at: 0s, rate: 1}, {at: 1s, users: 2}]", "exp.yaml:6:43: model.clients.profile.1.users: the profile's first point gives rate: a profile is of rates (open loop) or of users (closed loop), not both"},
		{"profile: [{at: 0s, rate: 1, users: 2}]", "exp.yaml:6:33: model.clients.profile.0.users: a point gives a rate or a number of users, not both"},
		{"profile: [{at: 0s, rate: 1, x: 2}]", "exp.yaml:6:33: model.clients.profile.0.x: unknown key (accepted: at, rate, users, ramp)"},
		{"profile: [{at: 0s, rate: 1}, {rate: 2}]", "exp.yaml:6:34: model.clients.profile.1.at: missing (required): when the point starts, e.g. at: 30s"},
		{"profile: [{at: 0s}]", "exp.yaml:6:15: model.clients.profile.0.rate: missing (required): the rate from then on, e.g. rate: 10 (or users: for closed-loop clients)"},
		{"profile: [{at: 0s, rate: fast}]", "exp.yaml:6:24: model.clients.profile.0.rate: must be a finite number, got fast"},
		{"profile: [{at: -1s, rate: 1}]", "exp.yaml:6:16: model.clients.profile.0.at: must be >= 0, got -1s"},
		{"profile: [7]", "exp.yaml:6:15: model.clients.profile.0: must be a point such as {at: 0s, rate: 10} or {at: 0s, users: 5}, got 7"},
		{"profile: {file: nowhere.csv}", "exp.yaml:6:15: model.clients.profile.file: nowhere.csv: not found"},
		{"profile: {path: x.csv}", "exp.yaml:6:15: model.clients.profile.path: unknown key (accepted: file)"},
	} {
		text := "name: e\nhorizon: 1s\nmodel:\n  clients:\n    arrival: {dist: exponential, rate: 10}\n    " + c.profile + "\n  server: {service: 1ms}\n"
		got := loadErrors(t, text)
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", c.profile, got, c.want)
		}
	}
}

// A file of rates is checked line by line.
func TestProfileFileErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "rates.csv"), "1,5\n2\n3,x\n3,-1\n2,4\n")
	write(t, filepath.Join(dir, "exp.yaml"), "name: e\nhorizon: 1s\nmodel:\n  clients:\n    arrival: 10ms\n    profile: {file: rates.csv}\n  server: {service: 1ms}\n")
	_, err := Load(filepath.Join(dir, "exp.yaml"))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	var got []string
	for _, e := range list {
		e.File = "exp.yaml"
		got = append(got, e.Error())
	}
	pre := `exp.yaml:6:15: model.clients.profile.file: rates.csv: `
	want := []string{pre + "line 1: the first line must be at 0", pre + `line 2: must be "seconds,rate"`,
		pre + "line 3: the rate is not a number", pre + "line 4: the rate must be >= 0", pre + "line 5: the first line must be at 0"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A value of a point of the profile can be swept; the other points keep
// their values.
func TestProfileSweep(t *testing.T) {
	exp, err := parse(t, profileExp+"sweep:\n  model.clients.profile.1.rate: [20, 40]\n  model.clients.profile.2.ramp: [0s, 1s]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Points) != 4 || exp.Sweep[0].Kind != KindNumber || exp.Sweep[1].Kind != KindDuration {
		t.Fatalf("%d points, kinds %v %v", len(exp.Points), exp.Sweep[0].Kind, exp.Sweep[1].Kind)
	}
	for i, w := range []struct {
		rate float64
		ramp sim.Duration
	}{{20, 0}, {20, sim.Second}, {40, 0}, {40, sim.Second}} {
		p := exp.Points[i].Model.Clients.Profile.Points
		if p[1].Value != w.rate || p[2].Ramp != w.ramp || p[0].Value != 7 || p[2].Value != 7 || p[2].At != 3*sim.Second {
			t.Errorf("point %d: %+v, want rate %v and ramp %v", i, p, w.rate, w.ramp)
		}
	}

	for _, c := range []struct{ path, want string }{
		{"model.clients.profile.3.rate", `exp.yaml:14:3: sweep.model.clients.profile.3.rate: no point 3 in model.clients.profile (it has 3: 0 to 2)`},
		{"model.clients.profile.1.speed", "exp.yaml:14:3: sweep.model.clients.profile.1.speed: sweep a key of the point (at, rate, users, ramp), e.g. model.clients.profile.1.rate"},
		{"model.clients.profile", "exp.yaml:14:3: sweep.model.clients.profile: model.clients.profile is a list, not a value; sweep a key of one of its points, e.g. model.clients.profile.1.rate"},
	} {
		got := loadErrors(t, profileExp+"sweep:\n  "+c.path+": [1, 2]\n")
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.path, got, c.want)
		}
	}
	// A swept value that is not a number points at the value.
	got := loadErrors(t, profileExp+"sweep:\n  model.clients.profile.1.rate: [20, lots]\n")
	if want := `exp.yaml:14:38: model.clients.profile.1.rate: must be a finite number, got lots`; len(got) != 1 || got[0] != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// timeseries: and drain: are read, checked and recorded.
func TestTimeseriesAndDrainKeys(t *testing.T) {
	base := "name: e\nhorizon: 10s\nmodel: {clients: {arrival: 10ms}, server: {service: 1ms}}\n"
	exp, err := parse(t, base+"timeseries: 500ms\ndrain: auto\n")
	if err != nil {
		t.Fatal(err)
	}
	if exp.Timeseries != 500*sim.Millisecond || exp.Drain != models.DrainAuto || !slices.Equal(exp.SeriesMetrics, models.SeriesNames(&exp.Points[0].Model)) {
		t.Errorf("timeseries %v, drain %v, series %v", exp.Timeseries, exp.Drain, exp.SeriesMetrics)
	}
	exp, err = parse(t, base+"drain: 2s\n")
	if err != nil || exp.Drain != 2*sim.Second || exp.Timeseries != 0 || exp.SeriesMetrics != nil {
		t.Errorf("drain: 2s: %v, %v, %v", err, exp.Drain, exp.SeriesMetrics)
	}
	for _, c := range []struct{ keys, want string }{
		{"timeseries: 0s\n", `exp.yaml:4:1: timeseries: must be > 0 (the length of a window), got 0s`},
		{"timeseries: 10us\ndrain: auto\n", "exp.yaml:4:1: timeseries: gives 2000000 windows per run over the horizon and the longest drain (at most 100000): use a longer window"},
		{"drain: soon\n", `exp.yaml:4:1: drain: must be a duration`},
		{"drain: -1s\n", `exp.yaml:4:1: drain: must be >= 0, got -1s`},
	} {
		got := loadErrors(t, base+c.keys)
		if len(got) != 1 || !strings.HasPrefix(got[0], c.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", c.keys, got, c.want)
		}
	}
}

// seriesExp records time series through the warm-up and a fixed drain,
// over two points and three replications.
const seriesExp = `name: series
horizon: 3s
warmup: 1s
replications: 3
timeseries: 500ms
drain: 1s
model:
  clients: {arrival: {dist: exponential, mean: 20ms}}
  server: {service: {dist: exponential, mean: 10ms}}
sweep:
  model.server.workers: [1, 2]
`

// timeseries.csv has a row per run and window, from 0 through the drain;
// timeseries_summary.csv the mean and Student-t interval of every column
// per point and window.
func TestTimeseriesTables(t *testing.T) {
	exp, err := parse(t, seriesExp)
	if err != nil {
		t.Fatal(err)
	}
	dir := mustRun(t, exp, Options{NoCharts: true})
	rows := readCSV(t, filepath.Join(dir, SeriesFile))
	names := models.SeriesNames(&exp.Points[0].Model)
	if want := append([]string{"point", "replication", "model.server.workers", "t"}, names...); !slices.Equal(rows[0], want) {
		t.Fatalf("header %v\nwant %v", rows[0], want)
	}
	// Each run has a window every 500ms from 0, warm-up included, through
	// its drain: 6 windows to the horizon, up to 8 when its drain lasts
	// the full second (it ends once every request has its outcome).
	runs := map[[2]int][][]string{}
	for _, row := range rows[1:] {
		p, _ := strconv.Atoi(row[0])
		r, _ := strconv.Atoi(row[1])
		if row[2] != strconv.Itoa(p+1) {
			t.Fatalf("row %v: workers %s at point %d", row, row[2], p)
		}
		runs[[2]int{p, r}] = append(runs[[2]int{p, r}], row)
	}
	if len(runs) != 6 {
		t.Fatalf("%d runs, want 6", len(runs))
	}
	longest := [2]int{}
	for k, rs := range runs {
		if len(rs) < 6 || len(rs) > 8 {
			t.Errorf("run %v: %d windows, want 6 to 8", k, len(rs))
		}
		for w, row := range rs {
			if row[3] != formatFloat(float64(w)*0.5) {
				t.Errorf("run %v window %d: t = %s", k, w, row[3])
			}
		}
		longest[k[0]] = max(longest[k[0]], len(rs))
	}
	sum := readCSV(t, filepath.Join(dir, SeriesSummaryFile))
	if want := seriesSummaryHeader([]string{"model.server.workers"}, names); !slices.Equal(sum[0], want) {
		t.Fatalf("summary header %v\nwant %v", sum[0], want)
	}
	if len(sum)-1 != longest[0]+longest[1] {
		t.Fatalf("%d summary rows, want %d", len(sum)-1, longest[0]+longest[1])
	}
	// Every summary cell is the mean and interval of the cells of the
	// runs that have the window.
	for i, row := range sum[1:] {
		p, w := 0, i
		if i >= longest[0] {
			p, w = 1, i-longest[0]
		}
		if row[0] != strconv.Itoa(p) || row[2] != formatFloat(float64(w)*0.5) {
			t.Fatalf("summary row %d starts %v", i+1, row[:3])
		}
		for j, name := range names {
			var col []float64
			for r := range 3 {
				if rs := runs[[2]int{p, r}]; w < len(rs) {
					col = append(col, parseCell(rs[w][4+j]))
				}
			}
			mean, lo, hi := interval(col)
			lo, hi = clipSeries(name, lo, hi)
			least, most := span(col)
			got := row[3+5*j : 8+5*j]
			if want := []string{formatFloat(mean), formatFloat(lo), formatFloat(hi), formatFloat(least), formatFloat(most)}; !slices.Equal(got, want) {
				t.Errorf("point %d window %d %s: %v, want %v", p, w, name, got, want)
			}
		}
	}
	// Requests are counted in the warm-up's windows too.
	if c := rows[1][4+slices.Index(names, "requests")]; parseCell(c) <= 0 {
		t.Errorf("no requests in the first window (warm-up): %q", c)
	}

	// Without a drain, every run has exactly the windows of the horizon.
	exp, err = parse(t, strings.Replace(seriesExp, "drain: 1s", "drain: 0s", 1))
	if err != nil {
		t.Fatal(err)
	}
	dir = mustRun(t, exp, Options{NoCharts: true})
	if n := len(readCSV(t, filepath.Join(dir, SeriesFile))) - 1; n != 2*3*6 {
		t.Errorf("drain: 0s: %d rows, want %d", n, 2*3*6)
	}
	if n := len(readCSV(t, filepath.Join(dir, SeriesSummaryFile))) - 1; n != 2*6 {
		t.Errorf("drain: 0s: %d summary rows, want %d", n, 2*6)
	}
}

func parseCell(c string) float64 {
	if c == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(c, 64)
	if err != nil {
		panic(err)
	}
	return v
}

// The time series are the same bytes whatever the parallelism, resumed
// after an interruption, or run in shards and merged.
func TestTimeseriesSameBytes(t *testing.T) {
	exp, err := parse(t, seriesExp)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	one := mustRun(t, exp, Options{Dir: filepath.Join(base, "one"), Parallel: 1, NoCharts: true})
	many := mustRun(t, exp, Options{Dir: filepath.Join(base, "many"), Parallel: 8, NoCharts: true})
	sameSeries(t, one, many)

	a := mustRun(t, exp, Options{Dir: filepath.Join(base, "a"), Shard: Shard{1, 2}})
	b := mustRun(t, exp, Options{Dir: filepath.Join(base, "b"), Shard: Shard{2, 2}})
	merged := filepath.Join(base, "m")
	if _, err := Merge(context.Background(), merged, []string{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	sameSeries(t, one, merged)

	dir := mustRun(t, exp, Options{Dir: filepath.Join(base, "r"), NoCharts: true})
	removeRecord(t, dir, 1)
	for _, f := range append(outputs, SeriesFile, SeriesSummaryFile) {
		os.Remove(filepath.Join(dir, f))
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	m.Complete = false
	if err := m.write(dir); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true, NoCharts: true})
	if err != nil || res.Resumed != 1 {
		t.Fatalf("resume: %v, %d resumed", err, res.Resumed)
	}
	sameSeries(t, one, dir)

	// A record whose series lost a cell is not this experiment's.
	rec, err := readRecord(dir, 0, m.recordID())
	if err != nil {
		t.Fatal(err)
	}
	rec.Series[0] = rec.Series[0][:len(rec.Series[0])-1]
	writeRecord(t, dir, rec)
	if _, err := readRecord(dir, 0, m.recordID()); !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "its time series has a number of cells that is not this experiment's") {
		t.Errorf("readRecord: %v", err)
	}

	// A later run without timeseries: leaves no time series behind.
	plain, err := parse(t, strings.Replace(seriesExp, "timeseries: 500ms\n", "", 1))
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, plain, Options{Dir: one, NoCharts: true})
	for _, f := range []string{SeriesFile, SeriesSummaryFile} {
		if _, err := os.Stat(filepath.Join(one, f)); !os.IsNotExist(err) {
			t.Errorf("%s after a run without timeseries: %v", f, err)
		}
	}
}

func sameSeries(t *testing.T, a, b string) {
	t.Helper()
	sameOutputs(t, a, b)
	for _, f := range []string{SeriesFile, SeriesSummaryFile} {
		x, err := os.ReadFile(filepath.Join(a, f))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}

// The checks of models.Config.Validate on a profile point at the key
// they are about.
func TestProfileChecks(t *testing.T) {
	got := loadErrors(t, `name: bad
horizon: 60s
model:
  clients:
    arrival: {dist: exponential, rate: 10}
    profile:
      - {at: 1s, rate: 7}
      - {at: 0s, rate: 20}
      - {at: 40s, rate: -7, ramp: 50s}
    repeat: 10s
  server: {service: 10ms}
`)
	want := []string{
		"exp.yaml:7:10: model.clients.profile.0.at: the first point must be at 0s, got 1s",
		"exp.yaml:8:10: model.clients.profile.1.at: must be after the point before (1s), got 0s",
		"exp.yaml:9:19: model.clients.profile.2.rate: must be a finite number >= 0, got -7",
		"exp.yaml:9:29: model.clients.profile.2.ramp: must fit between the point before (0s) and this one (40s), got 50s",
		"exp.yaml:10:5: model.clients.repeat: must be after the profile's last point (40s), got 10s",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	for _, c := range []struct{ model, want string }{
		{"policy: sync\n  clients: {think: 10ms, profile: [{at: 0s, rate: 3}]}",
			"exp.yaml:5:26: model.clients.profile: a profile of rates needs clients.arrival"},
		{"clients: {arrival: 10ms, profile: [{at: 0s, users: 3}]}",
			"exp.yaml:4:28: model.clients.profile: a profile of users needs a closed loop (clients.think)"},
		{"policy: sync\n  clients: {think: 10ms, profile: [{at: 0s, users: 3}, {at: 1s, users: 2, ramp: 1s}]}",
			"exp.yaml:5:75: model.clients.profile.1.ramp: a profile of users changes in steps: no ramp"},
		{"policy: sync\n  clients: {think: 10ms, profile: [{at: 0s, users: 1.5}]}",
			"exp.yaml:5:45: model.clients.profile.0.users: must be a whole number, got 1.5"},
		{"clients: {arrival: 10ms, repeat: 1s}",
			"exp.yaml:4:28: model.clients.repeat: needs a profile"},
	} {
		got := loadErrors(t, "name: e\nhorizon: 1s\nmodel:\n  "+c.model+"\n  server: {service: 1ms}\n")
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.model, got, c.want)
		}
	}
}

// The load warning takes the profile's peak rate, not the arrival
// distribution's; the work estimate the peak too, and the drain.
func TestProfilePeakLoad(t *testing.T) {
	exp, err := parse(t, `name: peak
horizon: 10s
model:
  clients:
    arrival: {dist: exponential, rate: 10}
    profile: [{at: 0s, rate: 10}, {at: 5s, rate: 200}]
  server: {service: 10ms}
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", exp.Warnings)
	}
	exp.Warnings[0].File = "exp.yaml"
	if got, want := exp.Warnings[0].Error(), "exp.yaml:3:1: model: offered load 2 >= 1 (200/s at the profile's peak × 10ms / 1 worker) with server.capacity 0: the server queues grow without bound while the load is that high"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	peak := EstimateWork(&exp).Events

	// Without the profile, the base rate of 10/s: a twentieth.
	exp, err = parse(t, "name: base\nhorizon: 10s\nmodel:\n  clients: {arrival: {dist: exponential, rate: 10}}\n  server: {service: 10ms}\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Warnings) != 0 {
		t.Errorf("warnings %v without the profile", exp.Warnings)
	}
	if base := EstimateWork(&exp).Events; math.Abs(peak/base-20) > 1e-9 {
		t.Errorf("estimate %v with the profile, %v without; want 20 times", peak, base)
	}

	// Crashes go on through the drain: an auto drain doubles their events.
	crash := "name: c\nhorizon: 10s\nmodel:\n  clients: {arrival: 1s}\n  server: {service: 1ms, crash: {uptime: 1s, downtime: 1s}}\n"
	var events [2]float64
	for i, drain := range []string{"drain: 0s\n", "drain: auto\n"} {
		exp, err := parse(t, crash+drain)
		if err != nil {
			t.Fatal(err)
		}
		events[i] = EstimateWork(&exp).Events
	}
	// 10 requests of 2 events, and 5 (then 10) crash cycles of 2 events.
	if events != [2]float64{30, 40} {
		t.Errorf("estimates %v, want [30 40]", events)
	}
}

// Charts over time: the defaults with timeseries:, what x: time may
// draw, and the redraw of asyncsim plot from the CSV files alone.
func TestTimeCharts(t *testing.T) {
	exp, err := parse(t, profileExp+"timeseries: 500ms\nreplications: 3\n")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, s := range exp.Charts {
		files = append(files, plots.FileName(s))
	}
	want := []string{"throughput_over_time.png", "delay_p99_over_time.png", "in_flight_over_time.png"}
	if !slices.Equal(files, want) {
		t.Errorf("default charts %v, want %v", files, want)
	}
	dir := mustRun(t, exp, Options{})
	r := resolveExperiment(&exp)
	r.Drain = 0.0
	if got, want := r.loadChanges(), []float64{2, 2.5, 3}; !slices.Equal(got, want) {
		t.Errorf("load changes %v, want %v", got, want)
	}
	// Repeated every 10s (the ramp's start too) up to the end of the run.
	r.Horizon, r.Drain = 20, 5.0
	if got, want := r.loadChanges(), []float64{2, 2.5, 3, 10, 12, 12.5, 13, 20, 22, 22.5, 23}; !slices.Equal(got, want) {
		t.Errorf("load changes %v, want %v", got, want)
	}
	before := map[string][]byte{}
	for _, f := range want {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		before[f] = data
		os.Remove(filepath.Join(dir, f))
	}
	drawn, err := Plot(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(drawn) != 3 {
		t.Errorf("Plot drew %v", drawn)
	}
	for _, f := range want {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !bytes.Equal(data, before[f]) {
			t.Errorf("%s redrawn differs (%v)", f, err)
		}
	}

	for _, c := range []struct{ extra, want string }{
		{"charts: [{x: time, y: throughput}]\n", "exp.yaml:13:11: charts[0].x: time draws the time series, but the experiment has none: set timeseries: (the window, e.g. timeseries: 1s)"},
		{"timeseries: 1s\ncharts: [{x: time, y: reliability}]\n", "exp.yaml:14:20: charts[0].y: reliability is not a column of the time series (columns: requests, attempts, succeeded, failed, throughput, in_flight, timeouts, retries, rejected, lost, late, short_circuited, hedges, expired, shed, rate_limited, ejections, budget_exhausted, fallbacks, delay.mean, delay.p50, delay.p99, server.utilization, server.queue.mean)"},
		{"timeseries: 1s\ncharts: [{x: time, y: throughput, log_x: true}]\n", "exp.yaml:14:35: charts[0].log_x: not available over time"},
		{"timeseries: 1s\ncharts: [{x: time, y: throughput, series: model.server.workers}]\n", `exp.yaml:14:35: charts[0].series: "model.server.workers" is not a swept path (swept: none)`},
	} {
		got := loadErrors(t, profileExp+c.extra)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.extra, got, c.want)
		}
	}
	// A chart over time may be drawn beside a chart against a swept path.
	exp, err = parse(t, profileExp+"timeseries: 1s\nsweep: {model.server.workers: [1, 2]}\ncharts:\n  - {x: time, y: delay.p99, series: model.server.workers}\n  - {x: model.server.workers, y: throughput}\n")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), exp, Options{Dir: filepath.Join(t.TempDir(), "out")})
	if err != nil || res.ChartErr != nil || len(res.Charts) != 2 {
		t.Errorf("Run: %v, charts %v (%v)", err, res.Charts, res.ChartErr)
	}
}

// A file of rates is data like an empirical distribution's: a resume or
// merge after editing it is refused.
func TestEditedRatesFileRefused(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "exp.yaml")
	rates := filepath.Join(dir, "rates.csv")
	write(t, file, "name: rates\nhorizon: 2s\nmodel:\n  clients:\n    arrival: {dist: exponential, rate: 10}\n    profile: {file: rates.csv}\n  server: {service: 1ms}\nsweep:\n  model.clients.count: [1, 2]\ncharts: []\n")
	write(t, rates, "0,10\n1,20\n")
	exp := mustLoad(t, file)
	out := mustRun(t, exp, Options{})
	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	write(t, rates, "0,10\n1,30\n")
	edited := mustLoad(t, file)
	s2 := mustRun(t, edited, Options{Shard: Shard{2, 2}})
	setManifestField(t, out, "complete", false)
	_, err := Run(context.Background(), edited, Options{Dir: out, Resume: true})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "the data files of its empirical distributions or profile (file:) have changed since") {
		t.Errorf("resume after editing the rates: %v", err)
	}
	if _, err := Merge(context.Background(), filepath.Join(t.TempDir(), "m"), []string{s1, s2}, nil); !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "data") {
		t.Errorf("merge of shards run on two rates files: %v", err)
	}
}
