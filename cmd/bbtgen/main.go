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
	"github.com/sonoivu-binhdinh/bbtgen/internal/cli/sitecmd"
)

// tool is bbtgen: every command, the site builder included.
func tool() cli.Tool {
	return cli.Tool{
		Name:  "bbtgen",
		Short: "Git-based editorial review and publishing for a department website",
		Long: `bbtgen checks, builds and publishes the website of the Editorial Board (Ban Biên tập):
articles are Markdown files in Git, and a pull request is merged only when the approver of
its category has approved it.`,
		Commands: append(cli.Commands(), sitecmd.Commands()...),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.SystemEnv(), tool())
	stop()
	os.Exit(code)
}
