package plots

import (
	"image"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// canvas is a vgimg.Canvas of w × h at dpi, made without the two copies
// of its image that vgimg.NewWith makes (a fresh image, then gg's copy
// of it), which took a sixth of a chart's time. vgimg takes an image of
// our own only with its size rounded to whole pixels, so canvas keeps
// the exact size for the two methods that use it, Size and FillString:
// the pixels are those of vgimg.NewWith(vgimg.UseWH(w, h),
// vgimg.UseDPI(dpi)).
type canvas struct {
	*vgimg.Canvas
	ctx  *gg.Context
	w, h vg.Length
	img  *image.RGBA
}

// newCanvas returns a white canvas of w × h at dpi. Its image may be one
// that an earlier canvas released.
func newCanvas(w, h vg.Length, dpi int) *canvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }
	r := image.Rect(0, 0, px(w), px(h))
	img, _ := images.Get().(*image.RGBA)
	if img == nil || img.Rect != r {
		img = image.NewRGBA(r)
	}
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as vgimg.NewWith sets up its own context
	ctx.InvertY()
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi)) // paints it white
	return &canvas{Canvas: c, ctx: ctx, w: w, h: h, img: img}
}

// images holds the images of released canvases. Charts are drawn one
// after another on each of a few goroutines, so reusing their 4 MB images
// spares the allocation, the clearing and the page faults of a new one
// for every chart; the canvas paints every pixel white first.
var images sync.Pool

// release gives the canvas's image back for reuse; c must not be used
// afterwards.
func (c *canvas) release() {
	images.Put(c.img)
	c.img = nil
}

// Size returns the canvas's size.
func (c *canvas) Size() (w, h vg.Length) { return c.w, c.h }

// FillString is vgimg.Canvas.FillString with the canvas's exact height.
func (c *canvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	c.ctx.Push()
	defer c.ctx.Pop()
	face := f.FontFace(c.DPI())
	defer face.Close()
	c.ctx.SetFontFace(face)
	x, y, h := pt.X.Dots(c.DPI()), pt.Y.Dots(c.DPI()), c.h.Dots(c.DPI())
	c.ctx.InvertY()
	c.ctx.DrawString(str, x, h-y)
}
