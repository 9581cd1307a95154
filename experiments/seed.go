package experiments

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
	const gamma = 0x9e3779b97f4a7c15
	return mix64(mix64(master+gamma) ^ uint64(r))
}

// mix64 is the SplitMix64 output finalizer.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}
