package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/asyncsim/asyncsim/experiments"
)

// silencedKinds returns the kinds of warnings named by --no-warn (each
// value one kind or several joined by commas, "all" for every kind), or
// a usage error naming an unknown kind.
func silencedKinds(values []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, v := range values {
		for _, k := range strings.Split(v, ",") {
			k = strings.TrimSpace(k)
			switch {
			case k == "all":
				for _, kind := range experiments.WarningKinds {
					out[kind] = true
				}
			case slices.Contains(experiments.WarningKinds, k):
				out[k] = true
			default:
				return nil, usagef("--no-warn: unknown kind of warning %q; the kinds are %s and all", k, strings.Join(experiments.WarningKinds, ", "))
			}
		}
	}
	return out, nil
}

// printPointWarnings prints the flags of the points of a finished run,
// one line each, except those of a silenced kind, with at most
// maxWarnings lines of each kind before the rest are counted.
func printPointWarnings(w io.Writer, warns []experiments.PointWarning, silenced map[string]bool) {
	shown := map[string]int{}
	for _, kind := range experiments.WarningKinds {
		for _, pw := range warns {
			if pw.Kind != kind || silenced[kind] {
				continue
			}
			shown[kind]++
			if shown[kind] <= maxWarnings {
				fmt.Fprintf(w, "warning: %s\n", pw)
			}
		}
		if n := shown[kind] - maxWarnings; n > 0 {
			fmt.Fprintf(w, "warning: ... and %d more points flagged %s (the flags column of summary.csv)\n", n, kind)
		}
	}
}

// flaggedPoints returns the number of points with at least one flag.
func flaggedPoints(warns []experiments.PointWarning) int {
	points := map[int]bool{}
	for _, w := range warns {
		points[w.Point] = true
	}
	return len(points)
}

// plural returns "1 point", "3 points".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
