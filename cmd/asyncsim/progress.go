package main

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/asyncsim/asyncsim/experiments"
)

// progressView shows the progress of a run on stderr: a progress bar on a
// terminal, else one short line per finished sweep point; nothing when
// quiet.
type progressView struct {
	w     io.Writer
	tty   bool
	quiet bool
	bar   *progressbar.ProgressBar
	start time.Time
	last  experiments.Progress
}

func newProgressView(w io.Writer, quiet bool) *progressView {
	return &progressView{w: w, tty: isTerminal(w), quiet: quiet, start: time.Now()}
}

// update shows p.
func (v *progressView) update(p experiments.Progress) {
	defer func() { v.last = p }()
	switch {
	case v.quiet:
	case v.tty:
		if v.bar == nil {
			v.bar = progressbar.NewOptions(p.Runs,
				progressbar.OptionSetWriter(v.w),
				progressbar.OptionSetWidth(30),
				progressbar.OptionShowCount(),
				progressbar.OptionShowIts(),
				progressbar.OptionSetItsString("runs"),
				progressbar.OptionSetPredictTime(false), // by runs, whose lengths differ: see eta
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetRenderBlankState(true),
				progressbar.OptionSetDescription(v.describe(p)),
			)
		}
		if p.Runs != v.last.Runs {
			v.bar.ChangeMax(p.Runs) // a precision target added a batch
		}
		v.bar.Describe(v.describe(p))
		v.bar.Set(p.RunsDone)
	case p.Point >= 0:
		left := eta(time.Since(v.start), p.Work, p.WorkDone)
		if left != "" {
			left = ", " + left
		}
		fmt.Fprintf(v.w, "asyncsim: point %d done (%d/%d points, %s%s)\n",
			p.Point, p.PointsDone, p.Points, time.Since(v.start).Round(time.Millisecond), left)
	}
}

// finish ends the progress bar's line.
func (v *progressView) finish() {
	if v.bar != nil {
		v.bar.Exit()
		fmt.Fprintln(v.w)
	}
}

// describe returns the description shown before the bar: the points done
// and the time left.
func (v *progressView) describe(p experiments.Progress) string {
	d := fmt.Sprintf("points %d/%d", p.PointsDone, p.Points)
	if left := eta(time.Since(v.start), p.Work, p.WorkDone); left != "" {
		d += ", " + left
	}
	return d
}

// eta returns the time left, "about 1m30s left", when work expected
// events are to be run and done have been in elapsed time, or "" before
// anything is done. It goes by the expected work of the runs done, not by
// their count: the longest runs start first.
func eta(elapsed time.Duration, work, done float64) string {
	if !(work > 0) || !(done > 0) {
		return ""
	}
	left := time.Duration(float64(elapsed) * math.Max(0, work-done) / done)
	return "about " + left.Round(time.Second).String() + " left"
}
