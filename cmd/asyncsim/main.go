// Command asyncsim runs experiment files of the asyncsim discrete-event
// simulator of request/response communication.
//
//	asyncsim run FILE.yaml [-o DIR] [--parallel N] [--seed S] [--shard I/N] [--resume] [--quiet] [--max-events N]
//	asyncsim validate FILE.yaml
//	asyncsim plot DIR
//	asyncsim merge -o DIR SHARD_DIR...
//	asyncsim examples [NAME]
//	asyncsim version
//
// Exit codes: 0 success, 1 run failure, 2 usage or invalid experiment.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills at once
	}()
	code := NewMain(os.Stdout, os.Stderr).Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
