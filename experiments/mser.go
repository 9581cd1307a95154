package experiments

import (
	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// The warm-up of warmup: auto is chosen per run by MSER-5 (White 1997;
// White, Cobb and Spratt 2000), the truncation rule JMT also uses: the
// delays of the requests that succeed before the horizon, in the order
// they finish, are averaged in batches of 5; the run's warm-up is the end
// of the first d batches, d minimising
//
//	MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²
//
// over the m batch means Z_j, with Z̄_d the mean of those after the first
// d, and d at most m/2 (past half the run the rule has no basis: the run
// is then too short to say, and d is held at m/2). A pilot run with no
// warm-up, on streams independent of the run's own
// (distributions.Streams.Pilot), finds it; the run measures with it, so
// warmup: auto costs a run more. Choosing the window on the measured
// run's own delays would cut after that run's own high excursions and
// bias its mean down (docs/validation.md, "Warm-up: MSER-5").

// mserBatch is MSER-5's batch size.
const mserBatch = 5

// maxMSERBatches bounds the batches kept of one run: past it, adjacent
// batches are merged in pairs (batches of 10, 20, ...), which keeps the
// memory of a run fixed whatever its length.
const maxMSERBatches = 1 << 16

// mser collects the batch means of one run.
type mser struct {
	horizon sim.Time
	size    int        // observations per batch
	n       int        // observations in the current batch
	sum     float64    // of the current batch, seconds
	means   []float64  // complete batches
	ends    []sim.Time // the finish of each batch's last request
}

func newMSER(horizon sim.Time) *mser { return &mser{horizon: horizon, size: mserBatch} }

// done takes one finished request (models.Options.Done).
func (s *mser) done(r models.Record) {
	if !r.OK || r.T3 > s.horizon {
		return
	}
	s.sum += r.T3.Sub(r.T0).Seconds()
	s.n++
	if s.n < s.size {
		return
	}
	s.means = append(s.means, s.sum/float64(s.size))
	s.ends = append(s.ends, r.T3)
	s.sum, s.n = 0, 0
	if len(s.means) == maxMSERBatches {
		s.halve()
	}
}

// halve merges adjacent batches in pairs.
func (s *mser) halve() {
	k := len(s.means) / 2
	for i := range k {
		s.means[i] = (s.means[2*i] + s.means[2*i+1]) / 2
		s.ends[i] = s.ends[2*i+1]
	}
	s.means, s.ends = s.means[:k], s.ends[:k]
	s.size *= 2
}

// truncation returns the warm-up MSER chooses: the end of the first d
// batches, or 0 for d = 0 or fewer than two batches.
func (s *mser) truncation() sim.Time {
	d := mserPoint(s.means)
	if d == 0 {
		return 0
	}
	return min(s.ends[d-1], s.horizon-1) // a warm-up is less than the horizon
}

// mserPoint returns the number of leading batch means z to drop: the d
// in [0, len(z)/2] of least MSER(d), the first one on ties.
func mserPoint(z []float64) int {
	m := len(z)
	if m < 2 {
		return 0
	}
	// ss[d] = Σ_{j>=d} (z_j − mean of those)², by Welford's update run
	// from the end, which does not lose precision as sums of squares do.
	ss := make([]float64, m)
	var mean, m2 float64
	for j := m - 1; j >= 0; j-- {
		n := float64(m - j)
		delta := z[j] - mean
		mean += delta / n
		m2 += delta * (z[j] - mean)
		ss[j] = m2
	}
	best, bestD := 0.0, -1
	for d := 0; d <= m/2; d++ {
		k := float64(m - d)
		if v := ss[d] / (k * k); bestD < 0 || v < best {
			best, bestD = v, d
		}
	}
	return bestD
}
