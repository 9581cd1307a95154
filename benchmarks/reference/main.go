// Command reference simulates an M/M/1 queue at rho 0.9 with the
// hand-specialised loop of package mm1ref, for end-to-end comparisons with
// `asyncsim run` (see benchmarks/run.sh).
package main

import (
	"flag"
	"fmt"

	"github.com/asyncsim/asyncsim/benchmarks/mm1ref"
)

func main() {
	n := flag.Int64("n", 10_000_000, "customers to simulate")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	s := mm1ref.New(*seed, 0.9)
	for s.N < *n {
		s.Step()
	}
	fmt.Printf("customers %d mean sojourn %.4fs utilization %.4f\n", s.N, s.Sum/float64(s.N)/1e9, s.BusyArea/float64(s.Now))
}
