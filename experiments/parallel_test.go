package experiments

import (
	"strings"
	"testing"
)

// TestParallelism checks the cap on simultaneous runs: each may reach the
// backlog limit of a run, about 0.9 GB, so the process budget (3/4 of the
// available memory) bounds them, and MaxParallel bounds them all (issue
// 11: --parallel 4 died at 4 GB; the default was the number of CPUs,
// whatever the memory).
func TestParallelism(t *testing.T) {
	const gb = 1 << 30
	for _, c := range []struct {
		requested, cpus int
		avail           uint64
		want            int
		why             string
	}{
		{0, 2, 24 * gb, 2, ""},
		{4, 2, 24 * gb, 4, ""},
		{4, 2, 4 * gb, 3, "each run may hold up to 2000000 pending events and waiting requests (about 0.9 GB) and 4.3 GB of memory is available"},
		{0, 64, 4 * gb, 3, "each run may hold up to 2000000 pending events and waiting requests (about 0.9 GB) and 4.3 GB of memory is available"},
		{4, 2, gb / 2, 1, "each run may hold up to 2000000 pending events and waiting requests (about 0.9 GB) and 0.5 GB of memory is available"},
		{100000, 2, 0, MaxParallel, "at most 256 runs go at once"},
		{100000, 2, 1 << 50, MaxParallel, "at most 256 runs go at once"},
	} {
		n, why := parallelism(c.requested, c.cpus, c.avail)
		if n != c.want || why != c.why {
			t.Errorf("parallelism(%d, %d cpus, %d bytes) = %d, %q; want %d, %q", c.requested, c.cpus, c.avail, n, why, c.want, c.why)
		}
	}
}

// TestAvailableMemory checks that the machine's memory can be read here
// (Linux): 0 would leave only MaxParallel as a cap.
func TestAvailableMemory(t *testing.T) {
	if n := availableMemory(); n == 0 {
		data, _ := readSmall("/proc/meminfo")
		if strings.Contains(data, "MemAvailable") {
			t.Errorf("availableMemory() = 0 with /proc/meminfo present")
		}
	}
}
