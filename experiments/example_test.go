package experiments_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"log"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/asyncsim/asyncsim/examples"
	"github.com/asyncsim/asyncsim/experiments"
)

// Load a bundled experiment (the files of examples/, embedded in the
// binary) and look at its sweep without running anything. Load does the
// same for a file on disk.
func ExampleParse() {
	data, err := fs.ReadFile(examples.FS, "theory-check.yaml")
	if err != nil {
		log.Fatal(err)
	}
	exp, err := experiments.Parse("theory-check.yaml", data)
	if err != nil {
		log.Fatal(err) // an experiments.ErrorList: file:line:col: key: message
	}
	fmt.Printf("%s: %d points x %d replications = %d runs of %s\n",
		exp.Name, len(exp.Points), exp.Replications, exp.Runs(), exp.Horizon)
	for _, a := range exp.Sweep {
		var vals []string
		for _, v := range a.Values {
			vals = append(vals, v.Text)
		}
		fmt.Printf("  %s: %s\n", a.Path, strings.Join(vals, ", "))
	}
	p := exp.Points[4]
	fmt.Printf("point 4: policy %s, %d worker(s), arrival %s, service %s\n",
		p.Model.Policy, p.Model.Server.Workers, p.Model.Clients.Arrival, p.Model.Server.Service)
	// Output:
	// theory-check: 21 points x 5 replications = 105 runs of 5m0s
	//   model.clients.arrival.rate: 5, 10, 20, 30, 35, 40, 45
	//   model.server.workers: 1, 2, 4
	// point 4: policy callback, 2 worker(s), arrival exponential(mean=100ms), service exponential(mean=20ms)
}

// Run a bundled experiment and read its summary table: here N users of a
// synchronous service, whose throughput has an exact closed form (mean
// value analysis) written next to the simulated mean in the theory.*
// columns. Run writes its tables (and, unless Charts is emptied, its
// charts) into Options.Dir; summary.csv holds one row per sweep point.
func ExampleRun() {
	data, err := fs.ReadFile(examples.FS, "closed-loop-users.yaml")
	if err != nil {
		log.Fatal(err)
	}
	exp, err := experiments.Parse("closed-loop-users.yaml", data)
	if err != nil {
		log.Fatal(err)
	}
	exp.Charts = nil // tables only
	dir, err := os.MkdirTemp("", "asyncsim-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	res, err := experiments.Run(context.Background(), exp, experiments.Options{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d points, %d runs\n", res.Points, res.Runs)

	table, err := readSummary(filepath.Join(dir, experiments.SummaryFile))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("users  theory throughput/s  simulation within 3%")
	for _, row := range table {
		users, sim, theory := row["model.clients.threads"], num(row["throughput"]), num(row["theory.throughput"])
		if users == "1" || users == "10" || users == "20" || users == "40" {
			fmt.Printf("%5s  %19.1f  %v\n", users, theory, math.Abs(sim-theory) <= 0.03*theory)
		}
	}
	// Output:
	// 13 points, 39 runs
	// users  theory throughput/s  simulation within 3%
	//     1                  8.9  true
	//    10                 77.6  true
	//    20                 99.8  true
	//    40                100.0  true
}

// readSummary reads a summary.csv into one map per row, from column name
// to cell.
func readSummary(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, err
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, c := range records[0] {
			row[c] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// num returns the number in a cell, NaN for an empty one.
func num(cell string) float64 {
	v, err := strconv.ParseFloat(cell, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}
