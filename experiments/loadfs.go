package experiments

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/asyncsim/asyncsim/distributions"
)

// LoadFS reads and checks the experiment file name of fsys, like Load:
// for example a bundled experiment of examples.FS, or of an os.DirFS.
// Messages name the file as name. Relative empirical file: paths are read
// from fsys too, next to the experiment file, and only from its directory
// tree: absolute paths and paths with .. are refused.
func LoadFS(fsys fs.FS, name string) (Experiment, error) {
	data, err := readLimitedFS(fsys, name)
	if err != nil {
		return Experiment{}, ErrorList{{File: name, Msg: err.Error()}}
	}
	return parseIn(name, distributions.FSFiles(fsys, path.Dir(name)), data)
}

// readLimitedFS reads file name of fsys, of at most maxFileSize bytes.
func readLimitedFS(fsys fs.FS, name string) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return nil, errNotRegular
	}
	f, err := fsys.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read the experiment file: %w", err)
	}
	return readOpened(f)
}
