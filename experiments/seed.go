package experiments

import "github.com/asyncsim/asyncsim/distributions"

// RunSeed returns the seed reported for replication r of an experiment with
// master seed master: the 64-bit key from which distributions.NewStreams
// derives every random stream of the run,
//
//	RunSeed(S, r) = mix(mix(S + g) ^ r)
//
// with mix the SplitMix64 finalizer and g = 0x9e3779b97f4a7c15 (see
// distributions.Streams). It depends on the master seed and the
// replication only, not on the sweep point: every point of replication r
// sees the same random numbers (common random numbers).
func RunSeed(master uint64, r int) uint64 {
	return distributions.NewStreams(master, r).Key()
}
