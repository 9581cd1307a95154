package experiments

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/asyncsim/asyncsim/models"
)

// MaxParallel is the most runs that go at once, whatever is asked.
const MaxParallel = 256

// backlogBytes is the most memory one entry of a run's backlog (a pending
// event or a waiting request, with its request and attempt) takes: runs
// stopped at the backlog limit of 2,000,000 held 0.3 to 0.9 GB.
const backlogBytes = 450

// Parallelism returns how many runs go at once when requested are asked
// for (<= 0: the number of CPUs), and why, when that is fewer. Each run
// may grow to the backlog limit of a run (models.DefaultMaxBacklog, about
// 0.9 GB), so the runs in flight are at most as many as fit in 3/4 of the
// memory available to the process (MemAvailable, or the cgroup's limit
// when lower), and at most MaxParallel. The limit of a run stays the same
// whatever the parallelism, so results and failures do not depend on it.
func Parallelism(requested int) (int, string) {
	return parallelism(requested, runtime.NumCPU(), availableMemory())
}

// parallelism is Parallelism on a machine of cpus CPUs and avail bytes of
// available memory (0: unknown).
func parallelism(requested, cpus int, avail uint64) (int, string) {
	n := requested
	if n <= 0 {
		n = cpus
	}
	why := ""
	perRun := uint64(models.DefaultMaxBacklog) * backlogBytes
	if fit := max(1, avail/4*3/perRun); avail > 0 && uint64(n) > fit {
		n = int(fit)
		why = fmt.Sprintf("each run may hold up to %d pending events and waiting requests (about %.1f GB) and %.1f GB of memory is available",
			models.DefaultMaxBacklog, float64(perRun)/1e9, float64(avail)/1e9)
	}
	if n > MaxParallel {
		n, why = MaxParallel, fmt.Sprintf("at most %d runs go at once", MaxParallel)
	}
	return n, why
}

// availableMemory returns the memory available to the process in bytes:
// MemAvailable of /proc/meminfo, or the room left under the cgroup's
// memory.max when less; 0 when neither can be read (not Linux).
func availableMemory() uint64 {
	var avail uint64
	if data, err := readSmall("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(strings.NewReader(data))
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) >= 2 && f[0] == "MemAvailable:" {
				if kb, err := strconv.ParseUint(f[1], 10, 64); err == nil {
					avail = kb * 1024
				}
			}
		}
	}
	limit, err1 := readSmall("/sys/fs/cgroup/memory.max")
	used, err2 := readSmall("/sys/fs/cgroup/memory.current")
	if err1 == nil && err2 == nil {
		l, e1 := strconv.ParseUint(strings.TrimSpace(limit), 10, 64) // "max" when unlimited
		u, e2 := strconv.ParseUint(strings.TrimSpace(used), 10, 64)
		if e1 == nil && e2 == nil && l > u && (avail == 0 || l-u < avail) {
			avail = l - u
		}
	}
	return avail
}

// readSmall reads at most 64 KiB of the file at path.
func readSmall(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 64<<10))
	return string(data), err
}
