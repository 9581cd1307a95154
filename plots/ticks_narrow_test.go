package plots

import (
	"math"
	"testing"
)

// TestTicksOfARangeOfAFewULPs checks an axis whose values differ only in
// their last bits (a metric equal at every point but for rounding): the
// loop over minor ticks counted in a float past 2^53, where i++ no longer
// changes i, and never ended. One tick at the value is what such an axis
// can show.
func TestTicksOfARangeOfAFewULPs(t *testing.T) {
	min := 7.0
	max := math.Nextafter(math.Nextafter(min, 8), 8)
	ticks := linearTicks{}.Ticks(min, max)
	if len(ticks) != 1 || ticks[0].Value != min || ticks[0].Label != "7" {
		t.Errorf("ticks of [7, 7+2ulp]: %+v, want one tick 7", ticks)
	}
	big := 1e300
	ticks = linearTicks{}.Ticks(big, math.Nextafter(big, math.Inf(1)))
	if len(ticks) != 1 || ticks[0].Value != big {
		t.Errorf("ticks of [1e300, 1e300+1ulp]: %+v, want one tick", ticks)
	}
}
