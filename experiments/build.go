package experiments

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/asyncsim/asyncsim/distributions"
)

// Build returns the identity of this build of asyncsim, recorded in every
// manifest: its module version and VCS revision (from the build
// information; a build without VCS information, such as a test binary or
// one built with -buildvcs=false, names its executable's SHA-256 instead),
// the Go version and platform, and a digest of the derivation of random
// streams.
// Results of two builds with different identities may differ, so resumes
// and merges refuse to mix them. It is the same for every call in one
// process.
func Build() string { return buildOnce() }

var buildOnce = sync.OnceValue(func() string {
	version, rev, dirty := "devel", "unknown", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+modified"
				}
			}
		}
	}
	if rev == "unknown" {
		rev = "unknown exe " + executableDigest()
	}
	return fmt.Sprintf("asyncsim %s rev %s%s %s %s/%s streams %s",
		version, rev, dirty, runtime.Version(), runtime.GOOS, runtime.GOARCH, streamsDigest())
})

// streamsDigest returns 16 hex digits of the SHA-256 of the first numbers
// drawn from a few streams of distributions.NewStreams. Any change in how
// streams are derived from (seed, replication, key), or in the generator,
// changes it.
func streamsDigest() string {
	h := sha256.New()
	var b [8]byte
	for _, c := range []struct {
		seed uint64
		rep  int
		key  string
	}{{1, 0, "client/0/arrival"}, {7, 3, "network/send"}, {1 << 63, 1 << 20, "server/service/retry"}} {
		r := distributions.NewStreams(c.seed, c.rep).Stream(c.key)
		for range 4 {
			binary.LittleEndian.PutUint64(b[:], r.Uint64())
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// executableDigest returns 16 hex digits of the SHA-256 of the running
// executable, or "unknown".
func executableDigest() string {
	path, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
