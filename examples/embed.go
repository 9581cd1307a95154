// Package examples holds the experiment files bundled with asyncsim, which
// `asyncsim examples` lists and prints.
package examples

import "embed"

// FS holds every bundled experiment file, named NAME.yaml.
//
//go:embed *.yaml
var FS embed.FS
