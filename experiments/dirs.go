package experiments

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// markerFile marks a directory as a results directory of asyncsim: it is
// created with the directory (or in an empty one) and holds a small JSON
// object. asyncsim writes, replaces and removes files only in directories
// that hold it.
const markerFile = ".asyncsim"

// markerText is the content of a new marker file.
func markerText() []byte {
	data, _ := json.Marshal(struct {
		Asyncsim string `json:"asyncsim"`
		Created  string `json:"created"`
	}{"results directory; asyncsim writes and removes files here", time.Now().UTC().Format(time.RFC3339)})
	return append(data, '\n')
}

// claimDir makes dir a results directory of asyncsim, or checks that it is
// one: a missing directory is created and an empty one marked; any other
// directory without the marker file is refused, and so are the root
// directory and a points entry that is not a plain directory (a symbolic
// link is never followed out of dir). Refusals wrap ErrIncompatible. It
// then locks dir (see lockDir) and returns the lock, to be closed when the
// writing is done.
func claimDir(dir string) (*dirLock, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(abs) == abs {
		return nil, fmt.Errorf("%w: refusing to write results into the root directory %s; choose a new directory with -o", ErrIncompatible, abs)
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%w: %s is not a directory", ErrIncompatible, dir)
	}
	marker := filepath.Join(dir, markerFile)
	if err := checkMarker(marker); errors.Is(err, os.ErrNotExist) {
		empty, err := isEmptyDir(dir)
		if err != nil {
			return nil, err
		}
		if !empty {
			return nil, notOurs(dir, "it is not empty and has no "+markerFile+" file")
		}
		if err := createMarker(marker); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	if err := plainDir(filepath.Join(dir, pointsDir)); err != nil {
		lock.Close()
		return nil, err
	}
	if err := removeStaleTemps(dir); err != nil {
		lock.Close()
		return nil, err
	}
	return lock, nil
}

// notOurs returns the refusal of a directory asyncsim did not create.
func notOurs(dir, why string) error {
	return fmt.Errorf("%w: %s is not an asyncsim results directory (%s); asyncsim writes only into new or empty directories and those it created: choose another directory with -o", ErrIncompatible, dir, why)
}

// checkMarker checks that the marker file at path is one: a regular file
// holding a JSON object with the key "asyncsim", or empty (being created
// by another process). A missing marker is an error satisfying
// errors.Is(err, os.ErrNotExist).
func checkMarker(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if !fi.Mode().IsRegular() {
		return notOurs(dir, markerFile+" is not a regular file")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return err
	}
	var m map[string]any
	if len(data) > 0 && (json.Unmarshal(data, &m) != nil || m["asyncsim"] == nil) {
		return notOurs(dir, markerFile+" is not asyncsim's")
	}
	return nil
}

// createMarker creates the marker file at path unless another process
// just did.
func createMarker(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return checkMarker(path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(markerText()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// isEmptyDir reports whether dir has no entries.
func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// plainDir refuses path if it exists and is not a directory: a symbolic
// link in a results directory is never followed.
func plainDir(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case fi.Mode().Type() == os.ModeSymlink:
		return fmt.Errorf("%w: %s is a symbolic link, which asyncsim never follows; make it a plain directory or remove it", ErrIncompatible, path)
	case !fi.IsDir():
		return fmt.Errorf("%w: %s is not a directory; remove it", ErrIncompatible, path)
	}
	return nil
}

// checkResumable refuses, before anything is created, a --resume into a
// directory that does not exist: its -o is most likely mistyped, and
// starting from scratch there would hide it. (A directory that is not
// asyncsim's is refused by claimDir; an empty one, made for the run, is
// claimed and started from scratch.)
func checkResumable(dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w: nothing to resume: %s does not exist; check the -o directory, or run without --resume", ErrIncompatible, dir)
	} else if err != nil {
		return err
	}
	return nil
}
