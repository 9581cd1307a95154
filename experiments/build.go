package experiments

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
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
// one built with -buildvcs=false, names a digest of its executable instead),
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

// executableDigest returns 16 hex digits identifying the running
// executable, or "unknown": of the SHA-256 of its Go build ID when it has
// one (go build derives the ID from the contents of the executable and
// of what it was built from), otherwise of its bytes. Reading the ID
// spares hashing the whole executable (about 15 MB) at every start.
func executableDigest() string {
	path, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if id := goBuildID(path); id != "" {
		sum := sha256.Sum256([]byte(id))
		return "id " + hex.EncodeToString(sum[:])[:16]
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

// goBuildID returns the Go build ID of the ELF executable at path, from
// its .note.go.buildid note, or "" when it is not an ELF file or has no
// such note (a build with -ldflags=-buildid=).
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// The note: name size, description size and type (4 bytes each, in
	// the file's byte order), the name "Go" padded with two NULs, then the ID.
	if err != nil || len(note) < 16 {
		return ""
	}
	bo := f.ByteOrder
	nameSize, descSize, typ := bo.Uint32(note), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	const goBuildIDNote = 4
	if nameSize != 4 || typ != goBuildIDNote || !bytes.Equal(note[12:16], []byte("Go\x00\x00")) || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+descSize])
}
