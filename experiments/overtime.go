package experiments

import (
	"fmt"
	"strings"

	"github.com/asyncsim/asyncsim/models"
	"github.com/asyncsim/asyncsim/sim"
)

// maxWindows bounds the windows of one run's time series (from 0 through
// the longest drain): each window is a row of timeseries.csv and of the
// point's record.
const maxWindows = 100_000

// defaultDrain is the drain of a file without drain: auto.
const defaultDrain = models.DrainAuto

// loadOverTime reads the top-level keys timeseries: and drain:.
// horizonOK tells whether exp.Horizon was read.
func (l *loader) loadOverTime(ents map[string]entry, exp *Experiment, horizonOK bool) {
	drainOK := true
	if e, ok := ents["drain"]; ok {
		drainOK = false
		if s, ok := l.scalar(e.Value, e.Key, "drain", "auto, 0s or a duration such as 30s"); ok {
			if strings.TrimSpace(s) == "auto" {
				exp.Drain, drainOK = models.DrainAuto, true
			} else if d, ok := l.duration(e.Value, e.Key, "drain"); ok {
				exp.Drain, drainOK = d, true
			}
		}
	}
	e, ok := ents["timeseries"]
	if !ok {
		return
	}
	d, ok := l.duration(e.Value, e.Key, "timeseries")
	if !ok {
		return
	}
	if d <= 0 {
		l.fail(e.Key, "timeseries", "must be > 0 (the length of a window), got "+show(e.Value.Value))
		return
	}
	exp.Timeseries = d
	if !horizonOK || !drainOK {
		return
	}
	if n := windows(exp.Horizon, exp.Drain, d); n > maxWindows {
		l.fail(e.Key, "timeseries", fmt.Sprintf("gives %d windows per run over the horizon and the longest drain (at most %d): use a longer window", n, maxWindows))
	}
}

// maxSeriesCells bounds the cells of the time series of one sweep point
// (windows × replications × columns), which its record holds and which
// are read back, one point at a time, to write the tables.
const maxSeriesCells = 20_000_000

// seriesSize reports time series too large for a point's record; e is
// the timeseries: entry.
func (l *loader) seriesSize(e entry, exp *Experiment) {
	if exp.Timeseries <= 0 {
		return
	}
	n := windows(exp.Horizon, exp.longestDrain(), exp.Timeseries)
	if n > maxWindows {
		return // reported
	}
	cells := n * int64(exp.MaxReplications()) * int64(3+len(exp.Sweep)+len(exp.SeriesMetrics))
	if cells > maxSeriesCells {
		l.fail(e.Key, "timeseries", fmt.Sprintf("gives %d cells of time series per sweep point (windows × replications × columns), at most %d: use a longer window or fewer replications", cells, maxSeriesCells))
	}
}

// windows returns the number of windows of length w from 0 to the end of
// the longest drain after horizon h (an auto drain lasts at most h).
func windows(h, drain, w sim.Duration) int64 {
	end := h + maxDrain(h, drain)
	return int64((end + w - 1) / w)
}

// maxDrain returns the longest a drain can last after horizon h.
func maxDrain(h, drain sim.Duration) sim.Duration {
	if drain == models.DrainAuto {
		return h
	}
	return drain
}

// drainSetting returns drain as recorded in the resolved settings:
// "auto" or its length in seconds.
func drainSetting(drain sim.Duration) any {
	if drain == models.DrainAuto {
		return "auto"
	}
	return drain.Seconds()
}
