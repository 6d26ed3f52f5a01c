// Command balsim runs the fake Lantmäteriet of package bal/baltest as a
// standalone server, so that test suites in any language can use it: the
// token endpoint, the Direkt read services and the modelled update binding
// (update path, change feed, brister, ärenden), over a generated
// municipality.
//
// Usage:
//
//	balsim [-addr 127.0.0.1:8080] [-seed 1] [-size 100] [-kommunkod 2199]
//	       [-kommunnamn Exempelby] [-zone 0] [-tls] [-print-credentials]
//
// It prints the base URL, the token URL and the update path (and, with
// -print-credentials, the consumer key and secret) as KEY=value lines a shell
// can source, then serves until interrupted (SIGINT or SIGTERM), when it
// waits for the requests in flight and exits.
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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "balsim:", err)
		os.Exit(2)
	}
}

// run parses args, starts the server, writes its addresses to out and
// serves until ctx ends.
func run(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := flag.NewFlagSet("balsim", flag.ContinueOnError)
	fs.SetOutput(errOut)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	seed := fs.Uint64("seed", 1, "seed of the generated municipality")
	size := fs.Int("size", gen.DefaultBuildings, fmt.Sprintf("number of buildings, %d–%d", gen.MinBuildings, gen.MaxBuildings))
	kommunkod := fs.String("kommunkod", gen.DefaultKommunkod, "kommunkod of the municipality (a real county prefix)")
	kommunnamn := fs.String("kommunnamn", gen.DefaultKommunnamn, "name of the municipality")
	zone := fs.Int("zone", 0, "local SWEREF 99 zone, 3007–3018; 0 picks the county's")
	useTLS := fs.Bool("tls", false, "serve https with a self-signed certificate")
	printCreds := fs.Bool("print-credentials", false, "print the consumer key and secret")
	clientID := fs.String("client-id", baltest.DefaultCredentials.ID, "consumer key the token endpoint accepts")
	secret := fs.String("client-secret", baltest.DefaultCredentials.Secret, "consumer secret the token endpoint accepts")
	updatePath := fs.String("update-path", "", "base path of the update services (default "+"/ajourhallning/bal/v1)")
	retention := fs.Duration("feed-retention", 7*24*time.Hour, "how long the change feed keeps changes")
	initialFeed := fs.Bool("initial-feed", false, "put the generated data into the change feed as new objects")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}

	opts := []baltest.Option{
		baltest.WithAddr(*addr),
		baltest.WithData(gen.Config{Seed: *seed, Buildings: *size, Kommunkod: *kommunkod, Kommunnamn: *kommunnamn, Zone: *zone}),
		baltest.WithCredentials(baltest.Credentials{ID: *clientID, Secret: *secret}),
		baltest.WithFeedRetention(*retention),
		// A long-running simulator keeps the last requests only.
		baltest.WithRequestLogLimit(1000),
	}
	if *useTLS {
		opts = append(opts, baltest.WithTLS())
	}
	if *updatePath != "" {
		opts = append(opts, baltest.WithUpdatePath(*updatePath))
	}
	if *initialFeed {
		opts = append(opts, baltest.WithInitialFeed())
	}
	s, err := baltest.Start(opts...)
	if err != nil {
		return err
	}
	defer s.Close()

	d := s.Dataset()
	fmt.Fprintf(out, "BALSIM_URL=%s\n", s.URL())
	fmt.Fprintf(out, "BALSIM_TOKEN_URL=%s\n", s.TokenURL())
	fmt.Fprintf(out, "BALSIM_UPDATE_PATH=%s\n", s.UpdatePath())
	fmt.Fprintf(out, "BALSIM_KOMMUNKOD=%s\n", d.Kommun.Kommunkod)
	fmt.Fprintf(out, "BALSIM_ZONE=%d\n", d.Config.Zone)
	if *printCreds {
		c := s.Credentials()
		fmt.Fprintf(out, "BALSIM_CLIENT_ID=%s\n", c.ID)
		fmt.Fprintf(out, "BALSIM_CLIENT_SECRET=%s\n", c.Secret)
	}
	fmt.Fprintf(errOut, "balsim: %d buildings, %d address points in %s %s; serving until interrupted\n",
		len(d.Byggnader), len(d.Adressplatser), d.Kommun.Kommunkod, d.Kommun.Kommunnamn)
	<-ctx.Done()
	fmt.Fprintln(errOut, "balsim: shutting down")
	return nil
}
