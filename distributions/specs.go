package distributions

// kind is how a parameter's value is written.
type kind int

const (
	kindDuration  kind = iota // a duration: "10ms" or bare seconds
	kindNumber                // a plain number
	kindInt                   // a whole number
	kindDurations             // a list of durations
	kindNumbers               // a list of plain numbers
	kindFile                  // a path to a file of durations, one a line
)

// param is one accepted parameter of a distribution.
type param struct {
	name string
	kind kind
}

// distSpec says how to read one distribution from a mapping.
type distSpec struct {
	params []param    // accepted parameters, in the order messages list them
	groups [][]string // alternative complete parameter sets; disjoint
	build  func(a *args) (Dist, error)
}

// distNames lists the accepted distributions in the order of the docs.
var distNames = []string{
	"constant", "exponential", "uniform", "normal", "lognormal", "gamma",
	"erlang", "weibull", "pareto", "hyperexponential", "empirical",
}

// specs maps each distribution name to how it is read.
var specs = map[string]*distSpec{
	"constant": {
		params: []param{{"value", kindDuration}},
		groups: [][]string{{"value"}},
		build:  func(a *args) (Dist, error) { return NewConstant(a.dur("value")) },
	},
	"exponential": {
		params: []param{{"mean", kindDuration}, {"rate", kindNumber}},
		groups: [][]string{{"mean"}, {"rate"}},
		build: func(a *args) (Dist, error) {
			if a.has("rate") {
				return NewExponentialRate(a.num("rate"))
			}
			return NewExponential(a.num("mean"))
		},
	},
	"uniform": {
		params: []param{{"min", kindDuration}, {"max", kindDuration}},
		groups: [][]string{{"min", "max"}},
		build:  func(a *args) (Dist, error) { return NewUniform(a.num("min"), a.num("max")) },
	},
	"normal": {
		params: []param{{"mean", kindDuration}, {"stddev", kindDuration}},
		groups: [][]string{{"mean", "stddev"}},
		build:  func(a *args) (Dist, error) { return NewNormal(a.num("mean"), a.num("stddev")) },
	},
	"lognormal": {
		params: []param{{"mean", kindDuration}, {"cv", kindNumber}, {"mu", kindNumber}, {"sigma", kindNumber}},
		groups: [][]string{{"mean", "cv"}, {"mu", "sigma"}},
		build: func(a *args) (Dist, error) {
			if a.has("mu") {
				return NewLogNormal(a.num("mu"), a.num("sigma"))
			}
			return NewLogNormalMeanCV(a.num("mean"), a.num("cv"))
		},
	},
	"gamma": {
		params: []param{{"mean", kindDuration}, {"cv", kindNumber}, {"shape", kindNumber}, {"scale", kindDuration}},
		groups: [][]string{{"mean", "cv"}, {"shape", "scale"}},
		build: func(a *args) (Dist, error) {
			if a.has("shape") {
				return NewGamma(a.num("shape"), a.num("scale"))
			}
			return NewGammaMeanCV(a.num("mean"), a.num("cv"))
		},
	},
	"erlang": {
		params: []param{{"k", kindInt}, {"mean", kindDuration}},
		groups: [][]string{{"k", "mean"}},
		build:  func(a *args) (Dist, error) { return NewErlang(a.integer("k"), a.num("mean")) },
	},
	"weibull": {
		params: []param{{"shape", kindNumber}, {"scale", kindDuration}},
		groups: [][]string{{"shape", "scale"}},
		build:  func(a *args) (Dist, error) { return NewWeibull(a.num("shape"), a.num("scale")) },
	},
	"pareto": {
		params: []param{{"shape", kindNumber}, {"min", kindDuration}},
		groups: [][]string{{"shape", "min"}},
		build:  func(a *args) (Dist, error) { return NewPareto(a.num("shape"), a.num("min")) },
	},
	"hyperexponential": {
		params: []param{{"means", kindDurations}, {"probs", kindNumbers}},
		groups: [][]string{{"means", "probs"}},
		build: func(a *args) (Dist, error) {
			return NewHyperExponential(a.nums("means"), a.nums("probs"))
		},
	},
	"empirical": {
		params: []param{{"values", kindDurations}, {"file", kindFile}},
		groups: [][]string{{"values"}, {"file"}},
		build: func(a *args) (Dist, error) {
			if a.has("file") {
				// Files refused empty files and negative values. The values
				// are shared read-only by every distribution of the file.
				return Empirical{Values: a.durs("file")}, nil
			}
			return NewEmpirical(a.durs("values"))
		},
	},
}

// kindOf returns the kind of the named parameter and whether s accepts it.
func (s *distSpec) kindOf(name string) (kind, bool) {
	for _, p := range s.params {
		if p.name == name {
			return p.kind, true
		}
	}
	return 0, false
}

// names lists the accepted parameter names.
func (s *distSpec) names() []string {
	out := make([]string, len(s.params))
	for i, p := range s.params {
		out[i] = p.name
	}
	return out
}

// groupOf returns the index of the group holding the named parameter.
func (s *distSpec) groupOf(name string) int {
	for i, g := range s.groups {
		for _, n := range g {
			if n == name {
				return i
			}
		}
	}
	return -1
}
