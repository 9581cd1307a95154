package experiments

import (
	"fmt"

	"github.com/asyncsim/asyncsim/distributions"
)

// didYouMean returns "; did you mean "x"?" for the closest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if c := distributions.Suggest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}
