package experiments

import "fmt"

// checkCounts checks the counts of the manifest m of shard sh, read from a
// directory, against its own experiment before anything is allocated by
// them: the points against the sweep, the replications and runs against
// the limits of an experiment file, and the runs it lists against the
// shard. It says what is wrong, or returns "".
func checkCounts(m *manifest, sh Shard) string {
	r := &m.Experiment
	points := 1
	for _, a := range r.Sweep {
		if len(a.Values) == 0 || points > maxPoints/len(a.Values) {
			return fmt.Sprintf("its sweep has no values or more than %d points", maxPoints)
		}
		points *= len(a.Values)
	}
	switch {
	case r.Points != points:
		return fmt.Sprintf("it records %d points but its sweep has %d sweep points", r.Points, points)
	case r.Replications.N < 1 || r.Replications.most() > maxRuns/points:
		return fmt.Sprintf("it records %d replications of %d points: want 1 to %d runs", r.Replications.most(), points, maxRuns)
	}
	n := 0
	for p := range points {
		if sh.Has(p) {
			n++
		}
	}
	if least, most := n*r.Replications.N, n*r.Replications.most(); len(m.Runs) < least || len(m.Runs) > most {
		if least == most {
			return fmt.Sprintf("it lists %d runs, but shard %s of %d points × %d replications has %d", len(m.Runs), sh, points, r.Replications.N, least)
		}
		return fmt.Sprintf("it lists %d runs, but shard %s of %d points × %d to %d replications has %d to %d", len(m.Runs), sh, points, r.Replications.N, r.Replications.most(), least, most)
	}
	return ""
}

// missingShards returns at most the first ten shards of count not in
// seen, and how many more are missing. It takes time in len(seen), not in
// count.
func missingShards(seen map[int]string, count int) (list []string, more int) {
	for i := 1; i <= count && len(list) < 10; i++ {
		if _, ok := seen[i]; !ok {
			list = append(list, fmt.Sprintf("%d/%d", i, count))
		}
	}
	return list, count - len(seen) - len(list)
}
