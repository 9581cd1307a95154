package models

import (
	"math/rand/v2"
	"strconv"
)

// pcgSwitch is a rand.Source that draws from whichever PCG state it points
// at: the model's one *rand.Rand for its clients' streams, so that a client
// keeps only its 16-byte PCG states, not a *rand.Rand and its source per
// stream.
type pcgSwitch struct{ p *rand.PCG }

func (s *pcgSwitch) Uint64() uint64 { return s.p.Uint64() }

// clientRNG returns the model's client generator drawing from the stream
// whose state is p (a client's arrivals or service), until the next call.
func (m *model) clientRNG(p *rand.PCG) *rand.Rand {
	m.clientSrc.p = p
	return m.clientRand
}

// clientKey returns the key of stream what of client i, "client/i/what",
// in buf's array.
func clientKey(buf []byte, i int, what string) []byte {
	buf = append(buf[:0], "client/"...)
	buf = strconv.AppendInt(buf, int64(i), 10)
	buf = append(buf, '/')
	return append(buf, what...)
}
