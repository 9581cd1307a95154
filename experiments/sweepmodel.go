package experiments

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/models"
)

// Sweep points are read from one decoded model. The model as written is
// decoded once, leaving out the keys the sweep sets; each point then
// copies that Config and reads only its swept keys, from the model tree
// with the point's values put in place (so that problems point where they
// did when every point was decoded whole). A swept distribution is read
// once per combination of the values that set it, and the distributions
// no axis touches are shared by every point: an empirical file is read
// once, whatever the number of points.

// sweptField is a key of the model schema that the sweep sets, itself or
// through a parameter of its distribution.
type sweptField struct {
	key   string   // dotted key, "model.server.service"
	segs  []string // path below model
	field *field
	axes  []int // indices of the axes that set it
}

// sweptModel is the model as written, decoded once, and what each sweep
// point must read again.
type sweptModel struct {
	base   *decoder
	fields []sweptField
	dists  map[string]distResult // swept distributions read so far, by field and value indices
}

// distResult is a swept distribution as read, or nil when it could not be.
type distResult struct {
	dist distributions.Dist
	ok   bool
}

// sweptFields returns the keys of the model schema that the axes set, in
// the order of the axes.
func sweptFields(schema *field, axes []sweepAxis) []sweptField {
	var out []sweptField
	at := map[string]int{}
	for i, a := range axes {
		f, n := schema, 0
		for n < len(a.segs) && (f.kind == kMap || f.kind == kList) {
			f = f.child(a.segs[n])
			n++
		}
		key := "model." + strings.Join(a.segs[:n], ".")
		if j, ok := at[key]; ok {
			out[j].axes = append(out[j].axes, i)
			continue
		}
		at[key] = len(out)
		out = append(out, sweptField{key: key, segs: a.segs[:n], field: f, axes: []int{i}})
	}
	return out
}

// decodeSwept decodes tree, the model as written (its value of the model:
// key written at keyNode), leaving out the keys the axes set.
func (l *loader) decodeSwept(keyNode, tree *yaml.Node, axes []sweepAxis) *sweptModel {
	m := &sweptModel{base: l.newDecoder(keyNode), fields: sweptFields(l.schema, axes), dists: map[string]distResult{}}
	m.base.skip = map[string]bool{}
	for _, f := range m.fields {
		m.base.skip[f.key] = true
	}
	l.yr.Reset() // the limit on entries is per tree read
	m.base.section(tree, l.schema, "model")
	return m
}

// point returns the model of the sweep point whose value indices are idx,
// read from tree, the model with the point's values in place; swept holds
// those values. It reports whether the model is valid.
func (m *sweptModel) point(tree *yaml.Node, swept map[*yaml.Node]bool, idx []int) (models.Config, bool) {
	b := m.base
	d := &decoder{
		l: b.l, cfg: cloneConfig(b.cfg),
		blame: maps.Clone(b.blame), bad: maps.Clone(b.bad),
		swept: swept,
	}
	before := len(d.l.errs)
	ok := true
	for _, f := range m.fields {
		e, found := d.reach(tree, f.segs)
		if !found {
			continue // place put every swept value in the tree
		}
		if f.field.kind != kDist {
			if !d.value(e, f.field, f.key, d.blame[f.key]) {
				d.bad[f.key] = true
			}
			continue
		}
		id := distID(f, idx)
		r, seen := m.dists[id]
		if !seen {
			r.ok = d.value(e, f.field, f.key, d.blame[f.key])
			r.dist = *f.field.distp(&d.cfg)
			m.dists[id] = r
		}
		if !r.ok {
			d.bad[f.key] = true
			ok = false
			continue
		}
		*f.field.distp(&d.cfg) = r.dist
	}
	ok = d.check() && ok
	return d.cfg, ok && len(d.l.errs) == before
}

// reach follows segs from the model mapping tree to the entry of the last
// one, recording where problems with each key point and opening the
// sections it passes through. It reports whether the entry was found.
func (d *decoder) reach(tree *yaml.Node, segs []string) (entry, bool) {
	n, f, key := tree, d.l.schema, "model"
	var e entry
	for i, s := range segs {
		var found bool
		if e, found = lookupIn(n, s); !found { // the model's read reports its problems
			return entry{}, false
		}
		f, key = f.child(s), join(key, s)
		at := e.Key
		if d.swept[e.Raw] {
			at = e.Raw
		}
		d.blame[key] = at
		if i < len(segs)-1 && f.open != nil {
			f.open(&d.cfg)
		}
		n = e.Value
	}
	return e, true
}

// distID names the distribution of swept field f at the point whose value
// indices are idx: the field and the values of the axes that set it.
func distID(f sweptField, idx []int) string {
	var b strings.Builder
	b.WriteString(f.key)
	for _, a := range f.axes {
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(idx[a]))
	}
	return b.String()
}

// cloneConfig returns a copy of c that shares nothing c may change:
// sections held by pointer are copied. Distributions are values, shared
// read-only, and so are the points of the clients' profile (a point
// that reads its profile again gets new ones): a profile read from a
// long file is held once, whatever the number of points.
func cloneConfig(c models.Config) models.Config {
	cl := &c.Clients
	clonePtr(&cl.Retry.Budget)
	clonePtr(&cl.Breaker)
	clonePtr(&cl.Hedge)
	clonePtr(&c.Server.Crash)
	clonePtr(&c.Server.Codel)
	clonePtr(&c.Server.RateLimit)
	clonePtr(&c.Server.Eject)
	c.Services = slices.Clone(c.Services)
	for i := range c.Services {
		s := &c.Services[i]
		clonePtr(&s.Crash)
		clonePtr(&s.Codel)
		clonePtr(&s.RateLimit)
		clonePtr(&s.Eject)
		s.Calls = slices.Clone(s.Calls)
		for k := range s.Calls {
			s.Calls[k].Hops = slices.Clone(s.Calls[k].Hops)
			for h := range s.Calls[k].Hops {
				hop := &s.Calls[k].Hops[h]
				clonePtr(&hop.Retry.Budget)
				clonePtr(&hop.Breaker)
				clonePtr(&hop.Hedge)
			}
		}
	}
	return c
}

// clonePtr points *p at a copy of what it points at, if anything.
func clonePtr[T any](p **T) {
	if *p != nil {
		v := **p
		*p = &v
	}
}

// lookupIn returns the entry called name of mapping n, or item name (an
// index) of list n, and whether there is one.
func lookupIn(n *yaml.Node, name string) (entry, bool) {
	if n != nil && n.Kind == yaml.SequenceNode {
		i, err := strconv.Atoi(name)
		if err != nil || i < 0 || i >= len(n.Content) {
			return entry{}, false
		}
		return listEntry(n, i), true
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return entry{}, false
	}
	return yamlconf.Lookup(n, name)
}
