package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newRoot builds the command tree. Each command lives in a file of its own
// (search.go, changes.go …); adding one is a file and a line here.
func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "bal",
		Short: "Lantmäteriet's BAL services, the national geodata platform and a fake of both, from a shell",
		Long: `bal searches and reads BAL objects (buildings, addresses, apartments) through
Lantmäteriet's services, follows the change feed, checks credentials, downloads
Lantmäteriet's XML extract, compares it with the municipality's own data and
checks its information quality, publishes buildings to the national geodata
platform (NGP), and runs a fake Lantmäteriet for tests and demos.

Every command runs against Verifiering (the default), Produktion or a fake
(--env fake), which needs no credentials. Commands that write refuse Produktion
unless given --allow-production, because the update contract is modelled.

See 'bal help environment' for the environment variables, the configuration
file, the output formats and the exit codes.`,
		Example: `  # Try it with no credentials, against a fake started for the command:
  bal --env fake search byggnad --limit 5

  # Keep a fake running and point every command at it:
  bal fake --env-file fake.env &
  . ./fake.env
  bal search adressplats --name Storgatan -o json

  # Against Verifiering:
  export BAL_CLIENT_ID=… BAL_CLIENT_SECRET=…
  bal token`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.resolveOutput()
		},
	}
	f := root.PersistentFlags()
	f.StringVar(&a.env, "env", "", "environment: verifiering, produktion or fake (default verifiering, or $BAL_ENV)")
	f.StringVarP(&a.output, "output", "o", "", "output format: table or json (default table)")
	f.StringVar(&a.configPath, "config", "", "configuration file (default $BAL_CONFIG, or bal/config.json in your configuration directory)")
	f.StringVar(&a.clientID, "client-id", "", "API portal consumer key (default $BAL_CLIENT_ID)")
	f.StringVar(&a.secretFile, "client-secret-file", "", "file holding the consumer secret (default $BAL_CLIENT_SECRET, or $BAL_CLIENT_SECRET_FILE)")
	f.StringVar(&a.tokenStorePath, "token-store", "", "share OAuth2 tokens with other processes through this file, or off (default $BAL_TOKEN_STORE, or bal/tokens in your cache directory)")
	f.BoolVarP(&a.verbose, "verbose", "v", false, "log every HTTP request to stderr (tokens and secrets masked)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v (see '%s --help')", err, c.CommandPath())
	})

	root.AddCommand(
		newSearch(a),
		newGet(a),
		newChanges(a),
		newToken(a),
		newFake(a),
		newDownload(a),
		newCompare(a),
		newQuality(a),
		newMirror(a), newExport(a),
		newNGP(a),
		newAudit(a),
		newEnvironmentHelp(),
	)
	// cobra's own commands, made now so that they get examples too.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = "  bal help search\n  bal help environment"
		case "completion":
			c.Example = "  bal completion bash > ~/.local/share/bash-completion/completions/bal\n" +
				"  bal completion zsh > \"${fpath[1]}/_bal\""
			for _, sh := range c.Commands() {
				sh.Example = "  bal completion " + sh.Name() + " --help"
			}
		}
	}
	return root
}

// args checks the number of positional arguments (hi < 0: no upper
// bound), as a usage error.
func args(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, as []string) error {
		if len(as) >= lo && (hi < 0 || len(as) <= hi) {
			return nil
		}
		want := fmt.Sprintf("%d to %d arguments", lo, hi)
		switch {
		case hi == 0:
			want = "no arguments"
		case lo == hi:
			want = fmt.Sprintf("exactly %d arguments", lo)
		case hi < 0:
			want = fmt.Sprintf("at least %d arguments", lo)
		}
		return usageError("%s takes %s, got %d (see '%s --help')", cmd.CommandPath(), want, len(as), cmd.CommandPath())
	}
}

// newEnvironmentHelp is the help topic 'bal help environment'.
func newEnvironmentHelp() *cobra.Command {
	return &cobra.Command{
		Use:   "environment",
		Short: "Environment variables, configuration file, output formats and exit codes",
		Long: `ENVIRONMENT VARIABLES

  BAL_ENV                 verifiering (default), produktion or fake; --env wins
  BAL_CLIENT_ID           the API portal application's consumer key; --client-id wins
  BAL_CLIENT_SECRET       its consumer secret (never a flag: flags end up in shell
                          histories and process lists)
  BAL_CLIENT_SECRET_FILE  a file holding the secret; --client-secret-file wins
                          (these are the default credential; see CREDENTIALS for
                          Basic authentication, API keys and credentials per
                          service group)
  BAL_TOKEN_STORE         the file OAuth2 tokens are shared through, or off;
                          --token-store wins (see TOKENS)
  BAL_KOMMUNKOD           the municipality commands use unless --kommun says
  BAL_ORDER_ID            the Geotorget order download uses unless given one
  BAL_CONFIG              the configuration file; --config wins
  BAL_AUDIT               the audit trail write commands record into and 'bal
                          audit' reads: a JSON Lines file or a postgres:// URL;
                          --audit wins
  BAL_AUDIT_KEY_FILE      the file holding its key, in hex; --audit-key-file wins
  BAL_AUDIT_ORGANISATION  the recording organisation, in every record
  BAL_ACTOR               the official write commands are recorded as (default
                          your user name); --actor wins. BAL_ACTOR_NAME: a name

  With --env fake, commands use the fake these variables describe, as 'bal fake'
  and balsim print them; without BAL_FAKE_URL each command starts a fake of its
  own, and says which on stderr:

  BAL_FAKE_URL            the fake's base URL
  BAL_FAKE_TOKEN_URL      its token endpoint
  BAL_FAKE_UPDATE_PATH    its update services' base path
  BAL_FAKE_CA_FILE        with TLS, the certificate to trust
  BAL_FAKE_CONTROL_TOKEN  the bearer token of its control API (docs/balsim.md)

CREDENTIALS

  Lantmäteriet issues keys per product group, and on the national geodata
  platform per dataset; Geotorget also takes a user name and password (Basic
  authentication, all that private persons have), and the gateway an API key.
  Calls to a service group use its own credential when it has one, else (for an
  NGP dataset) ngp's, else the default. A credential is one of three kinds, set
  with BAL_, the group's name in capitals and _ (nothing for the default), and:

    CLIENT_ID and CLIENT_SECRET or     OAuth2 client credentials; also SCOPES
      CLIENT_SECRET_FILE               (space or comma separated) and TOKEN_URL
                                       (keys of another API portal)
    USERNAME and PASSWORD or           Basic authentication
      PASSWORD_FILE
    API_KEY or API_KEY_FILE            an API key, sent in the ApiKey header

  GROUP            its calls
  DIREKT           the Direkt read products (Byggnad, Belägenhetsadress,
                   Registerbeteckning), for the SDK; no command calls them yet
  UPPDATERING      the update services: search, get, changes, brister, ärenden
  GEOTORGET        Geotorget Nedladdning: download
  NGP              the national geodata platform: ngp
  NGP_<DATASET>    one dataset's producer key, e.g. NGP_BYGGNAD: ngp publish,
                   status and report of that informationstyp

  For example BAL_GEOTORGET_USERNAME with BAL_GEOTORGET_PASSWORD_FILE,
  BAL_NGP_BYGGNAD_CLIENT_ID with BAL_NGP_BYGGNAD_CLIENT_SECRET, or
  BAL_UPPDATERING_API_KEY. Secrets come from the environment or from files, never
  from flags or the configuration file. Flags win over variables, variables over
  the configuration file; the first of them that names a kind (a client id or
  secret, a user name or password, a key) decides a credential's kind, and the
  kind's other parts may come from the next (BAL_CLIENT_ID with the file's
  clientSecretFile). Parts of two kinds from one of them are an error. With
  credentials for some groups and no default, a command that calls another group
  exits 2. Against a fake, credentials come from flags and the environment only
  ('bal fake' prints them); a fake started for one command uses its own.

TOKENS

  Lantmäteriet revokes an application's token whenever it issues another one, so
  commands share OAuth2 tokens through a file locked by the operating system
  (mode 0600): bal/tokens in your cache directory ($XDG_CACHE_HOME or ~/.cache on
  Linux, ~/Library/Caches on macOS, %LocalAppData% on Windows). Commands run at
  once then use one token instead of revoking each other's. The file is its
  user's alone: run a municipality's scripts as one user. --token-store PATH,
  BAL_TOKEN_STORE or the configuration file's tokenStore move it; off turns
  sharing off. A command takes a valid shared token without presenting its
  secret; 'bal token' always asks the token endpoint, and says which store it
  used.

CONFIGURATION FILE

  JSON, at $BAL_CONFIG or bal/config.json in your configuration directory
  ($XDG_CONFIG_HOME or ~/.config on Linux). Flags and environment variables win
  over it. Unknown keys are errors. It never holds a secret, only its file; a
  relative path is relative to the configuration file. A credential's keys are
  clientId, clientSecretFile, scopes, tokenUrl, username, passwordFile and
  apiKeyFile: the default's at the top level, a group's under "services" (direkt,
  uppdatering, geotorget, ngp, ngp/DATASET):

    {
      "env": "verifiering",
      "clientId": "AbC123",
      "clientSecretFile": "secret.txt",
      "scopes": ["byggnad_direkt_v3_read"],
      "services": {
        "geotorget": {"username": "kommun2180", "passwordFile": "geotorget.txt"},
        "ngp/byggnad": {"clientId": "NgP456", "clientSecretFile": "ngp-byggnad.txt"}
      },
      "tokenStore": "/var/cache/bal/tokens",
      "kommun": "2180",
      "output": "table",
      "appId": "Kommunens GIS/1.0 (kommun 2180)",
      "orderId": "0b8c5e0a-…",
      "audit": "audit.jsonl",
      "auditKeyFile": "audit.key",
      "auditOrganisation": "2180 Göteborgs stad",
      "auditRetention": {"personalDays": 90, "recordYears": 10}
    }

OUTPUT

  --output table (default) is for people. --output json is for machines: stable
  lowerCamelCase field names; one JSON document for commands that answer with one
  thing (get of one object, token, download, compare, quality, ngp status|report|publish); JSON Lines, one
  object per line, for streams (search, get of several objects, changes, ngp
  search). Only the JSON goes to stdout. Progress bars appear only with table
  output when stdout and stderr are both terminals.

EXIT CODES

  0    success
  1    any other failure
  2    usage: bad command line, flag, argument or configuration, no credentials,
       or a write to Produktion without --allow-production
  3    authentication: credentials refused, or no right to the call (401, 403)
  4    not found
  5    conflict or invalid input: a version conflict, input the SDK or the service
       refused as invalid, an NGP valideringsfel
  6    network: the service could not be reached, or answered 429, 5xx or a broken
       answer after the SDK's retries
  7    the change-feed checkpoint is older than the feed keeps: rebuild from an
       extract
  8    the audit trail does not verify: a record was edited, removed, inserted,
       reordered or cut
  9    not ready yet: an NGP validation report, or a Geotorget delivery still
       being built; try again later
  130  interrupted (SIGINT or SIGTERM); 'bal fake' and 'bal changes --follow'
       exit 0 when stopped that way, as stopping is how they end

  On failure, exactly one line goes to stderr: "bal: " and what went wrong.`,
	}
}
