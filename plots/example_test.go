package plots_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/asyncsim/asyncsim/plots"
)

// A summary table with two swept paths and one replication per point,
// redrawn as the default charts.
func ExampleRender() {
	const summary = `point,model.clients.arrival.mean,model.policy,throughput,throughput.lo,throughput.hi,reliability,reliability.lo,reliability.hi,delay.mean,delay.mean.lo,delay.mean.hi,delay.p99,delay.p99.lo,delay.p99.hi,send.mean,send.mean.lo,send.mean.hi,receive.mean,receive.mean.lo,receive.mean.hi,process.mean,process.mean.lo,process.mean.hi,theory.delay.mean
0,0.04,sync,25,25,25,1,1,1,0.0112,0.0112,0.0112,0.049,0.049,0.049,0.0009,0.0009,0.0009,0.0098,0.0098,0.0098,0.0005,0.0005,0.0005,0.0107
1,0.04,callback,25,25,25,1,1,1,0.0106,0.0106,0.0106,0.047,0.047,0.047,0.0003,0.0003,0.0003,0.0098,0.0098,0.0098,0.0005,0.0005,0.0005,0.0107
2,0.02,sync,50,50,50,0.999,0.999,0.999,0.0148,0.0148,0.0148,0.068,0.068,0.068,0.0009,0.0009,0.0009,0.0134,0.0134,0.0134,0.0005,0.0005,0.0005,0.0133
3,0.02,callback,50,50,50,0.999,0.999,0.999,0.0142,0.0142,0.0142,0.066,0.066,0.066,0.0003,0.0003,0.0003,0.0134,0.0134,0.0134,0.0005,0.0005,0.0005,0.0133
`
	table, err := plots.ReadCSV(strings.NewReader(summary))
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "plots-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	specs := plots.DefaultSpecs([]string{"model.clients.arrival.mean", "model.policy"})
	meta := plots.Meta{
		Durations:    map[string]bool{"model.clients.arrival.mean": true},
		Replications: 1,
		Experiment:   "sync-vs-callback",
	}
	files, err := plots.Render(dir, specs, table, meta)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	// Output:
	// delay_mean.png
	// delay_p99.png
	// throughput.png
	// reliability.png
	// decomposition.png
}
