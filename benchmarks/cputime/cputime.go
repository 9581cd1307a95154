// Package cputime measures the CPU time of the calling thread, so that
// benchmarks that alternate two variants in rounds are not skewed by
// other load on a shared machine. Callers lock their goroutine to its
// thread (runtime.LockOSThread) first.
package cputime

import (
	"syscall"
	"time"
)

// Thread returns the user and system CPU time of the calling OS thread.
func Thread() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
