// Command balsim runs the fake Lantmäteriet of package bal/baltest as a
// standalone server, so that test suites in any language can use it: the
// token endpoint, the Direkt read services, the modelled update binding
// (update path, change feed, brister, ärenden) and the national geodata
// platform, over a generated municipality, plus a control API under
// /_control/v1 to inject faults, make Lantmäteriet act, move the clock and
// reset the state (docs/balsim.md).
//
// Usage:
//
//	balsim [-addr 127.0.0.1:8080] [-seed 1] [-size 100] [-kommunkod 2199]
//	       [-kommunnamn Exempelby] [-zone 0] [-tls] [-cert-file PATH]
//	       [-env-file PATH] [-control-token TOKEN] [-initial-feed]
//	       [-token-ttl 1h]
//
// It prints `export VAR=value` lines a shell can source (the fake's URL,
// token URL, update path, control token, credentials, kommunkod and, with
// -tls, the certificate to trust), then serves until interrupted (SIGINT or
// SIGTERM), when it waits for the requests in flight and exits.
//
// balsim and `bal fake` are one implementation (internal/fakeserver) with
// the same variables; balsim stays a program of its own because it is small,
// has no command-line framework and keeps the single-dash flags suites
// already call it with.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/fakeserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "balsim:", err)
		os.Exit(2)
	}
}

// run parses args, starts the server, writes its variables to out and
// serves until ctx ends.
func run(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("balsim", flag.ContinueOnError)
	fs.SetOutput(errOut)
	var cfg fakeserver.Config
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated municipality")
	fs.IntVar(&cfg.Buildings, "size", gen.DefaultBuildings, fmt.Sprintf("number of buildings, %d–%d", gen.MinBuildings, gen.MaxBuildings))
	fs.StringVar(&cfg.Kommunkod, "kommunkod", gen.DefaultKommunkod, "kommunkod of the municipality (a real county prefix)")
	fs.StringVar(&cfg.Kommunnamn, "kommunnamn", gen.DefaultKommunnamn, "name of the municipality")
	fs.IntVar(&cfg.Zone, "zone", 0, "local SWEREF 99 zone, 3007–3018; 0 picks the county's")
	fs.BoolVar(&cfg.TLS, "tls", false, "serve https with a self-signed certificate (printed as BAL_FAKE_CA_FILE)")
	fs.StringVar(&cfg.CertFile, "cert-file", "", "with -tls, write the certificate here (default: a temporary file removed at exit)")
	fs.StringVar(&cfg.ClientID, "client-id", baltest.DefaultCredentials.ID, "consumer key the token endpoint accepts")
	fs.StringVar(&cfg.ClientSecret, "client-secret", baltest.DefaultCredentials.Secret, "consumer secret the token endpoint accepts (a fake's, not a real secret)")
	fs.StringVar(&cfg.UpdatePath, "update-path", "", "base path of the update services (default /ajourhallning/bal/v1)")
	fs.DurationVar(&cfg.FeedRetention, "feed-retention", 7*24*time.Hour, "how long the change feed keeps changes")
	fs.BoolVar(&cfg.InitialFeed, "initial-feed", false, "put the generated data into the change feed as new objects")
	fs.StringVar(&cfg.ControlToken, "control-token", "", "bearer token of the control API (default: random, printed)")
	fs.DurationVar(&cfg.TokenTTL, "token-ttl", 0, "lifetime of issued tokens, whole seconds (default 1h); a short one makes tokens expire during a run")
	envFile := fs.String("env-file", "", "also write the export lines to this file (a named pipe is written to directly)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return fakeserver.Serve(ctx, cfg, "balsim", out, errOut, *envFile)
}
