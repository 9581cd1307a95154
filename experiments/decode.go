package experiments

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/models"
)

// decoder reads one model tree (the file's model: with one sweep point's
// values put in place) into a Config.
type decoder struct {
	l     *loader
	cfg   models.Config
	blame map[string]*yaml.Node // dotted key → node a problem with it points at
	bad   map[string]bool       // keys whose value could not be read
	swept map[*yaml.Node]bool   // value nodes that came from the sweep
	skip  map[string]bool       // keys left for the sweep points to read
}

// newDecoder returns a decoder of the model: key written at keyNode,
// starting from the defaults.
func (l *loader) newDecoder(keyNode *yaml.Node) *decoder {
	cfg := models.DefaultConfig()
	if len(l.shape) > 0 {
		cfg.Services = l.shape.defaults()
	}
	d := &decoder{
		l: l, cfg: cfg,
		blame: map[string]*yaml.Node{"model": keyNode},
		bad:   map[string]bool{},
	}
	if l.services != nil && len(l.shape) == 0 {
		// services: names none (reported by graphOnly): the model is not
		// one server's either.
		d.bad["model.server"] = true
	}
	return d
}

// check checks the model read by d with Config.Validate, recording its
// problems. It reports whether the model is valid.
func (d *decoder) check() bool {
	l := d.l
	before := len(l.errs)
	d.graphDefaults()
	d.resilienceDefaults()
	for _, err := range leaves(d.cfg.Validate()) {
		var fe *models.FieldError
		if !errors.As(err, &fe) {
			l.fail(d.blame["model"], "model", err.Error())
			continue
		}
		key := "model." + fe.Field
		if d.isBad(key) || key == "model.clients.repeat" && d.isBad("model.clients.profile") {
			continue
		}
		key = d.profileValueKey(key)
		l.fail(d.blameFor(key), key, fe.Msg)
	}
	if len(l.errs) != before {
		return false
	}
	d.codelDefaults()
	return true
}

// section reads the keys of the section f from mapping n. It reports
// whether n is a mapping; problems with its keys are recorded apart.
func (d *decoder) section(n *yaml.Node, f *field, key string) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		d.l.fail(d.blame[key], key, fmt.Sprintf("must be a mapping of keys (%s), got %s", keyList(f.names()), describe(n)))
		return false
	}
	if f.open != nil {
		f.open(&d.cfg)
	}
	for _, e := range d.l.entries(n, key) {
		k := join(key, e.Name)
		c := f.child(e.Name)
		if c == nil {
			d.l.unknownKey(e, key, f.names())
			continue
		}
		if d.skip[k] {
			continue
		}
		at := e.Key
		if d.swept[e.Raw] {
			at = e.Raw
		}
		d.blame[k] = at
		if !d.value(e, c, k, at) {
			d.bad[k] = true
		}
	}
	return true
}

// value reads the value of entry e, the key k of kind c, reporting
// problems at node at. It reports whether the value was read.
func (d *decoder) value(e entry, c *field, k string, at *yaml.Node) bool {
	l, cfg := d.l, &d.cfg
	switch c.kind {
	case kMap:
		if e.Value == nil {
			return true // an empty section: defaults, and for crash: no crash
		}
		return d.section(e.Value, c, k)
	case kList:
		if e.Value == nil {
			return true // an empty list
		}
		return d.list(e.Value, c, k)
	case kBool:
		v, ok := l.boolean(e.Value, at, k)
		if ok {
			*c.boolp(cfg) = v
		}
		return ok
	case kText:
		s, ok := l.scalar(e.Value, at, k, c.want)
		if !ok {
			return false
		}
		if msg := c.text(cfg, s); msg != "" {
			l.fail(at, k, msg)
			return false
		}
		return true
	case kInt:
		v, ok := l.integer(e.Value, at, k, math.MinInt64, maxCount)
		if ok {
			*c.intp(cfg) = int(v)
		}
		return ok
	case kNumber, kProb:
		v, ok := l.number(e.Value, at, k)
		if ok {
			*c.nump(cfg) = v
		}
		return ok
	case kDuration:
		v, ok := l.duration(e.Value, at, k)
		if ok {
			*c.durp(cfg) = v
		}
		return ok
	case kDist:
		dist, err := distributions.Parse(e.Raw, k, distributions.ParseOptions{Files: l.files})
		if err != nil {
			if sd := d.sweptDist(e.Value); sd != nil {
				l.sweptDistErrors(err, sd, at, k)
			} else {
				l.distErrors(err, at, k)
			}
			return false
		}
		*c.distp(cfg) = dist
		return true
	case kProfile:
		return d.profile(e, k, at)
	case kEnum:
		s, ok := l.scalar(e.Value, at, k, "one of "+strings.Join(c.choices, ", "))
		if !ok {
			return false
		}
		if !slices.Contains(c.choices, s) {
			l.fail(at, k, fmt.Sprintf("must be one of %s, got %s%s",
				strings.Join(c.choices, ", "), show(s), didYouMean(s, c.choices)))
			return false
		}
		c.setp(cfg, s)
		return true
	}
	panic("experiments: unknown field kind")
}

// distErrors records the problems of a distribution, each at its own
// position; those without one point at node at.
func (l *loader) distErrors(err error, at *yaml.Node, key string) {
	for _, e := range leaves(err) {
		var fe *Error
		if !errors.As(e, &fe) {
			l.fail(at, key, e.Error())
			continue
		}
		out := *fe
		out.File = l.file
		if out.Line == 0 && at != nil {
			out.Line, out.Column = at.Line, at.Column
		}
		if out.Key == "" {
			out.Key = key
		}
		l.errs = append(l.errs, &out)
	}
}

// isBad reports whether key or one of its ancestors could not be read, so
// that a follow-up complaint ("is required") would only repeat it.
func (d *decoder) isBad(key string) bool {
	for k := key; k != ""; k = parent(k) {
		if d.bad[k] {
			return true
		}
	}
	return false
}

// blameFor returns the node a problem with key points at: the key itself
// when written (or the sweep value that set it), else its nearest written
// ancestor, else the model: key.
func (d *decoder) blameFor(key string) *yaml.Node {
	for k := key; k != ""; k = parent(k) {
		if n := d.blame[k]; n != nil {
			return n
		}
	}
	return d.blame["model"]
}

// parent returns the dotted key one level up, or "".
func parent(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return ""
}

// leaves flattens errors.Join trees into their leaves.
func leaves(err error) []error { return yamlconf.Leaves(err) }
