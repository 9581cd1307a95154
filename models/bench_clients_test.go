package models_test

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"

	"github.com/asyncsim/asyncsim/distributions"
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// BenchmarkClients is an open-loop M/M/1 at rho 0.9 under callback, its
// arrivals split evenly over 100 to a million clients (the same total
// rate); one b.N is one request, set-up included. cpu-ns/request is the
// process's CPU time (user and system, garbage collection included) per
// request, steadier than wall time on a shared machine; bytes/client is
// the live heap half-way through the run, less that of an empty heap, per
// client.
func BenchmarkClients(b *testing.B) {
	for _, n := range []int{100, 10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) { benchClients(b, n) })
	}
}

func benchClients(b *testing.B, n int) {
	cfg := mm1(models.Callback, 0.9)
	cfg.Clients.Count = n
	cfg.Clients.Arrival = distributions.Exponential{Scale: float64(n) / 0.9}
	horizon := sim.Time(float64(b.N)/0.9) * sim.Time(sim.Second)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var live uint64
	done := 0
	opts := models.Options{Done: func(models.Record) {
		done++
		if done == b.N/2 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			live = ms.HeapAlloc
		}
	}}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	m, err := models.RunWith(cfg, distributions.NewStreams(1, 0), horizon+sim.Time(sim.Second), 0, opts)
	cpu := cpuTime() - cpu0
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/m.Requests, "ns/request")
	b.ReportMetric(float64(cpu)/m.Requests, "cpu-ns/request")
	if live > base {
		b.ReportMetric(float64(live-base)/float64(n), "bytes/client")
	}
}

// cpuTime returns the user and system CPU time of the process, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
