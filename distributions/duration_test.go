package distributions

import (
	"testing"

	"github.com/asyncsim/asyncsim/sim"
)

func TestParseDuration(t *testing.T) {
	good := []struct {
		in   string
		want sim.Duration
	}{
		{"10ms", 10 * sim.Millisecond},
		{"1.5s", 1500 * sim.Millisecond},
		{"2m", 2 * sim.Minute},
		{"1h", sim.Hour},
		{"250us", 250 * sim.Microsecond},
		{"250µs", 250 * sim.Microsecond},
		{"250μs", 250 * sim.Microsecond},
		{"42ns", 42},
		{"0.5", 500 * sim.Millisecond},
		{"2", 2 * sim.Second},
		{"1e-3", sim.Millisecond},
		{"1E3ms", sim.Second},
		{"0.1", 100 * sim.Millisecond},
		{".5s", 500 * sim.Millisecond},
		{"5.s", 5 * sim.Second},
		{"+3ms", 3 * sim.Millisecond},
		{" 10 ms ", 10 * sim.Millisecond},
		{"0", 0},
		{"0s", 0},
		{"-0", 0},
		{"1.4ns", 1},
		{"0.6ns", 1},
		{"1e-12", 0},
		{"1e-1000", 0},
		{"9223372036s", 9223372036 * sim.Second},
		{"2562047h", 2562047 * sim.Hour},
	}
	for _, tt := range good {
		got, err := ParseDuration(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v, want %v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		in, want string
	}{
		{"-1s", `invalid duration "-1s": must be >= 0`},
		{"-0.5", `invalid duration "-0.5": must be >= 0`},
		{"NaN", `invalid duration "NaN": must be finite`},
		{".inf", `invalid duration ".inf": must be finite`},
		{"-Infs", `invalid duration "-Infs": must be finite`},
		{"1e30s", `invalid duration "1e30s": must be at most 2562047h47m16.854775807s`},
		{"1e999", `invalid duration "1e999": must be at most 2562047h47m16.854775807s`},
		{"2562048h", `invalid duration "2562048h": must be at most 2562047h47m16.854775807s`},
		{"", `invalid duration "": ` + msgNotDuration},
		{"ms", `invalid duration "ms": ` + msgNotDuration},
		{"abc", `invalid duration "abc": ` + msgNotDuration},
		{"10 sec", `invalid duration "10 sec": ` + msgNotDuration},
		{"1h30m", `invalid duration "1h30m": ` + msgNotDuration},
		{"0x10", `invalid duration "0x10": ` + msgNotDuration},
		{"1_000", `invalid duration "1_000": ` + msgNotDuration},
		{"1e", `invalid duration "1e": ` + msgNotDuration},
		{"5d", `invalid duration "5d": ` + msgNotDuration},
		{"--1", `invalid duration "--1": ` + msgNotDuration},
	}
	for _, tt := range bad {
		got, err := ParseDuration(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v, want error %s", tt.in, got, err, tt.want)
		}
	}
}
