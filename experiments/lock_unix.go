//go:build unix

package experiments

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile opens path, never through a symbolic link, and takes an
// exclusive flock on it without waiting; errLocked means another open file
// holds it.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return f, nil
}
