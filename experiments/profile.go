package experiments

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/internal/yamlconf"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// kProfile is the kind of clients.profile: a list of points, or a
// mapping {file: rates.csv}. It is read whole, even when a sweep sets one
// of its values (model.clients.profile.1.rate).
const kProfile kind = 100

// profileKeys are the keys of a point of a profile.
var profileKeys = []string{"at", "rate", "users", "ramp"}

// maxProfilePoints bounds the points of a profile, written or read from
// a file.
const maxProfilePoints = 1_000_000

// profileF is the clients.profile key and repeatF the clients.repeat key.
func profileF() *field {
	return &field{name: "profile", kind: kProfile, omit: noProfile}
}

func repeatF() *field {
	f := durF("repeat", func(c *models.Config) *sim.Duration { return &c.Clients.Profile.Repeat })
	f.omit = noProfile
	return f
}

// noProfile reports whether the clients of c have no profile, whose keys
// are then not written back.
func noProfile(c *models.Config) bool { return len(c.Clients.Profile.Points) == 0 }

// profile reads the clients' profile of entry e, key key (problems with
// the whole of it point at node at). It reports whether it was read.
func (d *decoder) profile(e entry, key string, at *yaml.Node) bool {
	p := &d.cfg.Clients.Profile
	p.Points, p.Users = nil, false
	n := e.Value
	switch {
	case n == nil:
		return true // no profile
	case n.Kind == yaml.SequenceNode:
		return d.profileList(n, key)
	case n.Kind == yaml.MappingNode:
		return d.profileFile(n, key)
	}
	d.l.fail(at, key, "must be a list of points ({at: 0s, rate: 10}, ...) or {file: rates.csv}, got "+describe(n))
	return false
}

// profileList reads a profile written as a list of points.
func (d *decoder) profileList(n *yaml.Node, key string) bool {
	l, p := d.l, &d.cfg.Clients.Profile
	if len(n.Content) > maxProfilePoints {
		l.fail(d.blame[key], key, fmt.Sprintf("more than %d points", maxProfilePoints))
		return false
	}
	ok := true
	kindAt := "" // "rate" or "users", as the first point that says gives
	for i := range n.Content {
		item := listEntry(n, i)
		ik := join(key, item.Name)
		d.blame[ik] = item.Key
		if item.Value == nil || item.Value.Kind != yaml.MappingNode {
			l.fail(item.Key, ik, "must be a point such as {at: 0s, rate: 10} or {at: 0s, users: 5}, got "+describe(item.Value))
			d.bad[ik], ok = true, false
			continue
		}
		var pt models.ProfilePoint
		var seen []string
		itemOK := true
		for _, f := range l.entries(item.Value, ik) {
			fk := join(ik, f.Name)
			if !contains(profileKeys, f.Name) {
				l.unknownKey(f, ik, profileKeys)
				itemOK = false
				continue
			}
			at := f.Key
			if d.swept[f.Raw] {
				at = f.Raw
			}
			d.blame[fk] = at
			seen = append(seen, f.Name)
			var good bool
			switch f.Name {
			case "at":
				pt.At, good = l.duration(f.Value, at, fk)
			case "ramp":
				pt.Ramp, good = l.duration(f.Value, at, fk)
			case "rate":
				pt.Value, good = l.number(f.Value, at, fk)
			case "users":
				var u int64
				u, good = l.integer(f.Value, at, fk, 0, maxCount)
				pt.Value = float64(u)
			}
			if !good {
				d.bad[fk], itemOK = true, false
			}
		}
		rate, users := contains(seen, "rate"), contains(seen, "users")
		switch {
		case !contains(seen, "at"):
			l.failCode(item.Key, ik+".at", "missing (required): when the point starts, e.g. at: 30s", yamlconf.Missing)
			itemOK = false
		case rate && users:
			l.fail(d.blame[ik+".users"], ik+".users", "a point gives a rate or a number of users, not both")
			itemOK = false
		case !rate && !users:
			l.failCode(item.Key, ik+".rate", "missing (required): the rate from then on, e.g. rate: 10 (or users: for closed-loop clients)", yamlconf.Missing)
			itemOK = false
		}
		this := "rate"
		if users {
			this = "users"
		}
		switch {
		case rate == users:
		case kindAt == "":
			kindAt = this
			p.Users = users
		case this != kindAt:
			l.fail(d.blame[ik+"."+this], ik+"."+this, fmt.Sprintf("the profile's first point gives %s: a profile is of rates (open loop) or of users (closed loop), not both", kindAt))
			itemOK = false
		}
		if !itemOK {
			d.bad[ik], ok = true, false
			continue
		}
		p.Points = append(p.Points, pt)
	}
	if !ok {
		p.Points = nil
	}
	return ok
}

// profileFile reads a profile written as {file: rates.csv}: lines
// "seconds,rate", each a step.
func (d *decoder) profileFile(n *yaml.Node, key string) bool {
	l, p := d.l, &d.cfg.Clients.Profile
	var name *entry
	ok := true
	for _, f := range l.entries(n, key) {
		if f.Name != "file" {
			l.unknownKey(f, key, []string{"file"})
			ok = false
			continue
		}
		name = &f
	}
	if name == nil {
		if ok {
			l.failCode(d.blame[key], key+".file", "missing (required): the file of the rates, e.g. file: rates.csv (lines \"seconds,rate\")", yamlconf.Missing)
		}
		return false
	}
	fk := join(key, "file")
	d.blame[fk] = name.Key
	if name.Value == nil || name.Value.Kind != yaml.ScalarNode || isNull(name.Value) || name.Value.Value == "" {
		l.fail(name.Key, fk, "must be a file name, got "+describe(name.Value))
		return false
	}
	v, problems := l.files.Read("profile", name.Value.Value, readRates)
	for _, msg := range problems {
		l.fail(name.Key, fk, show(name.Value.Value)+": "+msg)
	}
	if len(problems) > 0 || !ok {
		return false
	}
	p.Points = v.([]models.ProfilePoint)
	return true
}

// readRates reads a file of rates: one "seconds,rate" a line (seconds a
// number or a duration such as 30s), blank lines and lines starting with
// # ignored, each line a step of the profile. The first line is at 0 and
// the times increase; at most 10 bad lines are reported.
func readRates(r io.Reader) (any, []string) {
	const maxProblems = 10
	var pts []models.ProfilePoint
	var problems []string
	more, line, tooMany := 0, 0, false
	bad := func(format string, a ...any) {
		if len(problems) >= maxProblems {
			more++
			return
		}
		problems = append(problems, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, a...))
	}
	last, err := distributions.ScanDataLines(r, func(n int, s string) bool {
		line = n
		at, rate, found := strings.Cut(s, ",")
		if !found {
			bad("must be \"seconds,rate\"")
			return true
		}
		t, err := distributions.ParseDuration(strings.TrimSpace(at))
		if err != nil {
			msg, ok := distributions.DurationProblem(err)
			if !ok {
				msg = "the time is not a number of seconds or a duration"
			}
			bad("%s", msg)
			return true
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rate), 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			bad("the rate is not a number")
			return true
		case v < 0:
			bad("the rate must be >= 0")
			return true
		case len(pts) == 0 && t != 0:
			bad("the first line must be at 0")
			return true
		case len(pts) > 0 && t <= pts[len(pts)-1].At:
			bad("the times must increase (%v after %v)", t, pts[len(pts)-1].At)
			return true
		case len(pts) == maxProfilePoints:
			bad("more than %d lines", maxProfilePoints)
			tooMany = true
			return false
		}
		pts = append(pts, models.ProfilePoint{At: t, Value: v})
		return true
	})
	if tooMany {
		return nil, problems
	}
	if err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, append(problems, fmt.Sprintf("line %d is longer than %d bytes", last+1, distributions.MaxLineLength))
		}
		return nil, append(problems, "cannot be read: "+err.Error())
	}
	if more > 0 {
		problems = append(problems, fmt.Sprintf("and %d more bad lines", more))
	}
	if len(problems) == 0 && len(pts) == 0 {
		problems = append(problems, "has no rates")
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return pts, nil
}

// clientRate returns the request rate of one open-loop client of c: the
// peak of its profile of rates when it has one, else that of its
// arrival distribution (0 when there is none, or its mean is 0).
func clientRate(c *models.Config) float64 {
	if p := &c.Clients.Profile; len(p.Points) > 0 && !p.Users {
		peak := 0.0
		for _, pt := range p.Points {
			peak = max(peak, pt.Value)
		}
		return peak
	}
	if a := c.Clients.Arrival; a != nil {
		if m := a.Mean(); m > 0 && !math.IsInf(m, 0) {
			return 1 / m
		}
	}
	return 0
}

// clientUsers returns the users of one closed-loop client of c: the peak
// of its profile of users when it has one, else its threads.
func clientUsers(c *models.Config) float64 {
	if p := &c.Clients.Profile; len(p.Points) > 0 && p.Users {
		peak := 0.0
		for _, pt := range p.Points {
			peak = max(peak, pt.Value)
		}
		return peak
	}
	return float64(c.Clients.Threads)
}

// atPeak says, in a warning about load, that the rate is the peak of
// the clients' profile, or returns "" when they have none.
func atPeak(c *models.Config) string {
	if len(c.Clients.Profile.Points) > 0 && !c.Clients.Profile.Users {
		return " at the profile's peak"
	}
	return ""
}

// profileJSON returns profile p as written back in the resolved settings:
// a list of points, times in seconds, rate or users as the profile has.
func profileJSON(p *models.Profile) []map[string]any {
	out := make([]map[string]any, len(p.Points))
	for i, pt := range p.Points {
		m := map[string]any{"at": pt.At.Seconds()}
		if p.Users {
			m["users"] = pt.Value
		} else {
			m["rate"] = pt.Value
			m["ramp"] = pt.Ramp.Seconds()
		}
		out[i] = m
	}
	return out
}

// profileSweepPath checks the rest of a sweep path into the profile at
// path: segs are the path below model, segs[i] the index of a point,
// followed by one of its keys. It returns what sweepPath returns.
func (l *loader) profileSweepPath(e entry, path string, segs []string, i int) ([]string, Kind, bool, bool) {
	key := "sweep." + e.Name
	if l.profile == nil || l.profile.Kind != yaml.SequenceNode {
		l.fail(e.Key, key, fmt.Sprintf("%s is not written as a list of points, so none of its points can be swept", path))
		return nil, 0, false, false
	}
	n := len(l.profile.Content)
	idx, err := strconv.Atoi(segs[i])
	if err != nil || idx < 0 || idx >= n || strconv.Itoa(idx) != segs[i] {
		l.fail(e.Key, key, fmt.Sprintf("no point %s in %s (it has %d: 0 to %d)", show(segs[i]), path, n, n-1))
		return nil, 0, false, false
	}
	if i+2 != len(segs) || !contains(profileKeys, segs[i+1]) {
		l.fail(e.Key, key, fmt.Sprintf("sweep a key of the point (%s), e.g. %s.%d.rate", keyList(profileKeys), path, idx))
		return nil, 0, false, false
	}
	switch segs[i+1] {
	case "at", "ramp":
		return segs, KindDuration, false, true
	case "users":
		return segs, KindInteger, false, true
	}
	return segs, KindNumber, false, true
}

// profileValueKey returns the key a problem with key points at: for a
// point of the profile (model.clients.profile.N, whose value is wrong),
// its rate or users key; else key.
func (d *decoder) profileValueKey(key string) string {
	rest, ok := strings.CutPrefix(key, "model.clients.profile.")
	if !ok || strings.Contains(rest, ".") {
		return key
	}
	for _, k := range []string{".rate", ".users"} {
		if d.blame[key+k] != nil {
			return key + k
		}
	}
	return key
}

// loadChanges returns the instants, in seconds, where the load of the
// clients of r's model (that of point 0) changes: every point of its
// profile after the first, repeated every repeat: up to the end of the
// longest drain. None without a profile.
func (r *resolved) loadChanges() []float64 {
	var m struct {
		Clients struct {
			Profile []struct {
				At   float64 `json:"at"`
				Ramp float64 `json:"ramp"`
			} `json:"profile"`
			Repeat float64 `json:"repeat"`
		} `json:"clients"`
	}
	if json.Unmarshal(r.Model, &m) != nil || len(m.Clients.Profile) == 0 {
		return nil
	}
	end := 2 * r.Horizon // an auto drain lasts at most the horizon
	if d, ok := r.Drain.(float64); ok {
		end = r.Horizon + d
	}
	var out []float64
	const maxMarks = 10_000
	for base := 0.0; base < end && len(out) < maxMarks; base += m.Clients.Repeat {
		for i, p := range m.Clients.Profile {
			if t := base + p.At; (i > 0 || base > 0) && t < end {
				out = append(out, t)
				if p.Ramp > 0 {
					out = append(out, t-p.Ramp)
				}
			}
		}
		if m.Clients.Repeat <= 0 {
			break
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
