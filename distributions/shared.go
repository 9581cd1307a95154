package distributions

import "gopkg.in/yaml.v3"

// Helpers the experiment loader shares with distribution parsing, so that
// both read YAML, numbers and typos the same way.

// ParseNumber parses a plain decimal number such as "2", "-1.5", ".5" or
// "1e-3", rejecting hexadecimal, underscores, "inf" and "nan". The result
// may be ±Inf when the exponent overflows.
func ParseNumber(s string) (float64, bool) { return parseNumber(s) }

// ResolveNode follows document wrappers and aliases to the node they stand
// for, or returns nil when there is none or the chain is too long.
func ResolveNode(n *yaml.Node) *yaml.Node { return resolve(n) }

// Suggest returns the candidate closest to s when it is close enough to be
// a likely typo (or has s as a prefix), else "".
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// ShowValue returns s as written when it is a short plain word, else
// quoted and shortened, for "got ..." in messages.
func ShowValue(s string) string { return show(s) }

// DescribeNode names what n is ("a mapping", "a list", the value as
// shown by ShowValue, or "nothing"), for "got ..." in messages.
func DescribeNode(n *yaml.Node) string { return describe(n) }

// Leaves flattens an errors.Join tree, such as the errors of Parse, into
// its leaves.
func Leaves(err error) []error { return leaves(err) }

// Key returns the 64-bit key every stream of the run derives from; it
// depends on the master seed and the replication only.
func (s Streams) Key() uint64 { return s.base }
