package distributions

import (
	"errors"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/asyncsim/asyncsim/internal/yamlconf"
)

// Problems carry a code, so that callers tell a parameter that does not
// fit from a bad value without reading the message.
func TestParseErrorCodes(t *testing.T) {
	for src, want := range map[string]yamlconf.Code{
		"{dist: lognormal, mean: 10ms}":           yamlconf.Missing,
		"{dist: exponential, mean: 1ms, rate: 2}": yamlconf.Conflict,
		"{dist: exponential, mean: 1ms, foo: 1}":  yamlconf.UnknownKey,
		"{dist: exponential, mean: -1ms}":         yamlconf.Invalid,
		"{dist: nope}":                            yamlconf.Invalid,
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(src), &n); err != nil {
			t.Fatal(err)
		}
		_, err := Parse(&n, "k", ParseOptions{})
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("%s: error %v has no *FieldError", src, err)
		}
		if fe.Code != want {
			t.Errorf("%s: code %d (%v), want %d", src, fe.Code, err, want)
		}
	}
}
