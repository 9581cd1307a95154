package plots

import (
	"slices"
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	in := "point,model.policy,delay.mean,delay.mean.lo,delay.mean.hi,theory.delay.mean\n" +
		"0,sync,0.01,0.009,0.011,\n" +
		"1,\"call,back\",0.02,0.02,0.02,0.019\n"
	tab, err := ReadCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 2 || len(tab.Columns()) != 6 {
		t.Fatalf("table %d×%d, want 2×6", tab.Len(), len(tab.Columns()))
	}
	if got := tab.Cell(1, 1); got != "call,back" {
		t.Errorf("Cell(1, 1) = %q, want %q", got, "call,back")
	}
	if got := tab.Cell(0, 5); got != "" {
		t.Errorf("Cell(0, 5) = %q, want empty", got)
	}
	cols := tab.Columns()
	cols[0] = "changed"
	if tab.Columns()[0] != "point" {
		t.Error("Columns returns the table's own slice")
	}
	f, err := newFrame(tab)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.swept(); !slices.Equal(got, []string{"model.policy"}) {
		t.Errorf("swept columns %v, want [model.policy]", got)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := map[string]string{
		"":               "no header",
		"a,b,a\n1,2,3\n": `duplicate column "a"`,
		"a,,b\n":         "empty column name",
		"a,b\n1,2\n3\n":  "wrong number of fields",
		"a,b\n1,\"2\n":   "csv",
	}
	for in, want := range tests {
		_, err := ReadCSV(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadCSV(%q) error %v, want one containing %q", in, err, want)
		}
	}
}

func TestReadCSVHeaderOnly(t *testing.T) {
	tab, err := ReadCSV(strings.NewReader("point,x,delay.mean\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(t.TempDir(), []Spec{{X: "x", Y: "delay.mean"}}, tab, Meta{}); err == nil || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("Render of an empty table: %v, want a no-rows error", err)
	}
}

func TestSweptColumns(t *testing.T) {
	tests := []struct {
		cols []string
		want []string
	}{
		{[]string{"point", "a", "b", "delay.mean", "delay.mean.lo", "delay.mean.hi"}, []string{"a", "b"}},
		{[]string{"a", "throughput"}, []string{"a"}},
		{[]string{"point", "a", "future", "future.lo", "future.hi", "extra"}, []string{"a"}},
		{[]string{"point", "a", "theory.delay.mean"}, []string{"a"}},
		{[]string{"point"}, nil},
		// The flags of a point (summary.csv) follow its coordinates: they
		// are not one of them, or every flagged point would be a series.
		{[]string{"point", "model.policy", "flags", "requests", "requests.lo"}, []string{"model.policy"}},
		{[]string{"point", "flags", "requests"}, nil},
	}
	for _, tt := range tests {
		tab := &memTable{cols: tt.cols, rows: [][]string{make([]string, len(tt.cols))}}
		f, err := newFrame(tab)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.swept(); !slices.Equal(got, tt.want) {
			t.Errorf("swept(%v) = %v, want %v", tt.cols, got, tt.want)
		}
	}
}
