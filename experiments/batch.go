package experiments

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Point records are stored in batches: points/NNNNNN.jsonl, numbered in
// the order written, holds the records of the points that finished since
// the previous batch, one JSON line each. A file and a sync per point cost
// 0.2-4 ms, more than a run of a thousand requests.
const (
	// batchDelay is the most time a finished point waits in memory for
	// its batch to be written: what a killed run can lose.
	batchDelay = 100 * time.Millisecond
	// batchBytes is the most bytes a batch holds before it is written.
	batchBytes = 16 << 20
	// keptBatchBytes is the most room the writer keeps between batches.
	keptBatchBytes = 1 << 20
)

// recordWriter writes the point records of a run into dir in batches.
type recordWriter struct {
	dir     string
	seq     int       // number of the next batch file
	last    time.Time // when the previous batch was written
	pending []*record
	buf     bytes.Buffer
}

// newRecordWriter returns a writer of batches into dir numbered after
// those already there.
func newRecordWriter(dir string, seq int) *recordWriter {
	return &recordWriter{dir: dir, seq: seq, last: time.Now()}
}

// add stores rec with its checksum and writes the batch when batchDelay
// has passed since the previous one (at once for points that take
// longer), or it holds batchBytes. rec then holds where it is on disk.
func (w *recordWriter) add(rec *record) error {
	data, err := marshalRecord(rec)
	if err != nil {
		return err
	}
	rec.at = recordAt{off: int64(w.buf.Len()), n: int64(len(data))}
	w.buf.Write(data)
	w.buf.WriteByte('\n')
	w.pending = append(w.pending, rec)
	if time.Since(w.last) >= batchDelay || w.buf.Len() >= batchBytes {
		return w.flush()
	}
	return nil
}

// flush writes the records added since the last batch, if any, as the
// next batch file, synced.
func (w *recordWriter) flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	name := batchName(w.seq)
	if err := writeFile(filepath.Join(w.dir, pointsDir, name), w.buf.Bytes()); err != nil {
		return err
	}
	for _, rec := range w.pending {
		rec.at.file = name
	}
	w.seq++
	w.pending = w.pending[:0]
	w.buf.Reset()
	if w.buf.Cap() > keptBatchBytes {
		w.buf = bytes.Buffer{} // a large batch's room is not kept for the whole run
	}
	w.last = time.Now()
	return nil
}

// marshalRecord sets the checksum of rec and returns its JSON: that of
// the checksum's own input with the checksum put in, one encoding instead
// of two.
func marshalRecord(rec *record) ([]byte, error) {
	rec.Checksum = ""
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	rec.Checksum = hex.EncodeToString(sum[:])
	const tail = `"checksum":""}`
	if !bytes.HasSuffix(data, []byte(tail)) { // not the last field any more
		return json.Marshal(rec)
	}
	return append(append(data[:len(data)-2], rec.Checksum...), `"}`...), nil
}

// recordAt is where a record is in its results directory: the batch file
// in points/ and the bytes of its line.
type recordAt struct {
	file   string
	off, n int64
}

// batchName returns the name of batch file seq.
func batchName(seq int) string { return fmt.Sprintf("%06d.jsonl", seq) }

// recordFiles returns the names of the record files in dir/points, in
// the order written, and the number of the next batch.
func recordFiles(dir string) (names []string, next int, err error) {
	ents, err := os.ReadDir(filepath.Join(dir, pointsDir))
	if os.IsNotExist(err) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	for _, e := range ents {
		if n := e.Name(); isRecordName(n) {
			names = append(names, n)
			if seq, err := strconv.Atoi(n[:strings.IndexByte(n, '.')]); err == nil {
				next = max(next, seq+1)
			}
		}
	}
	slices.Sort(names)
	return names, next, nil
}

// readRecords reads every record in dir/points and checks each as
// readBack does. It returns those of the points for which want is true,
// by point, their rows dropped. A point recorded twice is damage.
func readRecords(dir string, id recordID, want func(p int) bool) (map[int]*record, error) {
	names, _, err := recordFiles(dir)
	if err != nil {
		return nil, err
	}
	recs := map[int]*record{}
	where := map[int]string{}
	for _, name := range names {
		path := filepath.Join(dir, pointsDir, name)
		data, err := readRegular(path, maxRecordSize)
		if isRefused(err) {
			return nil, fmt.Errorf("%w: %s: %v; remove it to run its points again", ErrDamaged, path, err)
		}
		if err != nil {
			return nil, err
		}
		var off int64
		for line := 1; len(data) > 0; line++ {
			n := bytes.IndexByte(data, '\n')
			if n < 0 {
				return nil, fmt.Errorf("%w: %s: line %d: not a point record: it does not end (a cut file?); remove it to run its points again", ErrDamaged, path, line)
			}
			at := recordAt{name, off, int64(n)}
			rec, err := parseRecord(data[:n], -1, id)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: line %d: %v; remove it to run its points again", errKind(err), path, line, err)
			}
			if w, dup := where[rec.Point]; dup {
				return nil, fmt.Errorf("%w: %s: line %d: point %d is also recorded in %s; remove one to run the point again", ErrDamaged, path, line, rec.Point, filepath.Join(dir, pointsDir, w))
			}
			where[rec.Point] = name
			if want(rec.Point) {
				rec.drop()
				rec.at = at
				recs[rec.Point] = rec
			}
			data, off = data[n+1:], off+int64(n)+1
		}
	}
	return recs, nil
}

// readBack returns rec with its rows: rec itself when they are in
// memory, else its record read again from dir and checked: its checksum,
// that it is point rec.Point of the experiment, build and seed of id,
// with rows of the right shape. A damaged record is an error wrapping
// ErrDamaged, one of other results ErrIncompatible.
func readBack(dir string, rec *record, id recordID) (*record, error) {
	if rec.Runs != nil {
		return rec, nil
	}
	path := filepath.Join(dir, pointsDir, rec.at.file)
	data, err := readAt(path, rec.at.off, rec.at.n)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: the record of point %d: %v", ErrDamaged, path, rec.Point, err)
	}
	full, err := parseRecord(data, rec.Point, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v; remove it to run its points again", errKind(err), path, err)
	}
	return full, nil
}

// readAt reads n bytes at off of the regular file at path.
func readAt(path string, off, n int64) ([]byte, error) {
	if n > maxRecordSize {
		return nil, tooLarge(maxRecordSize)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkRegular(st, maxRecordSize); err != nil {
		return nil, err
	}
	data := make([]byte, n)
	if _, err := f.ReadAt(data, off); err != nil {
		return nil, err
	}
	return data, nil
}

// recordError is why a record was refused: damaged (edited, cut,
// relabelled) or, when other, intact but of other results.
type recordError struct {
	why   string
	other bool
}

func (e *recordError) Error() string { return e.why }

// errKind returns ErrIncompatible for a record of other results, else
// ErrDamaged.
func errKind(err error) error {
	if e, ok := err.(*recordError); ok && e.other {
		return ErrIncompatible
	}
	return ErrDamaged
}

// parseRecord parses and checks one line of a batch, the record of point
// p (any point when p < 0) of the results of id.
func parseRecord(data []byte, p int, id recordID) (*record, error) {
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, &recordError{why: fmt.Sprintf("not a point record: %v", err)}
	}
	if p < 0 {
		p = rec.Point
	}
	if why := rec.damage(p, id.Seed); why != "" {
		return nil, &recordError{why: why}
	}
	if why := rec.mismatch(id); why != "" {
		return nil, &recordError{why: why, other: true}
	}
	return &rec, nil
}
