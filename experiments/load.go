package experiments

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
)

// maxFileSize bounds the size of an experiment file.
const maxFileSize = 4 << 20

// maxReplications bounds replications per point.
const maxReplications = 100_000

// topKeys are the keys accepted at the top of an experiment file.
var topKeys = []string{"name", "description", "seed", "replications", "horizon", "warmup", "timeseries", "drain", "percentiles", "slo", "model", "sweep", "cases", "baseline", "charts"}

// nameRE is what an experiment name may be made of.
var nameRE = regexp.MustCompile(`^[a-z0-9_-]+$`)

// Load reads and checks the experiment file at path. It only reads: it
// writes nothing and prints nothing. When the file is invalid the error is
// an ErrorList holding every problem found, each naming the file, line,
// column and key; warnings about a valid file are in Experiment.Warnings.
// Relative paths inside the file (empirical distributions) are resolved
// against the file's directory. Top-level keys starting with "x-" are
// ignored, so that they can hold YAML anchors shared by the model.
func Load(path string) (Experiment, error) {
	data, err := readLimited(path)
	if err != nil {
		return Experiment{}, ErrorList{{File: path, Msg: err.Error()}}
	}
	return Parse(path, data)
}

// errNotRegular refuses a FIFO, a device or a socket as an experiment
// file: reading one could block forever or never end.
var errNotRegular = errors.New("is not a regular file, not an experiment file")

// readLimited reads a regular file of at most maxFileSize bytes.
func readLimited(path string) ([]byte, error) {
	// Stat before opening: opening a FIFO blocks until a writer comes.
	if st, err := os.Stat(path); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the experiment file: %w", errors.Unwrap(err))
	}
	return readOpened(f)
}

// readOpened reads and closes an opened experiment file of at most
// maxFileSize bytes.
func readOpened(f fs.File) ([]byte, error) {
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err == nil && st.IsDir():
		return nil, errors.New("is a directory, not an experiment file")
	case err == nil && !st.Mode().IsRegular():
		return nil, errNotRegular // replaced since it was looked at
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the experiment file: %w", err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("is larger than %d MiB; an experiment file is a short YAML file", maxFileSize>>20)
	}
	return data, nil
}

// Parse checks the experiment held in data as if read from the file named
// file, like Load.
func Parse(file string, data []byte) (Experiment, error) {
	return parseIn(file, distributions.DirFiles(filepath.Dir(file)), data)
}

// parseIn checks the experiment held in data as read from file, reading
// empirical file: paths with files.
func parseIn(file string, files *distributions.Files, data []byte) (Experiment, error) {
	l := &loader{file: file, files: files}
	l.yr.Report = l.fail
	exp := l.load(data)
	if len(l.errs) > 0 {
		return Experiment{}, ErrorList(capErrors(file, sortErrors(l.errs)))
	}
	exp.Warnings = sortErrors(l.warns)
	return exp, nil
}

// maxErrors is how many problems an ErrorList holds: enough to fix, few
// enough to read (200,000 unknown keys printed 50,001 lines).
const maxErrors = 100

// capErrors returns the first maxErrors of errs, followed by one that
// counts the rest, at the position of the first of them.
func capErrors(file string, errs []*Error) []*Error {
	if len(errs) <= maxErrors {
		return errs
	}
	next := errs[maxErrors] // where the first one left out is
	more := &Error{File: file, Line: next.Line, Column: next.Column,
		Msg: fmt.Sprintf("and %d more problems (fix the ones above first)", len(errs)-maxErrors)}
	return append(errs[:maxErrors:maxErrors], more)
}

// load reads the whole file, recording problems in l.
func (l *loader) load(data []byte) Experiment {
	sum := sha256.Sum256(data)
	exp := Experiment{File: l.file, SHA256: hex.EncodeToString(sum[:]), Replications: 1, Seed: 1, Drain: defaultDrain}
	if len(data) > maxFileSize {
		l.fail(nil, "", fmt.Sprintf("is larger than %d MiB", maxFileSize>>20))
		return exp
	}
	root := l.parseYAML(data)
	if root == nil {
		return exp
	}
	ents := map[string]entry{}
	for _, e := range l.entries(root, "") {
		if strings.HasPrefix(e.Name, "x-") {
			continue // extension keys, e.g. to hold anchors, as in docker-compose
		}
		if !contains(topKeys, e.Name) {
			l.unknownKey(e, "", topKeys)
			continue
		}
		ents[e.Name] = e
	}
	required := func(name, example string) (entry, bool) {
		e, ok := ents[name]
		if !ok {
			l.fail(root, name, "missing (required), e.g. "+example)
		}
		return e, ok
	}

	if e, ok := required("name", "name: my-experiment"); ok {
		if s, ok := l.text(e.Value, e.Key, "name"); ok {
			if !nameRE.MatchString(s) || len(s) > 100 {
				l.fail(e.Key, "name", "must be 1 to 100 of a-z, 0-9, - and _ (it names the output directory), got "+show(s))
			}
			exp.Name = s
		}
	}
	if e, ok := ents["description"]; ok && e.Value != nil {
		exp.Description, _ = l.text(e.Value, e.Key, "description")
	}
	if e, ok := ents["seed"]; ok {
		exp.Seed = l.seed(e)
	}
	if e, ok := ents["replications"]; ok {
		l.replications(e, &exp)
	}
	horizonOK := false
	if e, ok := required("horizon", "horizon: 60s"); ok {
		if e.Value != nil && strings.HasPrefix(strings.TrimSpace(e.Value.Value), "-") {
			l.fail(e.Key, "horizon", "must be > 0, got "+show(e.Value.Value))
		} else if d, ok := l.duration(e.Value, e.Key, "horizon"); ok {
			if d <= 0 {
				l.fail(e.Key, "horizon", "must be > 0, got "+show(e.Value.Value))
			} else {
				exp.Horizon, horizonOK = d, true
			}
		}
	}
	if e, ok := ents["warmup"]; ok {
		if e.Value != nil && e.Value.Kind == yaml.ScalarNode && e.Value.Value == "auto" {
			exp.WarmupAuto = true
		} else if d, ok := l.duration(e.Value, e.Key, "warmup"); ok {
			exp.Warmup = d
			if horizonOK && d >= exp.Horizon {
				l.fail(e.Key, "warmup", fmt.Sprintf("must be less than horizon (%v), got %v", exp.Horizon, d))
			}
		}
	}
	l.loadOverTime(ents, &exp, horizonOK)
	l.loadSummaryKeys(ents, &exp)
	l.columns = exp.Columns()

	l.schema = modelSchema
	if e, ok := ents["model"]; ok {
		l.shape, l.services = l.graphShape(e.Value)
		if c, ok := lookupIn(e.Value, "clients"); ok {
			if p, ok := lookupIn(c.Value, "profile"); ok {
				l.profile = p.Value
			}
		}
		l.schema = schemaFor(l.shape)
	}
	var axes []sweepAxis
	if e, ok := ents["sweep"]; ok && e.Value != nil {
		axes = l.readSweep(e.Value)
	}
	var cases []modelCase
	if e, ok := ents["cases"]; ok && e.Value != nil {
		cases = l.readCases(e.Value, axes)
		exp.Sweep = append(exp.Sweep, caseValues(cases))
	}
	for _, a := range axes {
		exp.Sweep = append(exp.Sweep, a.Axis)
	}
	if e, ok := ents["baseline"]; ok {
		if e.Value == nil {
			l.fail(e.Key, "baseline", "needs a value: a mapping of a swept path (or case) to one of its values, e.g. {model.policy: sync}")
		} else {
			exp.Baseline = l.readBaseline(e.Value, exp.Sweep)
		}
	}
	if e, ok := required("model", "model: {server: {service: 10ms}, clients: {arrival: 20ms}}"); ok {
		l.modelKey = e.Key
		exp.Points = l.points(e, axes, cases, exp.MaxReplications())
		l.runSettings(&exp, axes, cases)
	}
	if len(exp.Points) > 0 {
		exp.GraphMetrics = models.GraphMetricNames(&exp.Points[0].Model)
		if exp.Timeseries > 0 {
			exp.SeriesMetrics = models.SeriesNames(&exp.Points[0].Model)
			l.seriesSize(ents["timeseries"], &exp)
		}
	}
	l.checkUntil(&exp)
	words := map[string]bool{}
	for _, a := range exp.Sweep {
		words[a.Path] = a.Kind == KindString
	}
	var services []string
	if len(exp.Points) > 0 {
		for _, s := range exp.Points[0].Model.Services {
			services = append(services, s.Name)
		}
	}
	exp.Charts = l.charts(ents, exp.Swept(), words, services, exp.GraphMetrics, exp.SeriesMetrics)
	if len(l.errs) == 0 {
		l.warnings(&exp, axes)
	}
	return exp
}

// parseYAML parses data as one YAML document whose top is a mapping.
func (l *loader) parseYAML(data []byte) (root *yaml.Node) {
	defer func() {
		if r := recover(); r != nil { // yaml.v3 has panicked on hostile input before
			l.fail(nil, "", fmt.Sprintf("invalid YAML: the parser failed (%v)", r))
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.fail(&yaml.Node{Line: 1, Column: 1}, "", "empty file: an experiment needs at least name, horizon and model")
			return nil
		}
		l.yamlError(err)
		return nil
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		l.fail(&next, "", "more than one YAML document (---): an experiment file holds one")
		return nil
	} else if !errors.Is(err, io.EOF) {
		l.yamlError(err)
		return nil
	}
	root = resolve(&doc)
	if root == nil || root.Kind != yaml.MappingNode {
		at := root
		if at == nil {
			at = &yaml.Node{Line: 1, Column: 1}
		}
		l.fail(at, "", "an experiment must be a mapping of keys (name:, horizon:, model:, ...), got "+describe(root))
		return nil
	}
	return root
}

// yamlLineRE finds the line number in a yaml.v3 syntax error.
var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError records a YAML syntax error at its line, column 1 (the parser
// does not give columns).
func (l *loader) yamlError(err error) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		l.fail(&yaml.Node{Line: line, Column: 1}, "", "invalid YAML: "+m[2])
		return
	}
	l.fail(&yaml.Node{Line: 1, Column: 1}, "", "invalid YAML: "+strings.TrimPrefix(msg, "yaml: "))
}

// seed reads the master seed, an unsigned 64-bit whole number.
func (l *loader) seed(e entry) uint64 {
	s, ok := l.scalar(e.Value, e.Key, "seed", "a whole number")
	if !ok {
		return 1
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		l.fail(e.Key, "seed", "must be a whole number from 0 to 18446744073709551615, got "+show(s))
		return 1
	}
	return v
}

// points builds and checks the model of every sweep point from the model:
// entry e, for each case if there are cases (the case varying slowest).
func (l *loader) points(e entry, axes []sweepAxis, cases []modelCase, replications int) []Point {
	if e.Value == nil || e.Value.Kind != yaml.MappingNode {
		l.fail(e.Key, "model", "must be a mapping of keys (policy, clients, network, server, handler, broker, services), got "+describe(e.Value))
		return nil
	}
	n := pointCount(axes, maxPoints)
	total := n * max(1, len(cases))
	if n < 0 || total > maxPoints || replications > 0 && total > maxRuns/replications {
		at := e.Key
		if len(axes) > 0 {
			at = axes[0].key
		}
		l.fail(at, "sweep", fmt.Sprintf("too many runs: at most %d sweep points and %d runs (points × replications)", maxPoints, maxRuns))
		return nil
	}
	if l.services != nil {
		l.graphOnly(e, axes)
	} else {
		l.oneTierOnly(e)
	}
	brokers := map[string]bool{}
	var points []Point
	if len(cases) == 0 {
		points = l.sweepPoints(e, axes, n, brokers)
	}
	caseAx := caseValues(cases)
	for i, c := range cases {
		tree, ok := l.caseTree(e.Value, c)
		if !ok {
			continue
		}
		for _, p := range l.sweepPoints(entry{Key: e.Key, Value: tree, Name: e.Name, Raw: e.Raw}, axes, n, brokers) {
			p.Index += i * n
			p.Values = append([]Value{caseAx.Values[i]}, p.Values...)
			points = append(points, p)
		}
	}
	switch {
	case l.services == nil && !brokers[""] && !l.failed("model.policy"):
		l.brokerUnused(e, axes)
	case l.services != nil && len(l.errs) == 0:
		l.serviceBrokersUnused(axes, brokers)
	}
	return points
}

// sweepPoints returns the n points of the sweep over the model of entry
// e, recording in brokers the brokers that one of them uses (see
// usedBrokers).
func (l *loader) sweepPoints(e entry, axes []sweepAxis, n int, brokers map[string]bool) []Point {
	// Whether a swept value can be put in place depends on the model
	// only, not on the value: the first axis that cannot is reported.
	for _, a := range axes {
		if _, ok := place(e.Value, a.segs, a.values[0], a.key); !ok {
			l.fail(a.key, "sweep."+a.Path, fmt.Sprintf("cannot set %s: %s is written as a single value, not a mapping with dist:",
				a.Path, "model."+joinSegs(a.segs[:len(a.segs)-1])))
			return nil
		}
	}
	m := l.decodeSwept(e.Key, e.Value, axes)
	points := make([]Point, 0, n)
	for p := range n {
		if len(l.errs) > 1000 {
			break // enough to fix; the rest are likely repeats
		}
		tree, swept := e.Value, map[*yaml.Node]bool{}
		idx := indices(axes, p)
		vals := make([]Value, len(axes))
		for i, a := range axes {
			v := a.values[idx[i]]
			vals[i] = a.Values[idx[i]]
			tree, _ = place(tree, a.segs, v, a.key)
			swept[v] = true
		}
		cfg, ok := m.point(tree, swept, idx)
		usedBrokers(&cfg, brokers)
		if ok {
			points = append(points, Point{Index: p, Values: vals, Model: cfg})
		}
	}
	return points
}

// brokerUnused reports broker settings in an experiment where no point has
// policy mq.
func (l *loader) brokerUnused(e entry, axes []sweepAxis) {
	const msg = "only used by policy mq, but no sweep point has policy mq"
	for _, c := range l.entries(e.Value, "model") {
		if c.Name == "broker" {
			l.fail(c.Key, "model.broker", msg)
		}
	}
	for _, a := range axes {
		if a.segs[0] == "broker" {
			l.fail(a.key, "sweep."+a.Path, msg)
		}
	}
}

// failed reports whether a problem about key has been recorded.
func (l *loader) failed(key string) bool {
	for _, e := range l.errs {
		if e.Key == key {
			return true
		}
	}
	return false
}

func joinSegs(segs []string) string {
	var b bytes.Buffer
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return b.String()
}
