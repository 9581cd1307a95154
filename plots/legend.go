package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legend is a legend laid out in rows above the data area, where it cannot
// hide data: an optional title, then entries left to right, wrapping to a
// new row when the width is used up.
type legend struct {
	title   string
	entries []legendEntry
	style   text.Style
}

// legendEntry is a thumbnail (the thumbnails drawn on top of each other)
// and its text. A narrow entry has a thumbnail just wide enough for a
// marker.
type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
	narrow bool
}

// thumbWidth returns the width of the entry's thumbnail.
func (e legendEntry) thumbWidth() vg.Length {
	if e.narrow {
		return narrowThumbWidth
	}
	return thumbWidth
}

const (
	thumbWidth       = vg.Length(22) // points
	narrowThumbWidth = vg.Length(10)
	thumbGap         = vg.Length(4)   // between thumbnail and text
	entryGap         = vg.Length(14)  // between entries
	rowGap           = vg.Length(3.5) // between rows
)

func newLegend(title string) *legend {
	return &legend{title: title, style: textStyle(legendSize, false, nil)}
}

// add appends an entry.
func (l *legend) add(txt string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{text: txt, thumbs: thumbs})
}

// item is one positioned piece of a legend row.
type item struct {
	x     vg.Length // offset from the row's left end
	entry int       // index into entries, -1 for the title
}

// layout breaks the legend into rows no wider than width and returns them
// with the width of each row.
func (l *legend) layout(width vg.Length) (rows [][]item, widths []vg.Length) {
	var row []item
	var x vg.Length
	place := func(w vg.Length, entry int) {
		if len(row) > 0 && x+entryGap+w > width {
			rows, widths = append(rows, row), append(widths, x)
			row, x = nil, 0
		}
		if len(row) > 0 {
			x += entryGap
		}
		row = append(row, item{x, entry})
		x += w
	}
	if l.title != "" {
		place(l.style.Width(l.title+":"), -1)
	}
	for i, e := range l.entries {
		place(e.thumbWidth()+thumbGap+l.style.Width(e.text), i)
	}
	if len(row) > 0 {
		rows, widths = append(rows, row), append(widths, x)
	}
	return rows, widths
}

// rowHeight is the height of one row of entries.
func (l *legend) rowHeight() vg.Length {
	return l.style.Height("Mg") + 2
}

// height returns the height the legend takes in width, 0 when empty.
func (l *legend) height(width vg.Length) vg.Length {
	if len(l.entries) == 0 {
		return 0
	}
	rows, _ := l.layout(width)
	n := vg.Length(len(rows))
	return n*l.rowHeight() + (n-1)*rowGap
}

// draw draws the legend centred along the top of c.
func (l *legend) draw(c draw.Canvas) {
	if len(l.entries) == 0 {
		return
	}
	rows, widths := l.layout(c.Size().X)
	h := l.rowHeight()
	sty := l.style
	sty.YAlign = draw.YCenter
	for i, row := range rows {
		left := c.Min.X + (c.Size().X-widths[i])/2
		mid := c.Max.Y - vg.Length(i)*(h+rowGap) - h/2
		for _, it := range row {
			x := left + it.x
			if it.entry < 0 {
				c.FillText(sty, vg.Point{X: x, Y: mid}, l.title+":")
				continue
			}
			e := l.entries[it.entry]
			// Centre the thumbnail on the lower-case letters, a little
			// below the middle of the text's box.
			tm := mid - l.style.Font.Size*0.12
			thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: tm - h/2},
				Max: vg.Point{X: x + e.thumbWidth(), Y: tm + h/2},
			}}
			for _, t := range e.thumbs {
				t.Thumbnail(&thumb)
			}
			c.FillText(sty, vg.Point{X: x + e.thumbWidth() + thumbGap, Y: mid}, e.text)
		}
	}
}
