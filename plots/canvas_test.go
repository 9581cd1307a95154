package plots

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestCanvasPixels draws the same text (plain, bold, rotated), lines and a
// filled shape on newCanvas and on vgimg.NewWith's canvas of the same
// size and resolution: the pixels must be the same, also on a canvas whose
// image was left dirty by an earlier one.
func TestCanvasPixels(t *testing.T) {
	t.Parallel()
	scribble := func(c draw.Canvas) {
		for i, s := range []struct {
			size vg.Length
			bold bool
			rot  float64
		}{{titleSize, true, 0}, {tickSize, false, 0}, {labelSize, false, math.Pi / 2}} {
			sty := textStyle(s.size, s.bold, nil)
			sty.Rotation = s.rot
			c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y - vg.Length(30*i+20)}, "delay.p99 (ms) 0.25 µs")
		}
		ls := draw.LineStyle{Color: palette[1], Width: vg.Points(1.3), Dashes: dashes[1]}
		c.StrokeLine2(ls, c.Min.X+10, c.Min.Y+10, c.Max.X-10, c.Center().Y)
		var p vg.Path
		p.Move(vg.Point{X: c.Min.X + 30, Y: c.Min.Y + 30})
		p.Line(vg.Point{X: c.Center().X, Y: c.Min.Y + 70.3})
		p.Line(vg.Point{X: c.Center().X + 15.7, Y: c.Min.Y + 20})
		p.Close()
		c.SetColor(partColors[2])
		c.Fill(p)
	}
	for _, size := range []struct{ w, h vg.Length }{{figWidth, figHeight}, {figWidth, 13.3 * vg.Centimeter}} {
		ref := vgimg.NewWith(vgimg.UseWH(size.w, size.h), vgimg.UseDPI(figDPI), vgimg.UseBackgroundColor(color.White))
		scribble(draw.New(ref))
		want := ref.Image().(*image.RGBA)

		dirty := newCanvas(size.w, size.h, figDPI)
		for i := range dirty.img.Pix {
			dirty.img.Pix[i] = uint8(i)
		}
		dirty.release() // the next canvas of this size likely reuses it
		for range 2 {
			c := newCanvas(size.w, size.h, figDPI)
			if w, h := c.Size(); w != size.w || h != size.h {
				t.Errorf("size %v × %v, want %v × %v", w, h, size.w, size.h)
			}
			scribble(draw.New(c))
			if c.img.Rect != want.Rect || !bytes.Equal(c.img.Pix, want.Pix) {
				t.Errorf("%v × %v: the pixels differ from vgimg.NewWith's", size.w, size.h)
			}
			c.release()
		}
	}
}
