package distributions

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// ParseOptions carry what parsing needs beyond the node.
type ParseOptions struct {
	// Files reads empirical file: paths, relative to the experiment's
	// directory and confined to it. Share one among the Parse calls of
	// an experiment so that each file is read once.
	Files *Files
	// Dir is the experiment's directory when Files is nil.
	Dir string
}

// files returns o.Files, or the Files of o.Dir.
func (o *ParseOptions) files() *Files {
	if o.Files == nil {
		dir := o.Dir
		if dir == "" {
			dir = "."
		}
		o.Files = DirFiles(dir)
	}
	return o.Files
}

// Parse reads a distribution from node, the value of the experiment key key
// (e.g. "model.clients.arrival"). A scalar is a constant duration; a mapping
// names its distribution with dist: and gives the parameters of that
// distribution. Aliases and merge keys (<<) are followed.
//
// All problems found are reported, each as a *FieldError, joined with
// errors.Join in the order they appear in the file.
func Parse(node *yaml.Node, key string, opts ParseOptions) (Dist, error) {
	p := &parser{key: key, opts: opts}
	p.yr.Report = func(n *yaml.Node, key, msg string) { p.fail(n, key, msg) }
	d := p.parse(node)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b *FieldError) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		errs := make([]error, len(p.errs))
		for i, e := range p.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return d, nil
}

// parser holds the state of one Parse call.
type parser struct {
	key  string
	opts ParseOptions
	errs []*FieldError
	yr   yamlconf.Reader
}

// fail records an error about node n (for its position) under key.
func (p *parser) fail(n *yaml.Node, key, msg string) {
	p.failCode(n, key, msg, yamlconf.Invalid)
}

// failCode records an error of the given code about node n under key.
func (p *parser) failCode(n *yaml.Node, key, msg string, code yamlconf.Code) {
	e := &FieldError{Key: key, Msg: msg, Code: code}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

// sub returns the dotted key of child name of key.
func sub(key, name string) string { return yamlconf.Join(key, name) }

// parse reads the distribution at node.
func (p *parser) parse(node *yaml.Node) Dist {
	const want = "must be a duration or a mapping with dist:"
	n := resolve(node)
	switch {
	case n == nil || isNull(n):
		p.fail(firstNonNil(n, node), p.key, "missing distribution: want a duration (e.g. 10ms) or a mapping with dist:")
		return nil
	case n.Kind == yaml.MappingNode:
		return p.parseMap(n)
	case n.Kind != yaml.ScalarNode:
		p.fail(n, p.key, want+", got "+describe(n))
		return nil
	}
	d, err := ParseDuration(n.Value)
	if err != nil {
		msg := want + ", got " + show(n.Value)
		var de *durationError
		if errors.As(err, &de) && de.msg != msgNotDuration {
			msg = de.msg + ", got " + show(n.Value)
		} else if _, ok := specs[n.Value]; ok {
			msg += fmt.Sprintf(" (for a distribution write {dist: %s, ...})", n.Value)
		}
		p.fail(n, p.key, msg)
		return nil
	}
	return Constant{Value: d}
}

// entry is one key: value pair of a mapping.
type entry = yamlconf.Entry

// parseMap reads a distribution written as a mapping.
func (p *parser) parseMap(m *yaml.Node) Dist {
	ents := p.yr.Entries(m, p.key)
	var distEnt *entry
	for i := range ents {
		if ents[i].Name == "dist" {
			distEnt = &ents[i]
		}
	}
	accepted := strings.Join(distNames, ", ")
	if distEnt == nil {
		p.fail(m, p.key, "missing dist: (accepted: "+accepted+")")
		return nil
	}
	dk := sub(p.key, "dist")
	dv := distEnt.Value
	if dv == nil || dv.Kind != yaml.ScalarNode || isNull(dv) {
		p.fail(distEnt.Key, dk, "must be a distribution name (one of "+accepted+"), got "+describe(dv))
		return nil
	}
	name := dv.Value
	spec, ok := specs[name]
	if !ok {
		msg := fmt.Sprintf("unknown distribution %s (accepted: %s)", quote(name), accepted)
		p.fail(distEnt.Key, dk, msg+yamlconf.DidYouMean(name, distNames))
		return nil
	}

	a := newArgs()
	present := map[string]*entry{}
	var order []string
	for i := range ents {
		e := &ents[i]
		if e.Name == "dist" {
			continue
		}
		k, ok := spec.kindOf(e.Name)
		if !ok {
			names := spec.names()
			msg := fmt.Sprintf("unknown parameter %s for %s (accepted: %s)", quote(e.Name), name, strings.Join(names, ", "))
			p.failCode(e.Key, sub(p.key, yamlconf.KeyName(e.Name)), msg+yamlconf.DidYouMean(e.Name, names), yamlconf.UnknownKey)
			continue
		}
		present[e.Name] = e
		order = append(order, e.Name)
		p.readParam(name, e, k, a)
	}
	if !p.checkGroups(name, spec, m, present, order) {
		return nil
	}
	d, err := spec.build(a)
	for _, e := range leaves(err) {
		pe, ok := e.(*paramError)
		if !ok {
			p.fail(m, p.key, e.Error())
			continue
		}
		if a.hides(pe) {
			continue
		}
		ent := present[pe.param]
		if ent == nil {
			p.fail(m, p.key, pe.Error())
			continue
		}
		node, key := ent.Key, sub(p.key, pe.paramName())
		if pe.index >= 0 && ent.Value != nil && ent.Value.Kind == yaml.SequenceNode && pe.index < len(ent.Value.Content) {
			node = ent.Value.Content[pe.index]
		}
		p.fail(node, key, pe.Error())
	}
	if err != nil {
		return nil
	}
	return d
}
