package theory

import (
	"math"

	"github.com/asyncsim/asyncsim/models"
)

// handlerKeep returns the probability that processing a reply does not fail:
// 1-handler.error, raised to handler.listeners under event, where every
// listener run can fail on its own.
func handlerKeep(cfg models.Config) float64 {
	runs := 1
	if cfg.Policy == models.Event {
		runs = cfg.Handler.Listeners
	}
	return math.Pow(1-cfg.Handler.Error, float64(runs))
}
