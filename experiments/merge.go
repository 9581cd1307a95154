package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Merge joins the results directories of the shards of one run (run with
// Shard 1/N … N/N) into dir, which then holds what an unsharded run would
// have written, byte for byte (the manifest aside). It refuses, with an
// error wrapping ErrIncompatible, shards of different experiment files,
// seeds or builds of asyncsim, unfinished shards, and sets of shards that do
// not cover every point exactly once.
func Merge(ctx context.Context, dir string, shards []string, cmdline []string) (Result, error) {
	res := Result{Dir: dir}
	if len(shards) == 0 {
		return res, fmt.Errorf("%w: no shard directories to merge", ErrIncompatible)
	}
	started := now()
	ms, err := readShards(dir, shards)
	if err != nil {
		return res, err
	}
	first := ms[0]
	r := &first.Experiment
	sha, seed := first.SHA256, first.Seed
	id := first.recordID()
	// Every record is checked before anything is written, then read again
	// to be copied: only the summary rows stay in memory, whatever the
	// number of runs.
	recs := make([]*record, r.Points)
	from := make([]string, r.Points) // the shard directory of each point
	for i, m := range ms {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		sh, _ := ParseShard(m.Shard)
		points := sh.points(r.Points)
		found, err := readRecords(shards[i], id, func(p int) bool { return sh.Has(p) && p < r.Points })
		if err != nil {
			return res, err
		}
		for _, p := range points {
			if found[p] == nil {
				return res, fmt.Errorf("%w: shard %s lacks point %d: no record of it in %s", ErrIncompatible, shards[i], p, filepath.Join(shards[i], pointsDir))
			}
			recs[p], from[p] = found[p], shards[i]
		}
	}
	out := &manifest{
		Version: first.Version, Build: first.Build, GoVersion: first.GoVersion, File: first.File, SHA256: sha, Data: first.Data, Seed: seed,
		Shard: "1/1", CommandLine: cmdline, Started: started, Experiment: first.Experiment, Runs: []runSeed{},
	}
	for i, m := range ms {
		out.MergedFrom = append(out.MergedFrom, shardInfo{shards[i], m.Shard, m.CommandLine, m.Started, m.Finished})
	}

	lock, err := claimDir(dir)
	if err != nil {
		return res, err
	}
	defer lock.Close()
	target, err := mergeTarget(dir)
	if err != nil {
		return res, err
	}
	if _, err := prepareTarget(target, false, id, nil); err != nil {
		return res, err
	}
	if err := out.write(target); err != nil {
		return res, err
	}
	batch := newRecordWriter(target, 0)
	for p := range recs {
		full, err := readBack(from[p], recs[p], id)
		if err != nil {
			return res, err
		}
		if err := batch.add(full); err != nil {
			return res, err
		}
		full.drop()
		recs[p] = full
	}
	if err := batch.flush(); err != nil {
		return res, err
	}
	res.Points = r.Points
	for _, rec := range recs {
		res.Runs += rec.Replications
	}
	return res, finish(dir, target, out, recs, true, 0, &res)
}

// readShards reads and cross-checks the manifests of the shard
// directories, returning them in the order given.
func readShards(dir string, shards []string) ([]*manifest, error) {
	var ms []*manifest
	seen := map[int]string{}
	count := 0
	for _, s := range shards {
		if same(s, dir) {
			return nil, fmt.Errorf("%w: the output directory %s is also a shard; merge into another directory", ErrIncompatible, dir)
		}
		m, err := readManifest(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrIncompatible, err)
		}
		if m == nil {
			return nil, fmt.Errorf("%w: %s is not a results directory (no %s)", ErrIncompatible, s, manifestFile)
		}
		if !m.Complete {
			return nil, fmt.Errorf("%w: shard %s (%s) is unfinished; finish it with asyncsim run --resume", ErrIncompatible, m.Shard, s)
		}
		sh, err := ParseShard(m.Shard)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrIncompatible, s, err)
		}
		if why := checkCounts(m, sh); why != "" {
			return nil, fmt.Errorf("%w: %s: %s: %s", ErrDamaged, s, manifestFile, why)
		}
		if len(ms) > 0 {
			f := ms[0]
			switch {
			case m.SHA256 != f.SHA256:
				return nil, fmt.Errorf("%w: %s and %s come from different experiment files (sha256 %.12s… and %.12s…)", ErrIncompatible, shards[0], s, f.SHA256, m.SHA256)
			case m.Seed != f.Seed:
				return nil, fmt.Errorf("%w: %s and %s were run with different seeds (%d and %d)", ErrIncompatible, shards[0], s, f.Seed, m.Seed)
			case m.Data != f.Data:
				return nil, fmt.Errorf("%w: %s and %s were run with different data files for their empirical distributions (data sha256 %.12s… and %.12s…)", ErrIncompatible, shards[0], s, f.Data, m.Data)
			case m.Build != f.Build:
				return nil, fmt.Errorf("%w: %s and %s were written by different builds of asyncsim (%s and %s)", ErrIncompatible, shards[0], s, orUnknown(f.Build), orUnknown(m.Build))
			case sh.Count != count:
				return nil, fmt.Errorf("%w: %s is shard %s but %s is one of %d shards", ErrIncompatible, s, m.Shard, shards[0], count)
			case !slices.Equal(m.Experiment.GraphMetrics, f.Experiment.GraphMetrics):
				return nil, fmt.Errorf("%w: %s and %s have different columns: the services and calls of their models differ", ErrIncompatible, shards[0], s)
			case !sameJSON(m.Experiment, f.Experiment):
				return nil, fmt.Errorf("%w: %s and %s hold different experiment settings", ErrIncompatible, shards[0], s)
			}
		}
		count = sh.Count
		if d, dup := seen[sh.Index]; dup {
			return nil, fmt.Errorf("%w: shard %s is given twice (%s and %s)", ErrIncompatible, m.Shard, d, s)
		}
		seen[sh.Index] = s
		ms = append(ms, m)
	}
	if missing, more := missingShards(seen, count); len(missing) > 0 {
		and := ""
		if more > 0 {
			and = fmt.Sprintf(" and %d more", more)
		}
		return nil, fmt.Errorf("%w: missing shard %v%s; every point must be covered exactly once", ErrIncompatible, missing, and)
	}
	return ms, nil
}

// mergeTarget returns where a merge into the results directory dir, which
// the caller has claimed and locked, writes: dir/.next when dir holds
// finished results, to be swapped in once the merge is complete, else dir.
// It refuses to write over an unfinished run; an unfinished merge, which
// cannot be resumed, is replaced.
func mergeTarget(dir string) (string, error) {
	if err := swap(dir); err != nil { // one a killed process began
		return "", err
	}
	old, err := readManifest(dir)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrIncompatible, err)
	}
	next := filepath.Join(dir, nextDir)
	staged, err := readManifest(next)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrIncompatible, err)
	}
	switch {
	case staged != nil && len(staged.MergedFrom) == 0:
		return "", fmt.Errorf("%w: %s holds an unfinished re-run (in %s) beside its finished results; finish it with --resume or remove %s", ErrIncompatible, dir, next, next)
	case old != nil && !old.Complete && len(old.MergedFrom) == 0:
		return "", fmt.Errorf("%w: %s holds an unfinished run; finish it with --resume or remove it", ErrIncompatible, dir)
	case old != nil && old.Complete:
		return next, nil
	}
	return dir, nil
}

// same reports whether paths a and b name the same directory.
func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(sa, sb)
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && slices.Equal(x, y)
}

// sweptPaths returns the swept paths of r.
func sweptPaths(r *resolved) []string {
	p, _, _ := r.swept()
	return p
}
