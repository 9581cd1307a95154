package experiments

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// readRecordWithin runs readRecords of dir and fails the test if it takes
// more than a few seconds.
func readRecordWithin(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { _, err := readRecords(dir, recordID{}, func(int) bool { return true }); done <- err }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("readRecords hangs")
		return nil
	}
}

// A point record that is a FIFO hung a resume or a merge; one symlinked to
// /dev/zero was read until memory ran out (issue 11).
func TestRecordMustBeARegularFile(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(path string) error
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"device", func(p string) error { return os.Symlink("/dev/zero", p) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, pointsDir, batchName(0))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(path); err != nil {
				t.Skip(err)
			}
			err := readRecordWithin(t, dir)
			if want := "damaged results: " + path + ": is not a regular file; remove it to run its points again"; err == nil || err.Error() != want || !errors.Is(err, ErrDamaged) {
				t.Errorf("error %v, want %s", err, want)
			}
		})
	}
}

// A point record larger than any record can be is refused unread.
func TestRecordSizeLimit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, pointsDir, batchName(0))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, maxRecordSize+1); err != nil {
		t.Fatal(err)
	}
	err := readRecordWithin(t, dir)
	if want := "damaged results: " + path + ": is larger than 512 MiB; remove it to run its points again"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// A manifest that is a FIFO hung every command that reads one.
func TestManifestMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, manifestFile)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := readManifest(dir); done <- err }()
	select {
	case err := <-done:
		if want := path + ": not an asyncsim manifest: is not a regular file"; err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readManifest hangs")
	}
}
