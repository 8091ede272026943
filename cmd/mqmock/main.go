// Command mqmock runs the emulator: with no arguments, all four front doors
// on their default loopback ports with the built-in accounts.
//
//	go run ./cmd/mqmock [--config mqmock.yaml] [--scenario faults.yaml ...]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/gin-gonic/gin"
)

func main() {
	// gin's debug mode prints every route at start; the emulator logs
	// through slog instead. A process-wide switch, so the process sets it,
	// never a library.
	gin.SetMode(gin.ReleaseMode)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	os.Exit(serveUntilSignalled(sigs, os.Exit, os.Args[1:], os.Environ(), os.Stdout, os.Stderr))
}

// serveUntilSignalled runs the emulator until the first signal, which
// starts a graceful shutdown (in-flight calls may finish, within a bound);
// a second signal while that is under way exits at once, as a second
// Ctrl-C does in every well-behaved server.
func serveUntilSignalled(sigs <-chan os.Signal, exit func(int), args, env []string, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		cancel()
		select {
		case s := <-sigs:
			fmt.Fprintf(stderr, "mqmock: %v again: exiting without waiting for calls in flight\n", s)
			exit(1)
		case <-done:
		}
	}()
	return run(ctx, args, env, stdout, stderr)
}
