package experiments

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// maxRecordSize bounds a point record or manifest read back from a
// results directory: far above the largest one asyncsim writes (100,000
// replications of a point, 1,000,000 runs), far below what would exhaust
// memory.
const maxRecordSize = 512 << 20

// refusedFile is why readRegular would not read a file: it is not a
// regular file, or is too large.
type refusedFile struct{ why string }

func (e *refusedFile) Error() string { return e.why }

// readRegular reads the regular file at path, of at most limit bytes.
// It refuses, with a *refusedFile, a FIFO (opening it would block until a
// writer came), a device (/dev/zero never ends) and a larger file; it
// stats before opening and checks the opened file again.
func readRegular(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := checkRegular(st, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := checkRegular(st, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, nil
}

// checkRegular refuses st unless it is a regular file of at most limit
// bytes.
func checkRegular(st os.FileInfo, limit int64) error {
	switch {
	case !st.Mode().IsRegular():
		return &refusedFile{"is not a regular file"}
	case st.Size() > limit:
		return tooLarge(limit)
	}
	return nil
}

func tooLarge(limit int64) error {
	return &refusedFile{fmt.Sprintf("is larger than %d MiB", limit>>20)}
}

// isRefused reports whether err is a refusal of readRegular.
func isRefused(err error) bool {
	var r *refusedFile
	return errors.As(err, &r)
}
