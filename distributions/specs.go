package distributions

// ParamKind is how a parameter's value is written.
type ParamKind int

// The kinds of parameters.
const (
	ParamDuration  ParamKind = iota // a duration: "10ms" or bare seconds
	ParamNumber                     // a plain number
	ParamInt                        // a whole number
	ParamDurations                  // a list of durations
	ParamNumbers                    // a list of plain numbers
	ParamFile                       // a path to a file of durations, one a line
)

// param is one accepted parameter of a distribution.
type param struct {
	name string
	kind ParamKind
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
		params: []param{{"value", ParamDuration}},
		groups: [][]string{{"value"}},
		build:  func(a *args) (Dist, error) { return NewConstant(a.dur("value")) },
	},
	"exponential": {
		params: []param{{"mean", ParamDuration}, {"rate", ParamNumber}},
		groups: [][]string{{"mean"}, {"rate"}},
		build: func(a *args) (Dist, error) {
			if a.has("rate") {
				return NewExponentialRate(a.num("rate"))
			}
			return NewExponential(a.num("mean"))
		},
	},
	"uniform": {
		params: []param{{"min", ParamDuration}, {"max", ParamDuration}},
		groups: [][]string{{"min", "max"}},
		build:  func(a *args) (Dist, error) { return NewUniform(a.num("min"), a.num("max")) },
	},
	"normal": {
		params: []param{{"mean", ParamDuration}, {"stddev", ParamDuration}},
		groups: [][]string{{"mean", "stddev"}},
		build:  func(a *args) (Dist, error) { return NewNormal(a.num("mean"), a.num("stddev")) },
	},
	"lognormal": {
		params: []param{{"mean", ParamDuration}, {"cv", ParamNumber}, {"mu", ParamNumber}, {"sigma", ParamNumber}},
		groups: [][]string{{"mean", "cv"}, {"mu", "sigma"}},
		build: func(a *args) (Dist, error) {
			if a.has("mu") {
				return NewLogNormal(a.num("mu"), a.num("sigma"))
			}
			return NewLogNormalMeanCV(a.num("mean"), a.num("cv"))
		},
	},
	"gamma": {
		params: []param{{"mean", ParamDuration}, {"cv", ParamNumber}, {"shape", ParamNumber}, {"scale", ParamDuration}},
		groups: [][]string{{"mean", "cv"}, {"shape", "scale"}},
		build: func(a *args) (Dist, error) {
			if a.has("shape") {
				return NewGamma(a.num("shape"), a.num("scale"))
			}
			return NewGammaMeanCV(a.num("mean"), a.num("cv"))
		},
	},
	"erlang": {
		params: []param{{"k", ParamInt}, {"mean", ParamDuration}},
		groups: [][]string{{"k", "mean"}},
		build:  func(a *args) (Dist, error) { return NewErlang(a.integer("k"), a.num("mean")) },
	},
	"weibull": {
		params: []param{{"shape", ParamNumber}, {"scale", ParamDuration}},
		groups: [][]string{{"shape", "scale"}},
		build:  func(a *args) (Dist, error) { return NewWeibull(a.num("shape"), a.num("scale")) },
	},
	"pareto": {
		params: []param{{"shape", ParamNumber}, {"min", ParamDuration}},
		groups: [][]string{{"shape", "min"}},
		build:  func(a *args) (Dist, error) { return NewPareto(a.num("shape"), a.num("min")) },
	},
	"hyperexponential": {
		params: []param{{"means", ParamDurations}, {"probs", ParamNumbers}},
		groups: [][]string{{"means", "probs"}},
		build: func(a *args) (Dist, error) {
			return NewHyperExponential(a.nums("means"), a.nums("probs"))
		},
	},
	"empirical": {
		params: []param{{"values", ParamDurations}, {"file", ParamFile}},
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

// Param is a parameter that one or more distributions take.
type Param struct {
	Name string
	Kind ParamKind
}

// Params lists every parameter of every distribution once, in the order
// the documentation introduces them (the distributions in the order of
// their docs, each one's parameters in order): value, mean, rate, min,
// ...
func Params() []Param {
	var out []Param
	seen := map[string]bool{}
	for _, name := range distNames {
		for _, p := range specs[name].params {
			if !seen[p.name] {
				seen[p.name] = true
				out = append(out, Param{p.name, p.kind})
			}
		}
	}
	return out
}

// kindOf returns the kind of the named parameter and whether s accepts it.
func (s *distSpec) kindOf(name string) (ParamKind, bool) {
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
