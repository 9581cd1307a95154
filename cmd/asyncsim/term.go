package main

import "golang.org/x/term"

// termIsTerminal is term.IsTerminal; a variable so tests can pretend.
var termIsTerminal = term.IsTerminal
