// Package theory holds the closed-form queueing results that asyncsim's
// simulations can be checked against: Erlang B and C for M/M/c, the
// Pollaczek–Khinchine formula for M/G/1 and M/D/1, the finite M/M/1/K queue,
// exact mean value analysis of a closed loop, the reliability of retried
// attempts, and Predict, which picks the formula that applies exactly to a
// model configuration or refuses.
//
// All times are float64 seconds and all rates are per second. Functions that
// return one number return NaN for invalid or unstable input; functions that
// return a result struct return an error wrapping ErrInvalid.
package theory
