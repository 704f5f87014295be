// Command bbtgen checks, builds and publishes the website of a Vietnamese government
// department whose articles live in Git and are approved through pull requests.
// See README.md for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sonoivu-binhdinh/bbtgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.SystemEnv())
	stop()
	os.Exit(code)
}
