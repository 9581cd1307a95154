package experiments

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// manifest is manifest.json: where a results directory came from.
type manifest struct {
	Version   string `json:"asyncsim_version"`
	Build     string `json:"build"` // see Build
	GoVersion string `json:"go_version"`
	File      string `json:"experiment_file"`
	SHA256    string `json:"experiment_sha256"`
	// Data is the digest of the data of the empirical distributions (see
	// dataDigest), empty when there is none.
	Data        string      `json:"data_sha256,omitempty"`
	Seed        uint64      `json:"seed"`
	Shard       string      `json:"shard"`
	Complete    bool        `json:"complete"`
	CommandLine []string    `json:"command_line"`
	Started     string      `json:"started"`
	Finished    string      `json:"finished"`
	Experiment  resolved    `json:"experiment"`
	MergedFrom  []shardInfo `json:"merged_from,omitempty"`
	// Charts are the chart files drawn, once complete.
	Charts []string `json:"charts,omitempty"`
	// Records are the files of points/ that hold the run's point
	// records, once complete.
	Records []string `json:"records,omitempty"`
	// Runs lists the seed of every run in the directory. A run's seed
	// depends on the master seed and replication only (see RunSeed).
	// Until the directory is complete it lists the runs planned: with a
	// precision target, the first replications (its min) of every point.
	Runs []runSeed `json:"runs"`
}

type runSeed struct {
	Point       int    `json:"point"`
	Replication int    `json:"replication"`
	Seed        uint64 `json:"seed"`
}

type shardInfo struct {
	Dir         string   `json:"dir"`
	Shard       string   `json:"shard"`
	CommandLine []string `json:"command_line"`
	Started     string   `json:"started"`
	Finished    string   `json:"finished"`
}

const manifestFile = "manifest.json"

// newManifest returns the manifest of a run of the given points of exp.
func newManifest(exp *Experiment, shard Shard, points []int, cmdline []string) *manifest {
	m := &manifest{
		Version: Version, Build: Build(), GoVersion: runtime.Version(),
		File: exp.File, SHA256: exp.SHA256, Data: dataDigest(exp), Seed: exp.Seed, Shard: shard.String(),
		CommandLine: cmdline, Experiment: resolveExperiment(exp), Runs: []runSeed{},
	}
	for _, p := range points {
		for r := range exp.Replications {
			m.Runs = append(m.Runs, runSeed{p, r, RunSeed(exp.Seed, r)})
		}
	}
	return m
}

// runSeeds returns the runs of the records recs, in order: the
// replications each record holds.
func runSeeds(seed uint64, recs []*record) []runSeed {
	out := []runSeed{}
	for _, rec := range recs {
		for r := range rec.Replications {
			out = append(out, runSeed{rec.Point, r, RunSeed(seed, r)})
		}
	}
	return out
}

// now returns the wall time for manifests.
func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// readManifest reads dir/manifest.json; it returns nil and no error when
// there is none.
func readManifest(dir string) (*manifest, error) {
	data, err := readRegular(filepath.Join(dir, manifestFile), maxRecordSize)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if isRefused(err) {
		return nil, fmt.Errorf("%s: not an asyncsim manifest: %w", filepath.Join(dir, manifestFile), err)
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: not an asyncsim manifest: %w", filepath.Join(dir, manifestFile), err)
	}
	return &m, nil
}

// write stores m in dir.
func (m *manifest) write(dir string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, manifestFile), append(data, '\n'))
}
