package experiments

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestShardPoints checks the mapping of SPEC §7: shard I/N runs the points
// whose 0-based index mod N is I-1, written out point by point.
func TestShardPoints(t *testing.T) {
	for _, c := range []struct {
		shard Shard
		want  []int
	}{
		{Shard{}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{Shard{1, 1}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{Shard{1, 2}, []int{0, 2, 4, 6, 8}},
		{Shard{2, 2}, []int{1, 3, 5, 7, 9}},
		{Shard{1, 3}, []int{0, 3, 6, 9}},
		{Shard{2, 3}, []int{1, 4, 7}},
		{Shard{3, 3}, []int{2, 5, 8}},
		{Shard{4, 4}, []int{3, 7}},
		{Shard{7, 12}, []int{6}},
		{Shard{12, 12}, nil},
	} {
		if got := c.shard.points(10); !slices.Equal(got, c.want) {
			t.Errorf("%v: points %v, want %v", c.shard, got, c.want)
		}
		for p := range 10 {
			if got, want := c.shard.Has(p), slices.Contains(c.want, p); got != want {
				t.Errorf("%v.Has(%d) = %v, want %v", c.shard, p, got, want)
			}
		}
	}
}

// TestParseShard checks the I/N syntax and its bounds 1 <= I <= N.
func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"1/1": {1, 1}, "2/3": {2, 3}, "3/3": {3, 3}, " 4 / 8 ": {4, 8}} {
		got, err := ParseShard(in)
		if err != nil || got != want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.String() != strconv.Itoa(want.Index)+"/"+strconv.Itoa(want.Count) {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
	for _, in := range []string{"0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/-2", "/", "2/3/4", ""} {
		if s, err := ParseShard(in); err == nil {
			t.Errorf("ParseShard(%q) = %v, want an error", in, s)
		}
	}
}

// TestShardRunsItsPoints checks which points a sharded run writes:
// shard 2/3 of a 9-point sweep holds points 1, 4 and 7, each with every
// replication, in runs.csv and summary.csv.
func TestShardRunsItsPoints(t *testing.T) {
	exp := mustLoad(t, "testdata/small.yaml")
	exp.Horizon, exp.Warmup = exp.Horizon/10, exp.Warmup/10
	dir := mustRun(t, exp, Options{Shard: Shard{2, 3}, NoCharts: true})
	for _, c := range []struct {
		file string
		want []int
	}{
		{RunsFile, []int{1, 1, 4, 4, 7, 7}},
		{SummaryFile, []int{1, 4, 7}},
	} {
		f, err := os.Open(filepath.Join(dir, c.file))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, row := range rows[1:] {
			p, err := strconv.Atoi(row[0])
			if err != nil {
				t.Fatalf("%s: point %q", c.file, row[0])
			}
			got = append(got, p)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s holds points %v, want %v", c.file, got, c.want)
		}
	}
}
