package plots

import (
	"slices"
	"strings"
	"testing"
)

// TestDecompositionLeavesOutZeroParts: a part of the decomposition that
// is 0 at every point (process, in the quickstart) gets no legend entry, and the subtitle says why; a part that is 0 at only some
// points stays, and with every part 0 everywhere all three stay.
func TestDecompositionLeavesOutZeroParts(t *testing.T) {
	t.Parallel()
	table := func(send, receive, process [2]string) Table {
		return &memTable{
			cols: []string{"point", "x", "delay.mean", "send.mean", "receive.mean", "process.mean"},
			rows: [][]string{
				{"0", "1", "0.02", send[0], receive[0], process[0]},
				{"1", "2", "0.03", send[1], receive[1], process[1]},
			},
		}
	}
	for _, c := range []struct {
		name                string
		send, receive, proc [2]string
		legend              []string
		note                string
	}{
		{"process 0 everywhere", [2]string{"0.001", "0.001"}, [2]string{"0.019", "0.029"}, [2]string{"0", "0"},
			[]string{"send", "receive"}, "process: 0 at every point"},
		{"send and process 0 or missing", [2]string{"0", ""}, [2]string{"0.02", "0.03"}, [2]string{"0", "0"},
			[]string{"receive"}, "send and process: 0 at every point"},
		{"process 0 at one point", [2]string{"0.001", "0.001"}, [2]string{"0.019", "0.028"}, [2]string{"0", "0.001"},
			[]string{"send", "receive", "process"}, ""},
		{"all 0", [2]string{"0", "0"}, [2]string{"0", "0"}, [2]string{"0", "0"},
			[]string{"send", "receive", "process"}, ""},
	} {
		s := Spec{X: "x", Y: Decomposition}
		fg := build(t, table(c.send, c.receive, c.proc), s, Meta{Replications: 1})
		var legend []string
		for _, e := range fg.legend.entries {
			legend = append(legend, e.text)
		}
		if !slices.Equal(legend, c.legend) {
			t.Errorf("%s: legend %q, want %q", c.name, legend, c.legend)
		}
		if got := strings.Contains(fg.subtitle, "0 at every point"); got != (c.note != "") || c.note != "" && !strings.Contains(fg.subtitle, c.note) {
			t.Errorf("%s: subtitle %q, want the note %q", c.name, fg.subtitle, c.note)
		}
	}
}
