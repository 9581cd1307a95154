package main

import (
	"testing"
	"time"
)

// TestETA checks the time left shown with the progress: elapsed time ×
// the work left / the work done, from the expected work of every run.
func TestETA(t *testing.T) {
	for _, c := range []struct {
		elapsed    time.Duration
		work, done float64
		want       string
	}{
		{10 * time.Second, 100, 0, ""},
		{10 * time.Second, 0, 0, ""},
		{10 * time.Second, 100, 50, "about 10s left"},
		{10 * time.Second, 100, 10, "about 1m30s left"},
		{3 * time.Hour, 100, 1, "about 297h0m0s left"},
		{1500 * time.Millisecond, 100, 99, "about 0s left"},
	} {
		if got := eta(c.elapsed, c.work, c.done); got != c.want {
			t.Errorf("eta(%v, %v, %v) = %q, want %q", c.elapsed, c.work, c.done, got, c.want)
		}
	}
}
