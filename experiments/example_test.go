package experiments_test

import (
	"context"
	"fmt"
	"log"
	"math"
	"os"

	"github.com/asyncsim/asyncsim/examples"
	"github.com/asyncsim/asyncsim/experiments"
)

// Load a bundled experiment (the files of examples/, embedded in the
// binary) and look at its sweep without running anything. Load does the
// same for a file on disk.
func ExampleLoadFS() {
	exp, err := experiments.LoadFS(examples.FS, "theory-check.yaml")
	if err != nil {
		log.Fatal(err) // every problem, as file:line:col: key: message
	}
	fmt.Printf("%s: %d points x %d replications = %d runs\n",
		exp.Name, len(exp.Points), exp.Replications, exp.Runs())
	for _, axis := range exp.Sweep {
		fmt.Printf("  %s: %d values\n", axis.Path, len(axis.Values))
	}
	p := exp.Points[4].Model
	fmt.Println("point 4:", p.Policy, p.Clients.Arrival, p.Server.Service)
	// Output:
	// theory-check: 14 points x 5 replications = 70 runs
	//   model.clients.arrival.rate: 7 values
	//   model.server.service: 2 values
	// point 4: callback exponential(mean=25ms) exponential(mean=20ms)
}

// Run a bundled experiment and read its summary table in Go: N users of
// a synchronous service, whose throughput has an exact closed form (mean
// value analysis) that the table holds next to the simulated mean, in the
// theory.* columns. The same table is in Dir/summary.csv.
func ExampleRun() {
	exp, err := experiments.LoadFS(examples.FS, "closed-loop-users.yaml")
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "asyncsim-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	res, err := experiments.Run(context.Background(), exp,
		experiments.Options{Dir: dir, NoCharts: true})
	if err != nil {
		log.Fatal(err)
	}

	table := res.Summary // one row per sweep point
	fmt.Println("users  theory throughput/s  simulation within 3%")
	for row := range table.Rows {
		users := table.Cell(row, "model.clients.threads")
		sim, _ := table.Float(row, "throughput")
		theory, _ := table.Float(row, "theory.throughput")
		if users == "1" || users == "10" || users == "40" {
			fmt.Printf("%5s  %19.1f  %v\n", users, theory, math.Abs(sim-theory) <= 0.03*theory)
		}
	}
	// Output:
	// users  theory throughput/s  simulation within 3%
	//     1                  8.9  true
	//    10                 77.6  true
	//    40                100.0  true
}
