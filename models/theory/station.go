package theory

import (
	"fmt"
	"math"

	"github.com/asyncsim/asyncsim/distributions"
)

// station is one FCFS queue with unbounded waiting room fed by Poisson
// requests, each attempt of which fails after service with probability fail
// and is offered again, up to tries attempts in all.
type station struct {
	lambda  float64 // requests per second
	servers int
	service distributions.Dist
	fail    float64
	tries   int
}

// solve returns the formula that applies, the mean sojourn of successful
// attempts (NaN when re-offered attempts make the arrivals non-Poisson, or
// when nothing succeeds), the probability that a request succeeds at the
// station, or a refusal reason.
func (st station) solve() (formula string, sojourn, success float64, reason string) {
	success = RetryReliability(1-st.fail, st.tries)
	offered := float64(st.tries) * st.lambda
	if st.fail < 1 {
		offered = st.lambda * success / (1 - st.fail)
	}
	mean := st.service.Mean()
	if rho := offered * mean / float64(st.servers); rho >= 1 {
		return "", 0, 0, fmt.Sprintf("unstable: rho >= 1 (rho = %.4g)", rho)
	}
	if _, exp := exponentialMean(st.service); exp {
		formula, sojourn = FormulaMMc, MMcSojourn(st.servers, st.lambda, 1/mean)
		if st.servers == 1 {
			formula = FormulaMM1
		}
	} else {
		if st.servers > 1 {
			return "", 0, 0, fmt.Sprintf("server.service is %s, not exponential, with %d workers: M/G/c has no closed form",
				name(st.service), st.servers)
		}
		m2, finite := st.service.Moment2()
		if !finite {
			return "", 0, 0, fmt.Sprintf("server.service %s has an infinite second moment: the M/G/1 mean wait is infinite",
				name(st.service))
		}
		formula, sojourn = FormulaMG1, MG1Sojourn(st.lambda, mean, m2)
		if isConstant(st.service) {
			formula = FormulaMD1
		}
	}
	if (st.fail > 0 && st.tries > 1) || success == 0 {
		sojourn = math.NaN()
	}
	return formula, sojourn, success, ""
}
