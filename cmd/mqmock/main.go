// Command mqmock runs the emulator: with no arguments, all four vendors on
// their default loopback ports with the built-in accounts.
//
//	go run ./cmd/mqmock [--config mqmock.yaml] [--scenario faults.yaml ...]
package main

import (
	"context"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr))
}
