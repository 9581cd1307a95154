package plots

import (
	"bytes"
	"errors"
	"image/png"
	"testing"
)

// TestTimelinePNG: a timeline draws as a PNG 16 cm wide at 200 dpi, taller
// with many rows; bad bars and no bars are errors.
func TestTimelinePNG(t *testing.T) {
	tl := Timeline{
		Title:   "t",
		Rows:    []string{"client 0", "server 0"},
		Classes: []string{"succeeded", "timeout"},
		Bars: []TimelineBar{
			{Row: 0, Start: 0.1, End: 0.143},
			{Row: 0, Lane: 1, Start: 0.1, End: 0.16, Class: 1},
			{Row: 1, Start: 0.101, End: 0.111},
		},
	}
	data, err := TimelinePNG(tl)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1260 || b.Dy() != 787 {
		t.Errorf("size %v, want 1260x787", b.Size())
	}
	for range 30 {
		tl.Rows = append(tl.Rows, "more")
	}
	data, err = TimelinePNG(tl)
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(data)); err != nil || img.Bounds().Dy() <= 787 {
		t.Errorf("32 rows: %v, height %d; want taller than 787", err, img.Bounds().Dy())
	}
	tl.Bars[0].Class = 2
	if _, err := TimelinePNG(tl); err == nil {
		t.Error("a bar of class 2 of 2 classes: no error")
	}
	if _, err := TimelinePNG(Timeline{Rows: []string{"x"}}); !errors.Is(err, ErrNoBars) {
		t.Errorf("no bars: %v, want ErrNoBars", err)
	}
}
