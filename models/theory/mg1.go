package theory

import "math"

// MG1Wait returns the Pollaczek–Khinchine mean time in queue
// Wq = lambda·E[S²] / (2(1-rho)) of an M/G/1 queue with arrival rate lambda
// and service time S of mean mean and second moment moment2 (E[S²]),
// rho = lambda·mean. It returns NaN when the input is invalid (lambda < 0,
// mean <= 0, moment2 < 0 or not finite) or rho >= 1.
func MG1Wait(lambda, mean, moment2 float64) float64 {
	if !(lambda >= 0) || !(mean > 0) || !(moment2 >= 0) ||
		math.IsInf(lambda, 1) || math.IsInf(mean, 1) || math.IsInf(moment2, 1) {
		return math.NaN()
	}
	rho := lambda * mean
	if rho >= 1 {
		return math.NaN()
	}
	return lambda * moment2 / (2 * (1 - rho))
}

// MG1Sojourn returns the mean time in system Wq + E[S] of an M/G/1 queue,
// with the arguments and NaN cases of MG1Wait.
func MG1Sojourn(lambda, mean, moment2 float64) float64 {
	return MG1Wait(lambda, mean, moment2) + mean
}

// MD1Wait returns the mean time in queue rho / (2·mu·(1-rho)) of an M/D/1
// queue with arrival rate lambda and constant service time service (1/mu):
// MG1Wait with E[S²] = service². NaN as for MG1Wait.
func MD1Wait(lambda, service float64) float64 {
	return MG1Wait(lambda, service, service*service)
}
