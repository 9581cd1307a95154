package experiments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// Issue 11 (input side): files that are not regular, data files outside
// the experiment's directory, user text in messages, huge error lists.

// loadWithin runs Load(path) and fails the test if it takes more than a
// few seconds (it used to block forever on a FIFO).
func loadWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { _, err := Load(path); done <- err }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("Load(%s) hangs", path)
		return nil
	}
}

func TestLoadRefusesAFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exp.yaml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	err := loadWithin(t, path)
	if want := path + ": is not a regular file, not an experiment file"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestLoadRefusesADevice(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "exp.yaml")
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Skip(err)
	}
	err := loadWithin(t, path)
	if want := path + ": is not a regular file, not an experiment file"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// writeExp writes the experiment text as dir/sub/exp.yaml and the files
// given, relative to dir, and returns the experiment's path.
func writeExp(t *testing.T, dir, text string, files map[string]string) string {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "sub", "exp.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func expWithFile(file string) string {
	return fmt.Sprintf(`name: t
horizon: 10s
model:
  clients: {arrival: 10ms}
  server: {service: {dist: empirical, file: %q}}
`, file)
}

// A data file must be inside the experiment's directory: file: read any
// path, and its messages showed the first lines of it.
func TestDataFileConfinedToTheExperimentDirectory(t *testing.T) {
	dir := t.TempDir()
	secret := "SECRET-TOKEN-1234\nline two\n"
	outside := filepath.Join(dir, "secret.txt")
	if err := os.WriteFile(outside, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"../secret.txt", outside, "../link.csv", "./../secret.txt"} {
		path := writeExp(t, dir, expWithFile(file), nil)
		_, err := Load(path)
		want := fmt.Sprintf(`%s:5:39: model.server.service.file: empirical: file %s must be a relative path inside the experiment's directory`,
			path, show(file))
		if err == nil || err.Error() != want {
			t.Errorf("file: %s\ngot  %v\nwant %s", file, err, want)
		}
	}
	// A symbolic link inside the directory that leads out of it.
	if err := os.Symlink(outside, filepath.Join(dir, "sub", "in.csv")); err != nil {
		t.Fatal(err)
	}
	path := writeExp(t, dir, expWithFile("in.csv"), nil)
	_, err := Load(path)
	want := path + `:5:39: model.server.service.file: empirical: file in.csv is outside the experiment's directory`
	if err == nil || err.Error() != want {
		t.Errorf("symlink out\ngot  %v\nwant %s", err, want)
	}
}

// The lines of a file that is not a file of durations are never shown.
func TestDataFileContentsNeverShown(t *testing.T) {
	dir := t.TempDir()
	path := writeExp(t, dir, expWithFile("notes.csv"), map[string]string{
		"sub/notes.csv": "password=hunter2\n1ms\n-2ms\n",
	})
	_, err := Load(path)
	want := path + `:5:39: model.server.service.file: empirical: file notes.csv line 1: must be a duration (a number with unit ns, us, ms, s, m or h, or bare seconds)` + "\n" +
		path + `:5:39: model.server.service.file: empirical: file notes.csv line 3: must be >= 0`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestLoadFSConfinedToTheFS(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(secret, []byte("1ms\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{secret, "../../secret.csv", "../x.csv"} {
		fsys := fstest.MapFS{
			"a/b/exp.yaml": {Data: []byte(expWithFile(file))},
			"a/x.csv":      {Data: []byte("1ms\n")},
		}
		_, err := LoadFS(fsys, "a/b/exp.yaml")
		want := fmt.Sprintf(`a/b/exp.yaml:5:39: model.server.service.file: empirical: file %s must be a relative path inside the experiment's directory`, show(file))
		if err == nil || err.Error() != want {
			t.Errorf("file: %s\ngot  %v\nwant %s", file, err, want)
		}
	}
}

// User text in messages is escaped: a key can hold terminal escape
// sequences.
func TestMessagesEscapeUserText(t *testing.T) {
	_, err := parse(t, "name: t\nhorizon: 10s\n\"\\e[2J\\e]0;pwned\\a\": 1\nmodel: {clients: {arrival: 10ms}, server: {service: 5ms, \"a\\u202eb\": 1}}\n")
	if err == nil {
		t.Fatal("no error")
	}
	if strings.ContainsAny(err.Error(), "\x1b\x07\u202e") {
		t.Errorf("raw control characters in %q", err)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("errors %v", err)
	}
	if got, want := list[0].Error()[len(list[0].File):], `:3:1: "\x1b[2J\x1b]0;pwned\a": unknown key (accepted: name, description, seed, replications, horizon, warmup, timeseries, drain, percentiles, slo, model, sweep, cases, baseline, charts)`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := list[1].Error()[len(list[1].File):], `:4:58: model.server."a\u202eb": unknown key (accepted: count, workers, capacity, service, error, crash, queue, codel, queue_timeout, rate_limit, eject)`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// 200,000 unknown keys printed 50,001 lines.
func TestErrorListCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: t\nhorizon: 10s\nmodel: {clients: {arrival: 10ms}, server: {service: 5ms}}\n")
	for i := range 200_000 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	_, err := parse(t, b.String())
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v", err)
	}
	if len(list) != maxErrors+1 {
		t.Fatalf("%d errors, want %d", len(list), maxErrors+1)
	}
	last := list[len(list)-1]
	// At the first problem left out: unknown key k99, line 103.
	if want := "and 49898 more problems (fix the ones above first)"; last.Msg != want || last.Line != 103 || last.Column != 1 {
		t.Errorf("last error %q at %d:%d, want %q at 103:1", last.Msg, last.Line, last.Column, want)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxErrors+1 {
		t.Errorf("%d lines printed, want %d", n, maxErrors+1)
	}
}
