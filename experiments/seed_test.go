package experiments

import (
	"math/rand/v2"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
)

// TestRunSeedIsTheStreamsKey checks that RunSeed is the key from which
// distributions.NewStreams derives its streams, as documented.
func TestRunSeedIsTheStreamsKey(t *testing.T) {
	const g uint64 = 0x9e3779b97f4a7c15
	for _, seed := range []uint64{0, 1, 42, 1<<64 - 1} {
		for _, rep := range []int{0, 1, 7, 1000} {
			key := "client/0/arrival"
			h := mix64(RunSeed(seed, rep) ^ fnv1a(key))
			mine := rand.New(rand.NewPCG(mix64(h+g), mix64(h+g+g)))
			theirs := distributions.NewStreams(seed, rep).Stream(key)
			for range 4 {
				if a, b := mine.Uint64(), theirs.Uint64(); a != b {
					t.Fatalf("seed %d replication %d: stream from RunSeed %x, from NewStreams %x", seed, rep, a, b)
				}
			}
		}
	}
	if RunSeed(1, 0) == RunSeed(1, 1) || RunSeed(1, 0) == RunSeed(2, 0) {
		t.Error("run seeds collide")
	}
}

func fnv1a(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// mix64 is the SplitMix64 finalizer, written out again here so that the
// test checks the documented formula independently of the code.
func mix64(z uint64) uint64 {
	z ^= z >> 30
	z *= 0xbf58476d1ce4e5b9
	z ^= z >> 27
	z *= 0x94d049bb133111eb
	z ^= z >> 31
	return z
}
