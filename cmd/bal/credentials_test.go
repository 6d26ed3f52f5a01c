package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// TestCredentials resolves the default credential and the service groups'
// from flags, the environment and the configuration file, as a command
// against Verifiering does (no call is made).
func TestCredentials(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"secret.txt":   "file-secret\n",
		"password.txt": " pass word \r\n",
		"key.txt":      "file-key\n",
		"empty.txt":    "\n",
	}
	for _, tc := range []struct {
		name string
		// flags are --client-id and --client-secret-file.
		flagID, flagSecretFile string
		env                    map[string]string
		config                 string
		want                   bal.Credential
		services               map[bal.Service]bal.Credential
		err                    string
	}{
		{name: "default from the environment",
			env:  map[string]string{"BAL_CLIENT_ID": "env-id", "BAL_CLIENT_SECRET": "env-secret"},
			want: bal.ClientCredentials{ID: "env-id", Secret: "env-secret"}},
		{name: "flags win over the environment",
			flagID: "flag-id", flagSecretFile: "secret.txt",
			env:  map[string]string{"BAL_CLIENT_ID": "env-id", "BAL_CLIENT_SECRET": "env-secret"},
			want: bal.ClientCredentials{ID: "flag-id", Secret: "file-secret"}},
		{name: "the environment completes the file's",
			env:    map[string]string{"BAL_CLIENT_ID": "env-id"},
			config: `{"clientId": "file-id", "clientSecretFile": "secret.txt", "scopes": ["a"]}`,
			want:   bal.ClientCredentials{ID: "env-id", Secret: "file-secret", Scopes: []string{"a"}}},
		{name: "the environment's kind replaces the file's",
			env:    map[string]string{"BAL_API_KEY": "env-key"},
			config: `{"clientId": "file-id", "clientSecretFile": "secret.txt"}`,
			want:   bal.APIKey{Key: "env-key"}},
		{name: "scopes and token URL qualify, they do not name a kind",
			env:    map[string]string{"BAL_SCOPES": "a, b c", "BAL_TOKEN_URL": "https://portal.example/token"},
			config: `{"clientId": "file-id", "clientSecretFile": "secret.txt"}`,
			want: bal.ClientCredentials{ID: "file-id", Secret: "file-secret", Scopes: []string{"a", "b", "c"},
				TokenURL: "https://portal.example/token"}},
		{name: "a secret beats its file in one source",
			env:  map[string]string{"BAL_CLIENT_ID": "id", "BAL_CLIENT_SECRET": "env-secret", "BAL_CLIENT_SECRET_FILE": "missing.txt"},
			want: bal.ClientCredentials{ID: "id", Secret: "env-secret"}},
		{name: "service groups from the environment",
			env: map[string]string{"BAL_CLIENT_ID": "id", "BAL_CLIENT_SECRET": "s",
				"BAL_GEOTORGET_USERNAME": "anna", "BAL_GEOTORGET_PASSWORD_FILE": "password.txt",
				"BAL_DIREKT_API_KEY_FILE":   "key.txt",
				"BAL_UPPDATERING_CLIENT_ID": "upd", "BAL_UPPDATERING_CLIENT_SECRET": "upd-secret", "BAL_UPPDATERING_SCOPES": "x",
				"BAL_NGP_CLIENT_ID": "ngp", "BAL_NGP_CLIENT_SECRET_FILE": "secret.txt",
				"BAL_NGP_BYGGNAD_CLIENT_ID": "byggnad", "BAL_NGP_BYGGNAD_CLIENT_SECRET": "b-secret",
				"BAL_NGP_FYSISK_BYGGNAD_API_KEY": "fb-key"},
			want: bal.ClientCredentials{ID: "id", Secret: "s"},
			services: map[bal.Service]bal.Credential{
				bal.ServiceGeotorget:             bal.BasicAuth{Username: "anna", Password: " pass word "},
				bal.ServiceDirekt:                bal.APIKey{Key: "file-key"},
				bal.ServiceUpdate:                bal.ClientCredentials{ID: "upd", Secret: "upd-secret", Scopes: []string{"x"}},
				bal.ServiceNGP:                   bal.ClientCredentials{ID: "ngp", Secret: "file-secret"},
				bal.NGPDataset("byggnad"):        bal.ClientCredentials{ID: "byggnad", Secret: "b-secret"},
				bal.NGPDataset("fysisk_byggnad"): bal.APIKey{Key: "fb-key"},
			}},
		{name: "service groups from the file, the environment winning",
			env: map[string]string{"BAL_GEOTORGET_PASSWORD": "env-password"},
			config: `{"clientId": "id", "clientSecretFile": "secret.txt", "services": {
				"geotorget": {"username": "anna", "passwordFile": "password.txt"},
				"ngp/byggnad": {"clientId": "byggnad", "clientSecretFile": "secret.txt", "tokenUrl": "https://portal.example/token"},
				"uppdatering": {"apiKeyFile": "key.txt"}}}`,
			want: bal.ClientCredentials{ID: "id", Secret: "file-secret"},
			services: map[bal.Service]bal.Credential{
				bal.ServiceGeotorget:      bal.BasicAuth{Username: "anna", Password: "env-password"},
				bal.ServiceUpdate:         bal.APIKey{Key: "file-key"},
				bal.NGPDataset("byggnad"): bal.ClientCredentials{ID: "byggnad", Secret: "file-secret", TokenURL: "https://portal.example/token"},
			}},
		{name: "only service groups: a stand-in default",
			env:  map[string]string{"BAL_GEOTORGET_USERNAME": "anna", "BAL_GEOTORGET_PASSWORD": "pw"},
			want: bal.TokenSource{},
			services: map[bal.Service]bal.Credential{
				bal.ServiceGeotorget: bal.BasicAuth{Username: "anna", Password: "pw"},
			}},
		{name: "nothing", err: "no credentials for verifiering: set BAL_CLIENT_ID and BAL_CLIENT_SECRET"},
		{name: "two kinds in the environment",
			env: map[string]string{"BAL_NGP_BYGGNAD_CLIENT_ID": "x", "BAL_NGP_BYGGNAD_PASSWORD": "y"},
			err: "the credential of ngp/byggnad: OAuth2 client credentials (BAL_NGP_BYGGNAD_CLIENT_ID) and Basic authentication (BAL_NGP_BYGGNAD_PASSWORD) are two kinds of credential: give one"},
		{name: "two kinds in the file, though the environment decides",
			env:    map[string]string{"BAL_API_KEY": "k"},
			config: `{"clientId": "x", "username": "y"}`,
			err:    "the default credential: OAuth2 client credentials (clientId in the configuration file) and Basic authentication (username in the configuration file) are two kinds of credential: give one"},
		{name: "scopes with another kind in one source",
			env: map[string]string{"BAL_GEOTORGET_USERNAME": "anna", "BAL_GEOTORGET_PASSWORD": "pw", "BAL_GEOTORGET_SCOPES": "s"},
			err: "the credential of geotorget: OAuth2 client credentials (BAL_GEOTORGET_SCOPES) and Basic authentication (BAL_GEOTORGET_USERNAME) are two kinds"},
		{name: "no secret",
			env: map[string]string{"BAL_CLIENT_ID": "id"},
			err: "the default credential has a consumer key but no consumer secret: set BAL_CLIENT_SECRET or BAL_CLIENT_SECRET_FILE (or --client-secret-file, or clientSecretFile in the configuration file)"},
		{name: "no consumer key",
			config: `{"services": {"direkt": {"clientSecretFile": "secret.txt"}}}`,
			err:    "the credential of direkt has a consumer secret but no consumer key: set BAL_DIREKT_CLIENT_ID (or clientId under services.direkt in the configuration file)"},
		{name: "no user name",
			env: map[string]string{"BAL_GEOTORGET_PASSWORD": "pw"},
			err: "the credential of geotorget has a password but no user name: set BAL_GEOTORGET_USERNAME (or username under services.geotorget in the configuration file)"},
		{name: "no password",
			env: map[string]string{"BAL_GEOTORGET_USERNAME": "anna"},
			err: "the credential of geotorget has a user name but no password: set BAL_GEOTORGET_PASSWORD or BAL_GEOTORGET_PASSWORD_FILE"},
		{name: "an empty key file",
			env: map[string]string{"BAL_UPPDATERING_API_KEY_FILE": "empty.txt"},
			err: "empty.txt is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, content := range files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
			}
			vars := map[string]string{"BAL_ENV": "verifiering", "BAL_TOKEN_STORE": "off", "BAL_CONFIG": filepath.Join(dir, "config.json")}
			config := tc.config
			if config == "" {
				config = "{}"
			}
			require.NoError(t, os.WriteFile(vars["BAL_CONFIG"], []byte(config), 0o600))
			for k, v := range tc.env {
				if filepath.Ext(v) == ".txt" {
					v = filepath.Join(dir, v)
				}
				vars[k] = v
			}
			a := newApp(io.Discard, io.Discard, env(vars))
			a.environ = func() []string {
				var out []string
				for k, v := range vars {
					out = append(out, k+"="+v)
				}
				return out
			}
			a.clientID = tc.flagID
			if tc.flagSecretFile != "" {
				a.secretFile = filepath.Join(dir, tc.flagSecretFile)
			}
			tg, err := a.target(false)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.Equal(t, exitUsage, exitCode(t.Context(), err))
				return
			}
			require.NoError(t, err)
			if _, standIn := tc.want.(bal.TokenSource); standIn {
				require.NotNil(t, a.noDefault)
				assert.Equal(t, bal.TokenSource{Source: a.noDefault}, tg.cfg.Credentials)
				assert.Equal(t, []string{"geotorget"}, a.noDefault.own)
			} else {
				assert.Equal(t, tc.want, tg.cfg.Credentials)
				assert.Nil(t, a.noDefault)
			}
			assert.Equal(t, tc.services, tg.cfg.ServiceCredentials)
			_, err = bal.NewClient(tg.cfg)
			assert.NoError(t, err, "the SDK takes the configuration")
		})
	}
}

// TestNoDefaultCredential: with credentials for some service groups only,
// a call to another fails without reaching the network, and the command
// says what to set (exit 2).
func TestNoDefaultCredential(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	vars := map[string]string{"BAL_ENV": "produktion", "BAL_TOKEN_STORE": "off", "BAL_CONFIG": filepath.Join(dir, "config.json"),
		"BAL_NGP_BYGGNAD_API_KEY": "k"}
	require.NoError(t, os.WriteFile(vars["BAL_CONFIG"], []byte(`{"services": {"geotorget": {"apiKeyFile": "key.txt"}}}`), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "key.txt"), []byte("key"), 0o600))
	var errOut syncBuffer
	a := newApp(io.Discard, &errOut, env(vars))
	a.environ = func() []string { return []string{"BAL_NGP_BYGGNAD_API_KEY=k"} }
	code := a.run(t.Context(), []string{"changes", "--limit", "1"})
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "bal: this command also calls services without a credential of their own (only geotorget, ngp/byggnad), "+
		"and there is no default: set BAL_CLIENT_ID and BAL_CLIENT_SECRET, or the service's own (see 'bal help environment')\n", errOut.String())
}

// TestServiceNames: the NGP datasets the environment names, whatever
// field suffix their variables carry.
func TestServiceNames(t *testing.T) {
	t.Parallel()
	a := newApp(io.Discard, io.Discard, env(nil))
	a.environ = func() []string {
		return []string{"BAL_NGP_CLIENT_ID=x", "BAL_NGP_BYGGNAD_CLIENT_SECRET_FILE=f", "BAL_NGP_API_KEY_FILE=f",
			"BAL_NGP_DETALJPLAN_API_KEY=k", "BAL_NGP_ADRESS_SECRET=not-a-field", "BAL_NGP__USERNAME=u", "BAL_FAKE_CA_FILE=f",
			"BAL_AUDIT_KEY_FILE=f", "PATH=/bin"}
	}
	got := a.serviceNames(&fileConfig{Services: map[string]*credentialConfig{"ngp/ortofoto": {}, "geotorget": {}}})
	assert.Equal(t, []bal.Service{bal.ServiceDirekt, bal.ServiceUpdate, bal.ServiceGeotorget, bal.ServiceNGP,
		bal.NGPDataset("byggnad"), bal.NGPDataset("detaljplan"), bal.NGPDataset("ortofoto")}, got)
}
