package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/internal/fakeserver"
)

func newFake(a *app) *cobra.Command {
	var (
		cfg     fakeserver.Config
		envFile string
	)
	cmd := &cobra.Command{
		Use:   "fake",
		Short: "Run a fake Lantmäteriet with a generated municipality until stopped",
		Long: `Fake runs an in-memory Lantmäteriet (package bal/baltest) with a generated
municipality: the token endpoint, the Direkt read services, the modelled update
services with the change feed, deficiencies and cases, the national geodata
platform, and a control API to inject faults, make Lantmäteriet act, move the
clock and reset it (docs/balsim.md). It is the same server as balsim.

It prints 'export VAR=value' lines (its URL, token URL, update path, control
token, credentials, kommunkod and, with --tls, the certificate to trust); source
them and every 'bal --env fake' command, balsim client and example uses this
fake. It serves until interrupted (Ctrl-C, SIGTERM) and then exits 0.

Like Lantmäteriet's API Manager, it revokes an application's token whenever it
issues another; with --token-ttl its tokens expire soon, to see clients renew
them and share them (bal's commands do, through the token store: 'bal help
environment').`,
		Example: `  # In one shell:
  bal fake --env-file fake.env
  # In another:
  . ./fake.env && bal search byggnad --limit 3

  # Tokens that live 30 seconds:
  bal fake --token-ttl 30s --env-file fake.env

  # In the background, with https:
  bal fake --tls --env-file fake.env &
  . ./fake.env
  curl --cacert "$BAL_FAKE_CA_FILE" -H "Authorization: Bearer $BAL_FAKE_CONTROL_TOKEN" "$BAL_FAKE_URL/_control/v1/info"`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := fakeserver.Serve(cmd.Context(), cfg, "bal fake", a.out, a.errOut, envFile)
			if err != nil {
				return usageError("%v", err)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Addr, "addr", "127.0.0.1:0", "address to listen on; port 0 picks a free one")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed of the generated municipality")
	f.IntVar(&cfg.Buildings, "size", gen.DefaultBuildings, fmt.Sprintf("number of buildings, %d–%d", gen.MinBuildings, gen.MaxBuildings))
	f.StringVar(&cfg.Kommunkod, "kommunkod", gen.DefaultKommunkod, "kommunkod of the municipality (a real county prefix)")
	f.StringVar(&cfg.Kommunnamn, "kommunnamn", gen.DefaultKommunnamn, "name of the municipality")
	f.IntVar(&cfg.Zone, "zone", 0, "local SWEREF 99 zone, 3007–3018 (default: the county's)")
	f.BoolVar(&cfg.TLS, "tls", false, "serve https with a self-signed certificate, printed as BAL_FAKE_CA_FILE")
	f.StringVar(&cfg.CertFile, "cert-file", "", "with --tls, write the certificate here (default: a temporary file removed at exit)")
	f.DurationVar(&cfg.TokenTTL, "token-ttl", 0, "lifetime of the tokens it issues, whole seconds (default 1h); a short one makes tokens expire during a run")
	f.BoolVar(&cfg.InitialFeed, "initial-feed", false, "put the generated data into the change feed as new objects")
	f.StringVar(&envFile, "env-file", "", "also write the export lines to this file, once the fake is listening")
	return cmd
}
