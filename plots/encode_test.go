package plots

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestEncodePNG decodes what encodePNG writes and finds every pixel of an
// opaque image (written as 8-bit RGB by encodePNG itself) and of a
// sub-image that starts away from the origin; images with transparency or
// of another type are written by image/png at the fastest level.
func TestEncodePNG(t *testing.T) {
	t.Parallel()
	opaque := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for y := range 5 {
		for x := range 7 {
			opaque.Set(x, y, color.RGBA{R: uint8(37 * x), G: uint8(51 * y), B: uint8(x*y + 200), A: 0xff})
		}
	}
	translucent := image.NewRGBA(image.Rect(0, 0, 3, 2))
	copy(translucent.Pix, opaque.Pix)
	translucent.Pix[4*4+3] = 0x80 // pixel (1, 1) half transparent
	translucent.Pix[4*4] = 0x40
	gray := image.NewGray(image.Rect(0, 0, 4, 3))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(20 * i)
	}
	for _, tt := range []struct {
		name string
		img  image.Image
		rgb  bool // written by encodePNG as 8-bit RGB
	}{
		{"opaque", opaque, true},
		{"sub-image", opaque.SubImage(image.Rect(2, 1, 6, 4)), true},
		{"translucent", translucent, false},
		{"gray", gray, false},
	} {
		data, err := encodePNG(tt.img)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !tt.rgb {
			var want bytes.Buffer
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, tt.img); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, want.Bytes()) {
				t.Errorf("%s: not written by image/png at png.BestSpeed", tt.name)
			}
			continue
		}
		// Bytes 24 and 25 of the file (in IHDR): 8 bits, colour type 2 (RGB).
		if data[24] != 8 || data[25] != 2 {
			t.Errorf("%s: bit depth %d, colour type %d, want 8 and 2 (RGB)", tt.name, data[24], data[25])
		}
		back, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if back.Bounds().Size() != tt.img.Bounds().Size() {
			t.Fatalf("%s: decoded size %v, want %v", tt.name, back.Bounds().Size(), tt.img.Bounds().Size())
		}
		b, d := tt.img.Bounds().Min, back.Bounds().Min
		for y := range tt.img.Bounds().Dy() {
			for x := range tt.img.Bounds().Dx() {
				want := color.NRGBA64Model.Convert(tt.img.At(b.X+x, b.Y+y))
				if got := color.NRGBA64Model.Convert(back.At(d.X+x, d.Y+y)); got != want {
					t.Errorf("%s: pixel (%d, %d) is %v, want %v", tt.name, x, y, got, want)
				}
			}
		}
	}
}

// TestEncodePNGStable checks that the bytes depend only on the pixels:
// the same image twice, and the same pixels in a larger image's
// sub-image, give the same file.
func TestEncodePNGStable(t *testing.T) {
	t.Parallel()
	big := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range big.Pix {
		big.Pix[i] = uint8(i * 7 / 5)
		if i%4 == 3 {
			big.Pix[i] = 0xff
		}
	}
	part := image.NewRGBA(image.Rect(0, 0, 100, 50))
	for y := range 50 {
		copy(part.Pix[y*part.Stride:(y+1)*part.Stride], big.Pix[big.PixOffset(40, 30+y):])
	}
	a, err := encodePNG(part)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range []image.Image{part, big.SubImage(image.Rect(40, 30, 140, 80))} {
		b, err := encodePNG(img)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("two encodings of the same pixels differ (%d and %d bytes)", len(a), len(b))
		}
	}
}
