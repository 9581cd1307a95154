package experiments

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/models"
)

// list reads the items of list n, the key k of kind f: the item at index
// i is the field named i of f. It reports whether n is a list.
func (d *decoder) list(n *yaml.Node, f *field, key string) bool {
	if n.Kind != yaml.SequenceNode {
		d.l.fail(d.blame[key], key, "must be a list, got "+describe(n))
		return false
	}
	for i := range n.Content {
		e := listEntry(n, i)
		c := f.child(e.Name)
		if c == nil {
			continue // beyond the limits of graphShape, reported there
		}
		k := join(key, e.Name)
		if d.skip[k] {
			continue
		}
		d.blame[k] = e.Key
		if !d.value(e, c, k, e.Key) {
			d.bad[k] = true
		}
	}
	return true
}

// listEntry returns item i of list n as an entry named by its index, its
// key being the item itself (for positions).
func listEntry(n *yaml.Node, i int) entry {
	raw := n.Content[i]
	v := resolve(raw)
	if isNull(v) {
		v = nil
	}
	return entry{Name: strconv.Itoa(i), Key: raw, Value: v, Raw: raw}
}

// graphDefaults completes the calls of a service graph once the model is
// read: the network keys a call does not set are the model's, and a call
// without to: is reported.
func (d *decoder) graphDefaults() {
	c := &d.cfg
	eachHop(c, func(p string, hop *models.Hop) {
		if d.blame[p+".network.send"] == nil {
			hop.Network.Send = c.Network.Send
		}
		if d.blame[p+".network.reply"] == nil {
			hop.Network.Reply = c.Network.Reply
		}
		if d.blame[p+".network.loss"] == nil {
			hop.Network.Loss = c.Network.Loss
		}
		if d.blame[p+".to"] == nil && !d.isBad(p) {
			d.l.failCode(d.blameFor(p), p+".to", "missing (required): the service this call goes to, e.g. to: "+exampleService(c), yamlconf.Missing)
			d.bad[p+".to"] = true
		}
	})
}

// eachHop calls f with every call of the services of c, in the order
// written, and its key (model.services.api.calls.1.parallel.0).
func eachHop(c *models.Config, f func(key string, h *models.Hop)) {
	for i := range c.Services {
		s := &c.Services[i]
		for k := range s.Calls {
			st := &s.Calls[k]
			for h := range st.Hops {
				p := fmt.Sprintf("model.services.%s.calls.%d", s.Name, k)
				if st.Parallel {
					p = fmt.Sprintf("%s.parallel.%d", p, h)
				}
				f(p, &st.Hops[h])
			}
		}
	}
}

// exampleService returns a name of a service of c for messages.
func exampleService(c *models.Config) string {
	if len(c.Services) > 1 {
		return c.Services[1].Name
	}
	return "db"
}

// graphOnly reports the keys of a model with services: that belong to a
// model without: server: and the model-wide broker:, written or swept.
func (l *loader) graphOnly(e entry, axes []sweepAxis) {
	why := map[string]string{
		"server": "cannot be used with services: a model has either one server (server:) or services (services:)",
		"broker": "cannot be used with services: each service reached through a broker (a call with policy mq) has its own, services.NAME.broker",
	}
	for _, c := range l.entries(e.Value, "model") {
		if msg, ok := why[c.Name]; ok {
			l.fail(c.Key, "model."+c.Name, msg)
		}
	}
	for _, a := range axes {
		if msg, ok := why[a.segs[0]]; ok {
			l.fail(a.key, "sweep."+a.Path, msg)
		}
	}
	if len(l.shape) == 0 {
		l.fail(l.services.Key, "model.services", "must name at least one service, e.g. services: {api: {service: 10ms}}, got "+describe(l.services.Value))
	}
}

// oneTierOnly reports clients.calls in a model without services (a sweep
// cannot set it: sweepPath refuses).
func (l *loader) oneTierOnly(e entry) {
	if c, ok := lookupIn(e.Value, "clients"); ok {
		if k, ok := lookupIn(c.Value, "calls"); ok {
			l.fail(k.Key, "model.clients.calls", "names the service the clients call, but the model has no services: (its one server is server:)")
		}
	}
}

// noChild says that section or list f at path has no key or item s.
func noChild(f *field, path, s string) string {
	switch {
	case f.kind == kList && len(f.fields) == 0:
		return fmt.Sprintf("no item %s in %s: the list is empty", show(s), path)
	case f.kind == kList:
		return fmt.Sprintf("no item %s in %s (it has %d: 0 to %d)", show(s), path, len(f.fields), len(f.fields)-1)
	case path == "model.services" && len(f.fields) == 0:
		return fmt.Sprintf("no service %s: the model has no services:", show(s))
	case path == "model.services":
		return fmt.Sprintf("no service %s%s (services: %s)", show(s), didYouMean(s, f.names()), keyList(f.names()))
	}
	return fmt.Sprintf("no such key %s in %s%s (accepted: %s)", show(s), path, didYouMean(s, f.names()), keyList(f.names()))
}

// listExample returns a key of the first item of list f that can be
// swept, for messages.
func listExample(f *field) string {
	if len(f.fields) > 0 {
		for _, c := range f.fields[0].fields {
			if !c.fixed && c.kind != kMap && c.kind != kList {
				return c.name
			}
		}
	}
	return "policy"
}

// usedBrokers records in set the brokers model c uses: "" for the broker
// of a model without services under policy mq, the name of every service
// called through its broker (by the clients under policy mq, or by a call
// with policy mq).
func usedBrokers(c *models.Config, set map[string]bool) {
	if !c.Graph() {
		if c.Policy == models.MQ {
			set[""] = true
		}
		return
	}
	if e := c.Entry(); e >= 0 && c.Policy == models.MQ {
		set[c.Services[e].Name] = true
	}
	for _, s := range c.Services {
		for _, st := range s.Calls {
			for _, h := range st.Hops {
				if h.Policy == models.MQ {
					set[h.To] = true
				}
			}
		}
	}
}

// serviceBrokersUnused reports the broker settings of services that no
// sweep point calls through their broker, written or swept.
func (l *loader) serviceBrokersUnused(axes []sweepAxis, used map[string]bool) {
	msg := func(name string) string {
		return fmt.Sprintf("only used when service %s is called through its broker (by a call with policy mq), but no sweep point calls it so", name)
	}
	for _, s := range (&yamlconf.Reader{}).Entries(l.services.Value, "") {
		if b, ok := lookupIn(s.Value, "broker"); ok && !used[s.Name] {
			l.fail(b.Key, "model.services."+s.Name+".broker", msg(s.Name))
		}
	}
	for _, a := range axes {
		if len(a.segs) > 2 && a.segs[0] == "services" && a.segs[2] == "broker" && !used[a.segs[1]] {
			l.fail(a.key, "sweep."+a.Path, msg(a.segs[1]))
		}
	}
}
