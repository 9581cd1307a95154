package distributions

import "math/rand/v2"

// Streams derives independent reproducible random streams for one run.
//
// Stream(key) is a math/rand/v2 PCG generator whose two 64-bit seed words
// depend only on (seed, replication, key), computed as follows, with all
// arithmetic modulo 2^64, mix the SplitMix64 finalizer
//
//	mix(z) = z ^= z>>30; z *= 0xbf58476d1ce4e5b9; z ^= z>>27; z *= 0x94d049bb133111eb; z ^= z>>31
//
// g = 0x9e3779b97f4a7c15 (the SplitMix64 increment) and fnv the 64-bit
// FNV-1a hash of the key's bytes:
//
//	h  = mix(mix(mix(seed + g) ^ uint64(replication)) ^ fnv(key))
//	hi = mix(h + g)
//	lo = mix(h + 2g)
//	stream = rand.New(rand.NewPCG(hi, lo))
//
// so hi and lo are the first two outputs of a SplitMix64 generator started
// at h. This construction is part of the reproducibility contract: changing
// it changes every result.
type Streams struct {
	base uint64 // mix(mix(seed + g) ^ uint64(replication))
}

// splitMixGamma is the SplitMix64 increment, 2^64 divided by the golden
// ratio.
const splitMixGamma = 0x9e3779b97f4a7c15

// NewStreams returns the streams of replication replication of a run with
// master seed seed.
func NewStreams(seed uint64, replication int) Streams {
	return Streams{base: mix64(mix64(seed+splitMixGamma) ^ uint64(replication))}
}

// Stream returns a new generator for the purpose named key, e.g.
// "client/0/arrival". Equal (seed, replication, key) give equal streams.
func (s Streams) Stream(key string) *rand.Rand {
	var p rand.PCG
	s.seed(&p, fnv1a64(key))
	return rand.New(&p)
}

// SeedPCG sets p to the state of the generator Stream(string(key)) would
// return, without allocating: a model with a million clients keeps their
// generators' states in one array.
func (s Streams) SeedPCG(p *rand.PCG, key []byte) { s.seed(p, fnv1a64(key)) }

// seed sets p to the state of the stream whose key hashes to fnv.
func (s Streams) seed(p *rand.PCG, fnv uint64) {
	h := mix64(s.base ^ fnv)
	p.Seed(mix64(h+splitMixGamma), mix64(h+splitMixGamma+splitMixGamma))
}

// Pilot returns the streams of a pilot run of the same replication:
// independent of s and of every other replication's, and equal for equal
// (seed, replication). Its base is
//
//	mix(mix(s.base ^ fnv("pilot")) + g)
//
// A run whose settings are chosen from a pilot run (warmup: auto) is thus
// not measured on the random numbers that chose them.
func (s Streams) Pilot() Streams {
	return Streams{base: mix64(mix64(s.base^fnv1a64("pilot")) + splitMixGamma)}
}

// mix64 is the SplitMix64 output finalizer, a bijection of uint64 that
// spreads every input bit over the output.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}

// fnv1a64 is the 64-bit FNV-1a hash of s.
func fnv1a64[T string | []byte](s T) uint64 {
	const (
		offset = 0xcbf29ce484222325
		prime  = 0x100000001b3
	)
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}
