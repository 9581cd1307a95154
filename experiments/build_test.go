package experiments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// setManifestField rewrites one field of dir/manifest.json, as a results
// directory written by another build would hold it.
func setManifestField(t *testing.T, dir, key string, value any) {
	t.Helper()
	path := filepath.Join(dir, manifestFile)
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, path)), &m); err != nil {
		t.Fatal(err)
	}
	m[key] = value
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildIdentityIsDeterministic(t *testing.T) {
	a, b := Build(), Build()
	if a == "" || a != b {
		t.Fatalf("Build() = %q then %q", a, b)
	}
	if !strings.Contains(a, "streams "+streamsDigest()) || len(streamsDigest()) != 16 {
		t.Errorf("Build() = %q lacks the stream derivation digest %q", a, streamsDigest())
	}
}

// TestOtherBuildRefused: a resume or a merge must not mix results of
// different builds (issue 11: the version check compared the constant
// "0.1.0").
func TestOtherBuildRefused(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	dir := mustRun(t, exp, Options{})
	setManifestField(t, dir, "build", "asyncsim v0.0.9 rev 0123456789ab go1.20 linux/amd64 streams 0000000000000000")
	setManifestField(t, dir, "complete", false)
	_, err := Run(context.Background(), exp, Options{Dir: dir, Resume: true})
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "another build") {
		t.Errorf("resume of another build's run: %v, want ErrIncompatible naming another build", err)
	}

	s1 := mustRun(t, exp, Options{Shard: Shard{1, 2}})
	s2 := mustRun(t, exp, Options{Shard: Shard{2, 2}})
	setManifestField(t, s2, "build", "asyncsim v0.0.9 rev 0123456789ab go1.20 linux/amd64 streams 0000000000000000")
	_, err = Merge(context.Background(), filepath.Join(t.TempDir(), "m"), []string{s1, s2}, nil)
	if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), "different builds") {
		t.Errorf("merge of shards of two builds: %v, want ErrIncompatible naming different builds", err)
	}
}

// editManifest rewrites dir/manifest.json through edit.
func editManifest(t *testing.T, dir string, edit func(map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, manifestFile)
	var m map[string]any
	if err := json.Unmarshal([]byte(readFile(t, path)), &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGoBuildID: the build ID read from the test executable is the one
// go tool buildid prints, and the executable's digest is derived from it.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	got := goBuildID(exe)
	if runtime.GOOS != "linux" {
		t.Skipf("not an ELF executable on %s", runtime.GOOS)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); got != want || got == "" {
		t.Errorf("goBuildID = %q, want %q", got, want)
	}
	sum := sha256.Sum256([]byte(got))
	if d, want := executableDigest(), "id "+hex.EncodeToString(sum[:])[:16]; d != want {
		t.Errorf("executableDigest = %q, want %q", d, want)
	}
	if goBuildID(filepath.Join("testdata", "small.yaml")) != "" {
		t.Error("goBuildID of a YAML file is not empty")
	}
}
