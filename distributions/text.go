package distributions

import "github.com/asyncsim/asyncsim/internal/yamlconf"

// quote quotes s for a message, shortening it when long.
func quote(s string) string { return yamlconf.Quote(s) }

// show returns s as written when it is a short plain word, else quoted.
func show(s string) string { return yamlconf.Show(s) }
