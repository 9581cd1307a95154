// Command seriescost measures what recording time series costs a run: an
// M/M/1 at rho 0.9 of 900 requests a second through models.RunWith,
// without and with time series of 1 s windows, alternating in rounds and
// timed by thread CPU time so that other load on the machine cancels out.
// It prints the best round of each and their ratio.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"time"

	"github.com/asyncsim/asyncsim/benchmarks/cputime"
	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

func run(requests int, window sim.Duration) (time.Duration, float64) {
	cfg := models.DefaultConfig()
	cfg.Policy = models.Callback
	cfg.Clients.Arrival = distributions.Exponential{Scale: 0.001 / 0.9}
	cfg.Server.Service = distributions.Exponential{Scale: 0.001}
	horizon := sim.Time(float64(requests) / 900 * float64(sim.Second))
	start := cputime.Thread()
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), horizon, 0, models.Options{Window: window})
	if err != nil {
		panic(err)
	}
	return cputime.Thread() - start, m.Requests
}

func main() {
	requests := flag.Int("n", 3_000_000, "requests per run")
	rounds := flag.Int("rounds", 7, "rounds")
	window := flag.Duration("window", time.Second, "window of the time series")
	flag.Parse()
	runtime.LockOSThread()
	best := [2]time.Duration{1 << 62, 1 << 62}
	var n float64
	for range *rounds {
		for i, w := range []sim.Duration{0, sim.Duration(*window)} {
			t, r := run(*requests, w)
			best[i] = min(best[i], t)
			n = r
		}
	}
	off, on := float64(best[0])/n, float64(best[1])/n
	fmt.Printf("no time series      %6.1f ns/request\n", off)
	fmt.Printf("time series, %v %6.1f ns/request\n", *window, on)
	fmt.Printf("cost %+.1f%%\n", (on/off-1)*100)
}
