package distributions

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/asyncsim/asyncsim/sim"
)

// Limits on files of durations.
const (
	maxFileSize     = 256 << 20 // bytes
	maxLineLength   = 1 << 20   // bytes
	maxFileProblems = 10        // lines reported before summarising
)

// readDurationFile reads one duration a line from the file at path. Blank
// lines and lines starting with # are ignored. Problems are returned as
// messages reading after the file's name, e.g. "line 3: must be >= 0, got
// -1ms"; at most maxFileProblems lines are reported.
func readDurationFile(path string) (values []sim.Duration, problems []string) {
	// Stat before opening: opening a FIFO would block.
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, []string{"not found (looked for " + path + ")"}
	case err != nil:
		return nil, []string{"cannot be read: " + unwrapPath(err).Error()}
	case !st.Mode().IsRegular():
		return nil, []string{"is not a regular file"}
	case st.Size() > maxFileSize:
		return nil, []string{fmt.Sprintf("is larger than %d MiB", maxFileSize>>20)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, []string{"cannot be read: " + unwrapPath(err).Error()}
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxFileSize+1))
	sc.Buffer(make([]byte, 0, 64<<10), maxLineLength)
	line, more := 0, 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		d, err := ParseDuration(s)
		if err != nil {
			if len(problems) >= maxFileProblems {
				more++
				continue
			}
			msg := err.Error()
			var de *durationError
			if errors.As(err, &de) {
				msg = de.msg + ", got " + show(s)
			}
			problems = append(problems, fmt.Sprintf("line %d: %s", line, msg))
			continue
		}
		values = append(values, d)
	}
	if err := sc.Err(); err != nil {
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
