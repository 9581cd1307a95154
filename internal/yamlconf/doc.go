// Package yamlconf is the YAML front end of asyncsim: the one reader of
// YAML mappings (aliases, merge keys, duplicates, with one set of limits
// that keep hostile input cheap), the one error type of the experiment
// format and the helpers that write user text into messages.
//
// Both the experiment loader and the distribution parser read their
// mappings here, so that a file is read the same way throughout, and
// both report problems as *Error, which callers classify with errors.As
// and Error.Code rather than by their text.
package yamlconf
