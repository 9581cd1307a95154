//go:build !unix

package experiments

import "os"

// lockFile opens path. Without flock(2) there is no lock: concurrent
// writers of one directory are not detected on this system.
func lockFile(path string) (*os.File, error) {
	return os.Open(path)
}
