//go:build race

package experiments

// underRace reports whether the package's internal tests run under the
// race detector.
const underRace = true
