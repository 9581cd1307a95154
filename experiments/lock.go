package experiments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrBusy is wrapped by the errors of Run, Merge and Plot that find their
// results directory locked by another asyncsim process writing it. It is a
// runtime failure (exit status 1): nothing was touched, and the same
// command succeeds once the other process is done.
var ErrBusy = errors.New("results directory in use")

// dirLock is the lock of a results directory, held by the one process
// writing it: an exclusive flock(2) of its marker file, released when the
// process exits, however it exits.
type dirLock struct{ f *os.File }

// lockDir locks the results directory dir, whose marker file exists, or
// returns an error wrapping ErrBusy when another process holds it.
func lockDir(dir string) (*dirLock, error) {
	f, err := lockFile(filepath.Join(dir, markerFile))
	if errors.Is(err, errLocked) {
		return nil, fmt.Errorf("%w: %s is being written by another asyncsim process (run, run --resume or merge); wait for it to finish, or choose another directory", ErrBusy, dir)
	}
	if err != nil {
		return nil, err
	}
	return &dirLock{f}, nil
}

// Close releases l; a nil l is a no-op.
func (l *dirLock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}

// errLocked is returned by lockFile when another process holds the lock.
var errLocked = errors.New("locked")
