package plots

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"sync"
)

// encodePNG returns img as a PNG file. An opaque *image.RGBA, as every
// chart is, is written as 8-bit RGB with no row filter, compressed at zlib's
// fastest level; image/png chooses a filter for each row by trying all
// five, which took more time than compressing, and on charts (flat
// areas, thin lines) the choice makes files no smaller at this level. Any
// other image goes through image/png at the same level. The bytes depend
// only on the pixels.
func encodePNG(m image.Image) ([]byte, error) {
	img, ok := m.(*image.RGBA)
	if !ok {
		return encodeAny(m)
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	var out bytes.Buffer
	out.Grow(w * h / 8)
	out.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits a channel, RGB; deflate, no interlace
	writeChunk(&out, "IHDR", ihdr[:])

	start := out.Len()
	out.WriteString("\x00\x00\x00\x00IDAT") // length set below
	z := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(z)
	z.Reset(&out)
	row := make([]byte, 1+3*w) // filter type 0 (none), then R, G, B
	for y := range h {
		i := img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y)
		pix := img.Pix[i : i+4*w]
		for x, o := 0, 1; x < 4*w; x, o = x+4, o+3 {
			if pix[x+3] != 0xff {
				return encodeAny(img)
			}
			row[o], row[o+1], row[o+2] = pix[x], pix[x+1], pix[x+2]
		}
		if _, err := z.Write(row); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	b := out.Bytes()
	binary.BigEndian.PutUint32(b[start:], uint32(len(b)-start-8))
	var crc [4]byte
	binary.BigEndian.PutUint32(crc[:], crc32.ChecksumIEEE(b[start+4:]))
	out.Write(crc[:])
	writeChunk(&out, "IEND", nil)
	return out.Bytes(), nil
}

// zlibWriters holds zlib writers at the fastest level for reuse.
var zlibWriters = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // the level is valid
	return z
}}

// writeChunk appends the PNG chunk typ holding data to out.
func writeChunk(out *bytes.Buffer, typ string, data []byte) {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	out.Write(head[:])
	out.Write(data)
	crc := crc32.Update(crc32.ChecksumIEEE(head[4:]), crc32.IEEETable, data)
	binary.BigEndian.PutUint32(head[:4], crc)
	out.Write(head[:4])
}

// encodeAny returns img encoded by image/png at zlib's fastest level.
func encodeAny(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
