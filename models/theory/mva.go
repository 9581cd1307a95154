package theory

import (
	"fmt"
	"math"
)

// MVAResult holds the figures of a closed loop solved by mean value analysis.
type MVAResult struct {
	Throughput  float64 // X(N), cycles per second
	Response    float64 // R(N), mean time at the server, waiting plus service
	QueueLength float64 // Q(N), mean number at the server, X(N)·R(N)
}

// MVA solves exactly, by the mean value analysis recursion
//
//	R(n) = S·(1 + Q(n-1)),  X(n) = n / (Z + R(n)),  Q(n) = X(n)·R(n),
//
// a closed loop of n customers that alternate between a think station of
// mean think time Z (infinite servers, any distribution) and one FCFS
// server with exponential service of mean S. It returns an error wrapping
// ErrInvalid unless n >= 1, think >= 0 and service > 0, both finite.
func MVA(n int, think, service float64) (MVAResult, error) {
	if n < 1 || !(think >= 0) || !(service > 0) || math.IsInf(think, 1) || math.IsInf(service, 1) {
		return MVAResult{}, fmt.Errorf("%w: MVA needs n >= 1, think >= 0, service > 0; got n=%d think=%g service=%g",
			ErrInvalid, n, think, service)
	}
	var res MVAResult
	for i := 1; i <= n; i++ {
		res.Response = service * (1 + res.QueueLength)
		res.Throughput = float64(i) / (think + res.Response)
		res.QueueLength = res.Throughput * res.Response
	}
	return res, nil
}
