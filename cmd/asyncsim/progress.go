package main

import (
	"fmt"
	"io"
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
	v.last = p
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
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionSetRenderBlankState(true),
				progressbar.OptionSetDescription(fmt.Sprintf("points %d/%d", p.PointsDone, p.Points)),
			)
		}
		v.bar.Describe(fmt.Sprintf("points %d/%d", p.PointsDone, p.Points))
		v.bar.Set(p.RunsDone)
	case p.Point >= 0:
		fmt.Fprintf(v.w, "asyncsim: point %d done (%d/%d points, %s)\n",
			p.Point, p.PointsDone, p.Points, time.Since(v.start).Round(time.Millisecond))
	}
}

// finish ends the progress bar's line.
func (v *progressView) finish() {
	if v.bar != nil {
		v.bar.Exit()
		fmt.Fprintln(v.w)
	}
}
