// Package experiments loads experiment files, runs their sweeps and writes
// their result tables.
//
// An experiment is a YAML file naming a model, the values of the model to
// sweep (a cartesian product of dotted paths) and how many replications to
// run of each sweep point. [Load] reads and checks a file without side
// effects ([LoadFS] one of an [io/fs.FS], such as the bundled examples);
// [Run] simulates every (point, replication) pair on a pool of workers and
// writes runs.csv, summary.csv, summary.json, manifest.json and the charts
// into a directory, and returns the summary table as a [Table];
// [ReadSummary] reads that table back from a finished directory; [Merge]
// joins the directories of a sharded run; [Plot] redraws the charts of a
// finished run.
//
// Results are reproducible: the random streams of a run depend only on the
// master seed and the replication number (common random numbers), results
// are assembled in (point, replication) order whatever the number of
// workers, and every file is written to a temporary name and renamed, so a
// directory never holds half a file. Each finished point is kept in
// points/NNNNNN.json before it is reported, which is what lets an
// interrupted run be resumed and a sharded one be merged byte for byte.
package experiments
