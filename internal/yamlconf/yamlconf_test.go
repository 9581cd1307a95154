package yamlconf

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func parseDoc(t *testing.T, text string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	return Resolve(&doc)
}

// reader returns a Reader recording its problems as "line:col key: msg".
func reader(got *[]string) *Reader {
	return &Reader{Report: func(n *yaml.Node, key, msg string) {
		*got = append(*got, fmt.Sprintf("%d:%d %s: %s", n.Line, n.Column, key, msg))
	}}
}

func TestEntriesMergesAndDuplicates(t *testing.T) {
	m := parseDoc(t, `base: &b {x: 1, y: 2}
m:
  <<: *b
  y: 3
  z: ~
  y: 4
`)
	var probs []string
	r := reader(&probs)
	top := r.Entries(m, "")
	mm, _ := Lookup(m, "m")
	ents := r.Entries(mm.Value, "m")
	var got []string
	for _, e := range ents {
		v := "nil"
		if e.Value != nil {
			v = e.Value.Value
		}
		got = append(got, e.Name+"="+v)
	}
	if want := "y=3 z=nil x=1"; strings.Join(got, " ") != want {
		t.Errorf("entries %v, want %s", got, want)
	}
	if len(top) != 2 {
		t.Errorf("%d top entries, want 2", len(top))
	}
	if want := []string{"6:3 m.y: duplicate key"}; fmt.Sprint(probs) != fmt.Sprint(want) {
		t.Errorf("problems %q, want %q", probs, want)
	}
}

func TestEntriesLimits(t *testing.T) {
	// Nested merges deeper than MaxMergeDepth.
	var b strings.Builder
	b.WriteString("a0: &a0 {k: 1}\n")
	for i := 1; i <= MaxMergeDepth+1; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {<<: *a%d}\n", i, i, i-1)
	}
	fmt.Fprintf(&b, "top: {<<: *a%d}\n", MaxMergeDepth+1)
	m := parseDoc(t, b.String())
	var probs []string
	r := reader(&probs)
	top, _ := Lookup(m, "top")
	r.Entries(top.Value, "top")
	if len(probs) != 1 || !strings.HasSuffix(probs[0], "top: merge keys (<<) nested too deeply") {
		t.Errorf("problems %q, want one about nesting", probs)
	}

	// More entries than MaxEntries: the first MaxEntries are read.
	probs = nil
	r = reader(&probs)
	var sb strings.Builder
	sb.WriteString("m: {")
	for i := range MaxEntries + 1 {
		fmt.Fprintf(&sb, "k%d: 1, ", i)
	}
	sb.WriteString("}\n")
	m = parseDoc(t, sb.String())
	mm, _ := Lookup(m, "m")
	ents := r.Entries(mm.Value, "m")
	if len(ents) != MaxEntries || len(probs) != 1 || !strings.Contains(probs[0], "m: too many keys") {
		t.Errorf("%d entries and problems %q, want %d and one 'too many keys'", len(ents), probs, MaxEntries)
	}
	r.Reset()
	if r.entries != 0 {
		t.Error("Reset left the count")
	}
}

func TestErrorFormats(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "exp.yaml", Line: 14, Column: 5, Key: "model.server.workers", Msg: "must be >= 1, got 0"}, "exp.yaml:14:5: model.server.workers: must be >= 1, got 0"},
		{Error{File: "exp.yaml", Msg: "is a directory"}, "exp.yaml: is a directory"},
		{Error{Line: 3, Column: 7, Key: "k", Msg: "m"}, "line 3, column 7: k: m"},
		{Error{Key: "k", Msg: "m"}, "k: m"},
		{Error{Msg: "m"}, "m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	l := List{{File: "a", Line: 2, Column: 1, Msg: "x", Code: UnknownKey}, {File: "a", Msg: "y"}}
	var e *Error
	if !errors.As(error(l), &e) || e.Code != UnknownKey {
		t.Errorf("errors.As on a List found %v", e)
	}
	if got, want := l.Error(), "a:2:1: x\na: y"; got != want {
		t.Errorf("List.Error() = %q, want %q", got, want)
	}
}

func TestSortDropsRepeats(t *testing.T) {
	a := &Error{File: "f", Line: 2, Column: 1, Msg: "b"}
	got := Sort([]*Error{a, {File: "f", Line: 1, Column: 9, Msg: "a"}, {File: "f", Line: 2, Column: 1, Msg: "b"}})
	if len(got) != 2 || got[0].Line != 1 || got[1] != a {
		t.Errorf("Sort gave %v", got)
	}
}

func TestShowAndSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"10ms": "10ms", "": `""`, "a b": `"a b"`, "\x1b[31m": `"\x1b[31m"`,
		strings.Repeat("x", 41): `"` + strings.Repeat("x", 40) + `…"`,
	} {
		if got := Show(in); got != want {
			t.Errorf("Show(%q) = %s, want %s", in, got, want)
		}
	}
	if got := DidYouMean("sever", []string{"server", "clients"}); got != `; did you mean "server"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := Suggest("zzzz", []string{"server"}); got != "" {
		t.Errorf("Suggest = %q, want none", got)
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, é ✓": "plain text, é ✓",
		"\x1b[2J":         `\x1b[2J`,
		"a\u202eb\nc\td":  `a\u202eb\nc\td`,
		"bell\a":          `bell\a`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %s, want %s", in, got, want)
		}
	}
	e := &Error{File: "f\x1b.yaml", Line: 1, Column: 2, Key: "k\x1b", Msg: "m\x1b"}
	if got, want := e.Error(), `f\x1b.yaml:1:2: k\x1b: m\x1b`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
}
