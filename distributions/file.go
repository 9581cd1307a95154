package distributions

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// Limits on files of durations.
const (
	maxFileSize     = 256 << 20 // bytes
	maxLineLength   = 1 << 20   // bytes
	maxFileProblems = 10        // lines reported before summarising
)

// Files reads the data files of one experiment (the file: of empirical
// distributions): only regular files of at most 256 MiB, only inside the
// experiment's directory tree, each once. The values of a file are shared
// read-only by every distribution that reads it. Its methods are not safe
// for concurrent use.
type Files struct {
	fsys  fs.FS  // the tree files may be read from
	dir   string // the experiment's directory in fsys, in slash form
	shown string // how dir is named in messages
	read  map[string]fileRead
	other map[string]otherRead // files read by Read, by kind and name
}

// otherRead is a file as read by Read.
type otherRead struct {
	value    any
	problems []string
}

// fileRead is a file as read: its values, or what is wrong with it.
type fileRead struct {
	values   []sim.Duration
	problems []string
}

// DirFiles returns the Files of an experiment in directory dir of the
// operating system. Symbolic links that lead out of dir are refused.
func DirFiles(dir string) *Files {
	return &Files{fsys: rootFS(dir), dir: ".", shown: dir, read: map[string]fileRead{}}
}

// FSFiles returns the Files of an experiment in directory dir (in slash
// form) of fsys; messages name files by their path in fsys.
func FSFiles(fsys fs.FS, dir string) *Files {
	return &Files{fsys: fsys, dir: dir, shown: dir, read: map[string]fileRead{}}
}

// durations returns the durations in the file name, a path relative to
// the experiment's directory, reading it the first time it is asked for.
// Problems are messages reading after the file's name, e.g. "line 3: must
// be >= 0"; the contents of the file are never repeated in them.
func (fl *Files) durations(name string) ([]sim.Duration, []string) {
	if r, ok := fl.read[name]; ok {
		return r.values, r.problems
	}
	v, p := fl.load(name)
	fl.read[name] = fileRead{v, p}
	return v, p
}

// msgOutside is the problem of a path that leaves the experiment's tree.
const msgOutside = "must be a relative path inside the experiment's directory"

// Read returns what read makes of the file name, a path relative to the
// experiment's directory, with the checks and limits of the files of
// durations (only regular files inside the experiment's tree, at most 256
// MiB). The file is opened and read the first time a file of this kind
// (a name for read, such as "profile") and name is asked for; later calls
// return the same value and problems. Problems read as for durations.
func (fl *Files) Read(kind, name string, read func(io.Reader) (any, []string)) (any, []string) {
	key := kind + "\x00" + name
	if r, ok := fl.other[key]; ok {
		return r.value, r.problems
	}
	var r otherRead
	f, problems := fl.open(name)
	if f != nil {
		r.value, r.problems = read(io.LimitReader(f, maxFileSize+1))
		f.Close()
	} else {
		r.problems = problems
	}
	if fl.other == nil {
		fl.other = map[string]otherRead{}
	}
	fl.other[key] = r
	return r.value, r.problems
}

// MaxLineLength is the longest line of a data file.
const MaxLineLength = maxLineLength

func (fl *Files) load(name string) ([]sim.Duration, []string) {
	f, problems := fl.open(name)
	if f == nil {
		return nil, problems
	}
	defer f.Close()
	return readDurations(f)
}

// open opens the data file name, or says why it cannot.
func (fl *Files) open(name string) (fs.File, []string) {
	if !filepath.IsLocal(name) {
		return nil, []string{msgOutside}
	}
	p := path.Join(fl.dir, filepath.ToSlash(name))
	if !fs.ValidPath(p) {
		return nil, []string{msgOutside}
	}
	// Stat before opening: opening a FIFO would block.
	st, err := fs.Stat(fl.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, []string{"not found (looked for " + fl.shownPath(name) + ")"}
	case errors.Is(err, errOutside):
		return nil, []string{"is outside the experiment's directory"}
	case err != nil:
		return nil, []string{"cannot be read: " + unwrapPath(err).Error()}
	case !st.Mode().IsRegular():
		return nil, []string{"is not a regular file"}
	case st.Size() > maxFileSize:
		return nil, []string{fmt.Sprintf("is larger than %d MiB", maxFileSize>>20)}
	}
	f, err := fl.fsys.Open(p)
	if err != nil {
		return nil, []string{"cannot be read: " + unwrapPath(err).Error()}
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, []string{"is not a regular file"} // replaced since it was looked at
	}
	return f, nil
}

// shownPath names the file name in messages.
func (fl *Files) shownPath(name string) string {
	if fl.dir == "." && fl.shown != "." {
		return filepath.Join(fl.shown, filepath.FromSlash(name))
	}
	return path.Join(fl.shown, filepath.ToSlash(name))
}

// ScanDataLines calls each with the number and text of every data line of
// r, trimmed: a byte-order mark is dropped from the first line, blank
// lines and lines starting with # are skipped, and each returns false to
// stop. It returns the number of the last line read and the reader's
// error (bufio.ErrTooLong for a line longer than MaxLineLength).
func ScanDataLines(r io.Reader, each func(line int, s string) bool) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLineLength)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !each(line, s) {
			break
		}
	}
	return line, sc.Err()
}

// readDurations reads one duration a line from r. Blank lines and lines
// starting with # are ignored. At most maxFileProblems lines are reported.
func readDurations(r io.Reader) (values []sim.Duration, problems []string) {
	more := 0
	line, err := ScanDataLines(io.LimitReader(r, maxFileSize+1), func(line int, s string) bool {
		d, err := ParseDuration(s)
		if err != nil {
			if len(problems) >= maxFileProblems {
				more++
				return true
			}
			msg, ok := DurationProblem(err)
			if !ok {
				msg = msgNotDuration
			}
			problems = append(problems, fmt.Sprintf("line %d: %s", line, msg))
			return true
		}
		values = append(values, d)
		return true
	})
	if err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, append(problems, fmt.Sprintf("line %d is longer than %d bytes", line+1, maxLineLength))
		}
		return nil, append(problems, "cannot be read: "+unwrapPath(err).Error())
	}
	if more > 0 {
		problems = append(problems, fmt.Sprintf("and %d more bad lines", more))
	}
	if len(problems) == 0 && len(values) == 0 {
		problems = append(problems, "has no values")
	}
	if len(problems) > 0 {
		values = nil
	}
	return values, problems
}

// unwrapPath drops the operation and path that an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// errOutside is the error of rootFS for a path that leads out of its
// directory through a symbolic link.
var errOutside = errors.New("outside the directory")

// rootFS is the file system of a directory of the operating system,
// opened through os.Root so that no path, symbolic links included, leads
// out of it.
type rootFS string

func (dir rootFS) open() (*os.Root, error) { return os.OpenRoot(string(dir)) }

// Open opens name inside the directory.
func (dir rootFS) Open(name string) (fs.File, error) {
	r, err := dir.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(name)
	if err != nil {
		return nil, dir.outside(name, err)
	}
	return f, nil
}

// Stat returns the FileInfo of name inside the directory, without
// opening it.
func (dir rootFS) Stat(name string) (fs.FileInfo, error) {
	r, err := dir.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	st, err := r.Stat(name)
	if err != nil {
		return nil, dir.outside(name, err)
	}
	return st, nil
}

// outside returns errOutside when err is os.Root refusing name because it
// leads out of the directory, else err.
func (dir rootFS) outside(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	full, e1 := filepath.EvalSymlinks(filepath.Join(string(dir), filepath.FromSlash(name)))
	base, e2 := filepath.EvalSymlinks(string(dir))
	if e1 == nil && e2 == nil {
		if rel, e := filepath.Rel(base, full); e == nil && !filepath.IsLocal(rel) {
			return errOutside
		}
	}
	return err
}
