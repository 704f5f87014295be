// Command bbtgen-review is the review side of bbtgen without the site builder: check, policy,
// codeowners, review gate|queue|remind, audit and setup github. The pull-request workflow's
// gate job compiles it from the base commit with no cache at all, which takes seconds because
// it does not link Hugo's site builder (TestNoSiteBuilder in this folder proves it).
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
	code := cli.Run(ctx, os.Args[1:], cli.SystemEnv(), cli.ReviewTool())
	stop()
	os.Exit(code)
}
