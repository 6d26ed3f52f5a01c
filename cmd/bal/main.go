// Command bal is bal-go's command-line tool, for system vendors, testers and
// a municipality's GIS staff: search and read BAL objects, follow the change
// feed, check credentials, download Geotorget's extracts, run a fake
// Lantmäteriet, and publish buildings to the national geodata platform, from
// a shell.
//
//	bal --env fake search byggnad --limit 5
//	bal --env fake get byggnad 3f2a… -o json
//	bal changes --from 1200 --follow
//	bal token
//	bal download --start bas --to extract
//	bal fake --env-file fake.env &
//	bal ngp publish --state publish.json
//
// It is built on github.com/spf13/cobra, the framework of gh and kubectl,
// whose conventions it follows (DESIGN §7): subcommands, --help with
// examples on every command, flags with environment variables and a
// configuration file behind them, --output json for machines, and one line
// on stderr with a documented exit code on failure. Run `bal help
// environment` for the variables, the configuration file and the exit
// codes.
//
// # Adding a command
//
// A command is one file: a constructor func(*app) *cobra.Command that
// declares its flags and examples and whose RunE asks the app for what it
// needs (a.target and a.client for a connection, a.emit and a.document for
// output, a.progress for a bar, usageError for bad input), and one line in
// newRoot's list. A command that writes passes write=true to a.target,
// which refuses Produktion without --allow-production.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
