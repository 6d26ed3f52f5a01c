package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/bal"
)

// Credentials. Lantmäteriet issues keys per product group (and, on the
// national geodata platform, per dataset), Geotorget takes Basic
// authentication (private persons have nothing else) and the gateway an
// ApiKey header; the SDK holds a default credential and one per service
// group (bal.Config.ServiceCredentials). The command line reads each from
// three sources, in this order of precedence:
//
//   - flags: the default's --client-id and --client-secret-file only;
//   - the environment: BAL_[SERVICE_]FIELD, e.g. BAL_CLIENT_ID (the
//     default), BAL_GEOTORGET_USERNAME, BAL_NGP_BYGGNAD_CLIENT_ID;
//   - the configuration file: the default at its top level, a service
//     group's under "services", keyed by the SDK's names ("geotorget",
//     "ngp/byggnad").
//
// Secrets (consumer secrets, passwords, API keys) come from the
// environment or from files, never from flags, which end up in shell
// histories and process lists, and never from the configuration file,
// which people share and version.
//
// A credential is of one kind: OAuth2 client credentials, Basic or an API
// key. The highest source that names a kind decides it, and the kind's
// other fields may come from lower sources (BAL_CLIENT_ID with the file's
// clientSecretFile); one source naming two kinds for one credential is an
// error.

// credentialConfig is one credential in the configuration file: the
// default at the file's top level, a service group's under "services".
// It never holds a secret, only the path of a file that does; a relative
// path is relative to the configuration file.
type credentialConfig struct {
	// ClientID is an API portal application's consumer key.
	ClientID string `json:"clientId"`
	// ClientSecretFile is a file holding its consumer secret.
	ClientSecretFile string `json:"clientSecretFile"`
	// Scopes are the scopes to ask for; empty asks for the application's.
	Scopes []string `json:"scopes"`
	// TokenURL is the token endpoint, for keys from another API portal
	// than the environment's.
	TokenURL string `json:"tokenUrl"`
	// Username is a Basic authentication user (Geotorget's login).
	Username string `json:"username"`
	// PasswordFile is a file holding its password.
	PasswordFile string `json:"passwordFile"`
	// APIKeyFile is a file holding an API key, sent in the ApiKey header.
	APIKeyFile string `json:"apiKeyFile"`

	// The secrets themselves are refused.
	ClientSecret json.RawMessage `json:"clientSecret"`
	Password     json.RawMessage `json:"password"`
	APIKey       json.RawMessage `json:"apiKey"`
}

// credKind is a kind of credential.
type credKind int

const (
	kindNone credKind = iota
	kindOAuth
	kindBasic
	kindAPIKey
)

func (k credKind) String() string {
	return [...]string{"no credential", "OAuth2 client credentials", "Basic authentication", "an API key"}[k]
}

// credField is one field of a credential: the suffix of its environment
// variable (BAL_[SERVICE_]suffix), its configuration file key ("" for a
// secret, which the file never holds), and the kind it belongs to.
type credField struct {
	suffix, key string
	kind        credKind
	// names marks the fields that name a kind; scopes and the token URL
	// only qualify one.
	names bool
}

const (
	fClientID         = "CLIENT_ID"
	fClientSecret     = "CLIENT_SECRET"
	fClientSecretFile = "CLIENT_SECRET_FILE"
	fScopes           = "SCOPES"
	fTokenURL         = "TOKEN_URL"
	fUsername         = "USERNAME"
	fPassword         = "PASSWORD"
	fPasswordFile     = "PASSWORD_FILE"
	fAPIKey           = "API_KEY"
	fAPIKeyFile       = "API_KEY_FILE"
)

var credFields = []credField{
	{fClientID, "clientId", kindOAuth, true},
	{fClientSecret, "", kindOAuth, true},
	{fClientSecretFile, "clientSecretFile", kindOAuth, true},
	{fScopes, "scopes", kindOAuth, false},
	{fTokenURL, "tokenUrl", kindOAuth, false},
	{fUsername, "username", kindBasic, true},
	{fPassword, "", kindBasic, true},
	{fPasswordFile, "passwordFile", kindBasic, true},
	{fAPIKey, "", kindAPIKey, true},
	{fAPIKeyFile, "apiKeyFile", kindAPIKey, true},
}

// credSource is what one source says about one credential: values by
// field suffix, and where each came from (a flag, variable or key), for
// messages.
type credSource struct {
	values, where map[string]string
}

func newCredSource() credSource {
	return credSource{values: map[string]string{}, where: map[string]string{}}
}

func (s credSource) set(field, value, where string) {
	if value != "" {
		s.values[field], s.where[field] = value, where
	}
}

// kind returns the kind s names, and an error when its fields belong to
// two kinds.
func (s credSource) kind(label string) (credKind, error) {
	kind, first := kindNone, ""
	named := false
	for _, f := range credFields {
		if s.values[f.suffix] == "" {
			continue
		}
		if kind != kindNone && f.kind != kind {
			return kindNone, usageError("%s: %s (%s) and %s (%s) are two kinds of credential: give one", label,
				kind, first, f.kind, s.where[f.suffix])
		}
		kind, first = f.kind, s.where[f.suffix]
		named = named || f.names
	}
	if !named {
		return kindNone, nil
	}
	return kind, nil
}

// credName says where one credential's fields are set, for its sources
// and its messages.
type credName struct {
	// service is "" for the default.
	service bal.Service
	// label names it in messages.
	label string
	// prefix starts its environment variables.
	prefix string
	// under is where the configuration file keeps it: "" for the top
	// level, else "services.NAME".
	under string
}

func nameOf(s bal.Service) credName {
	if s == "" {
		return credName{label: "the default credential", prefix: "BAL_"}
	}
	return credName{service: s, label: "the credential of " + string(s),
		prefix: "BAL_" + strings.ToUpper(strings.ReplaceAll(string(s), "/", "_")) + "_",
		under:  "services." + string(s)}
}

// hint says where to set a field that is missing: its variables and its
// configuration key.
func (n credName) hint(fields ...string) string {
	var vars []string
	key := ""
	for _, f := range fields {
		vars = append(vars, n.prefix+f)
		for _, cf := range credFields {
			if cf.suffix == f && cf.key != "" {
				key = cf.key
			}
		}
	}
	where := "in the configuration file"
	if n.under != "" {
		where = "under " + n.under + " in the configuration file"
	}
	flag := ""
	if n.service == "" {
		for f, name := range map[string]string{fClientID: "--client-id", fClientSecretFile: "--client-secret-file"} {
			if slices.Contains(fields, f) {
				flag = name + ", or "
			}
		}
	}
	return fmt.Sprintf("set %s (or %s%s %s)", strings.Join(vars, " or "), flag, key, where)
}

// envSource reads n's environment variables.
func (a *app) envSource(n credName) credSource {
	s := newCredSource()
	for _, f := range credFields {
		s.set(f.suffix, a.getenv(n.prefix+f.suffix), n.prefix+f.suffix)
	}
	return s
}

// fileSource reads a credential of the configuration file.
func fileSource(n credName, c *credentialConfig) credSource {
	s := newCredSource()
	if c == nil {
		return s
	}
	key := func(k string) string {
		if n.under == "" {
			return k + " in the configuration file"
		}
		return n.under + "." + k + " in the configuration file"
	}
	s.set(fClientID, c.ClientID, key("clientId"))
	s.set(fClientSecretFile, c.ClientSecretFile, key("clientSecretFile"))
	s.set(fScopes, strings.Join(c.Scopes, " "), key("scopes"))
	s.set(fTokenURL, c.TokenURL, key("tokenUrl"))
	s.set(fUsername, c.Username, key("username"))
	s.set(fPasswordFile, c.PasswordFile, key("passwordFile"))
	s.set(fAPIKeyFile, c.APIKeyFile, key("apiKeyFile"))
	return s
}

// resolve builds one credential from its sources, highest first; nil when
// none of them names one.
func resolve(n credName, sources []credSource) (bal.Credential, error) {
	kind := kindNone
	for _, s := range sources {
		k, err := s.kind(n.label)
		if err != nil {
			return nil, err
		}
		if kind == kindNone {
			kind = k
		}
	}
	// first returns the first value of fields, source by source.
	first := func(fields ...string) (field, value string) {
		for _, s := range sources {
			for _, f := range fields {
				if v := s.values[f]; v != "" {
					return f, v
				}
			}
		}
		return "", ""
	}
	// secret returns a secret from its variable, or from the file one of
	// fileFields names.
	secret := func(what, field, fileField string, trim func(string) string) (string, error) {
		f, v := first(field, fileField)
		if f != fileField {
			return v, nil
		}
		return readSecret(what, v, trim)
	}
	switch kind {
	case kindOAuth:
		_, id := first(fClientID)
		if id == "" {
			return nil, usageError("%s has a consumer secret but no consumer key: %s", n.label, n.hint(fClientID))
		}
		sec, err := secret(n.what("client secret"), fClientSecret, fClientSecretFile, strings.TrimSpace)
		if err != nil {
			return nil, err
		}
		if sec == "" {
			return nil, usageError("%s has a consumer key but no consumer secret: %s", n.label, n.hint(fClientSecret, fClientSecretFile))
		}
		_, scopes := first(fScopes)
		_, tokenURL := first(fTokenURL)
		cc := bal.ClientCredentials{ID: id, Secret: sec, TokenURL: tokenURL}
		if scopes != "" {
			cc.Scopes = strings.FieldsFunc(scopes, func(r rune) bool { return r == ' ' || r == ',' })
		}
		return cc, nil
	case kindBasic:
		_, user := first(fUsername)
		if user == "" {
			return nil, usageError("%s has a password but no user name: %s", n.label, n.hint(fUsername))
		}
		// A password may hold spaces; a file's line ending is not part of it.
		pw, err := secret(n.what("password"), fPassword, fPasswordFile, func(s string) string { return strings.TrimRight(s, "\r\n") })
		if err != nil {
			return nil, err
		}
		if pw == "" {
			return nil, usageError("%s has a user name but no password: %s", n.label, n.hint(fPassword, fPasswordFile))
		}
		return bal.BasicAuth{Username: user, Password: pw}, nil
	case kindAPIKey:
		key, err := secret(n.what("API key"), fAPIKey, fAPIKeyFile, strings.TrimSpace)
		if err != nil {
			return nil, err
		}
		return bal.APIKey{Key: key}, nil
	}
	return nil, nil
}

// what names a secret of n in messages: "client secret" for the default,
// "geotorget password" for a service's.
func (n credName) what(secret string) string {
	if n.service == "" {
		return secret
	}
	return string(n.service) + " " + secret
}

// readSecret reads a secret from the file at path.
func readSecret(what, path string, trim func(string) string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", usageError("%s file: %v", what, err)
	}
	s := trim(string(b))
	if s == "" {
		return "", usageError("%s file %s is empty", what, path)
	}
	return s, nil
}

// credentials are the resolved credentials of a command.
type credentials struct {
	def      bal.Credential
	services map[bal.Service]bal.Credential
}

// credentials resolves the default credential and the service groups'.
// withFile takes the configuration file's into account: not for a fake,
// whose credentials come from the environment `bal fake` prints.
func (a *app) credentials(withFile bool) (*credentials, error) {
	fc, err := a.config()
	if err != nil {
		return nil, err
	}
	if !withFile {
		fc = &fileConfig{}
	}
	flags := newCredSource()
	flags.set(fClientID, a.clientID, "--client-id")
	flags.set(fClientSecretFile, a.secretFile, "--client-secret-file")
	def := nameOf("")
	out := &credentials{services: map[bal.Service]bal.Credential{}}
	if out.def, err = resolve(def, []credSource{flags, a.envSource(def), fileSource(def, &fc.credentialConfig)}); err != nil {
		return nil, err
	}
	for _, s := range a.serviceNames(fc) {
		n := nameOf(s)
		c, err := resolve(n, []credSource{a.envSource(n), fileSource(n, fc.Services[string(s)])})
		if err != nil {
			return nil, err
		}
		if c != nil {
			out.services[s] = c
		}
	}
	return out, nil
}

// serviceGroups are the SDK's service groups, as the configuration file
// and the variables name them.
var serviceGroups = []bal.Service{bal.ServiceDirekt, bal.ServiceUpdate, bal.ServiceGeotorget, bal.ServiceNGP}

// serviceNames returns the service groups and the NGP datasets that the
// environment (BAL_NGP_<DATASET>_<FIELD>) or the configuration file
// ("ngp/<dataset>") names, sorted.
func (a *app) serviceNames(fc *fileConfig) []bal.Service {
	names := slices.Clone(serviceGroups)
	add := func(s bal.Service) {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	for _, kv := range a.environ() {
		name, _, _ := strings.Cut(kv, "=")
		rest, ok := strings.CutPrefix(name, "BAL_NGP_")
		if !ok {
			continue
		}
		for _, f := range credFields {
			if ds, ok := strings.CutSuffix(rest, "_"+f.suffix); ok && ds != "" {
				add(bal.NGPDataset(strings.ToLower(ds)))
				break
			}
		}
	}
	for k := range fc.Services {
		add(bal.Service(k))
	}
	slices.Sort(names[len(serviceGroups):])
	return names
}

// parseService reads a service group's name, as the configuration file's
// "services" and 'bal token --service' take it.
func parseService(name string) (bal.Service, error) {
	s := bal.Service(name)
	if slices.Contains(serviceGroups, s) {
		return s, nil
	}
	if ds, ok := strings.CutPrefix(name, string(bal.ServiceNGP)+"/"); ok && ds != "" &&
		!strings.ContainsFunc(ds, func(r rune) bool { return r <= ' ' || r == '/' || r == 0x7f }) {
		return bal.NGPDataset(ds), nil
	}
	return "", fmt.Errorf("%q is not a service group: want direkt, uppdatering, geotorget, ngp or ngp/DATASET", name)
}

// credentialPaths checks the configuration file's credentials (no
// secrets, known service groups) and makes their files' paths absolute,
// relative to the file at path. It does the same for tokenStore.
func (fc *fileConfig) credentialPaths(path string) error {
	dir := filepath.Dir(path)
	abs := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	check := func(n credName, c *credentialConfig) error {
		for _, s := range []struct {
			raw      json.RawMessage
			key, env string
			file     string
		}{
			{c.ClientSecret, "clientSecret", fClientSecret, "clientSecretFile"},
			{c.Password, "password", fPassword, "passwordFile"},
			{c.APIKey, "apiKey", fAPIKey, "apiKeyFile"},
		} {
			if s.raw != nil {
				key := s.key
				if n.under != "" {
					key = n.under + "." + key
				}
				return usageError("configuration file %s holds %s: keep the secret in %s or in a file named by %s",
					path, key, n.prefix+s.env, s.file)
			}
		}
		abs(&c.ClientSecretFile)
		abs(&c.PasswordFile)
		abs(&c.APIKeyFile)
		return nil
	}
	if err := check(nameOf(""), &fc.credentialConfig); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(fc.Services)) {
		s, err := parseService(k)
		if err != nil {
			return usageError("configuration file %s: services: %v", path, err)
		}
		if fc.Services[k] == nil {
			fc.Services[k] = &credentialConfig{}
		}
		if err := check(nameOf(s), fc.Services[k]); err != nil {
			return err
		}
	}
	if fc.TokenStore != tokenStoreOff {
		abs(&fc.TokenStore)
	}
	return nil
}

// apply sets cfg's credentials: the default and the service groups'. With
// no default but some service group's, the default is a stand-in that
// fails the calls falling back to it (a private person who only has a
// Geotorget login can still download): the command then exits 2, saying
// what to set.
func (c *credentials) apply(a *app, cfg *bal.Config) {
	if len(c.services) > 0 {
		cfg.ServiceCredentials = c.services
	}
	if c.def != nil {
		cfg.Credentials = c.def
		return
	}
	var own []string
	for s := range c.services {
		own = append(own, string(s))
	}
	slices.Sort(own)
	a.noDefault = &missingDefault{own: own}
	cfg.Credentials = bal.TokenSource{Source: a.noDefault}
}

// empty reports whether no credential at all was given.
func (c *credentials) empty() bool { return c.def == nil && len(c.services) == 0 }

// missingDefault stands in for a default credential that was not given.
type missingDefault struct {
	own  []string
	used atomic.Bool
}

var errNoDefault = errors.New("no default credential")

// Token implements oauth2.TokenSource: it records that a call needed the
// default credential, and fails it.
func (m *missingDefault) Token() (*oauth2.Token, error) {
	m.used.Store(true)
	return nil, errNoDefault
}

// err is the command's failure once a call needed the default credential.
func (m *missingDefault) err() error {
	return usageError("this command also calls services without a credential of their own (only %s), "+
		"and there is no default: set BAL_CLIENT_ID and BAL_CLIENT_SECRET, or the service's own (see 'bal help environment')",
		strings.Join(m.own, ", "))
}

// tokenStoreOff turns the shared token store off.
const tokenStoreOff = "off"

// tokenStore resolves where the command shares OAuth2 tokens with other
// processes: --token-store, BAL_TOKEN_STORE, the file's tokenStore, else
// bal/tokens in the user's cache directory. It returns "" with the reason
// when tokens are not shared.
func (a *app) tokenStore() (path, note string, err error) {
	fc, err := a.config()
	if err != nil {
		return "", "", err
	}
	switch p := a.setting(a.tokenStorePath, "BAL_TOKEN_STORE", fc.TokenStore); p {
	case tokenStoreOff:
		return "", "off", nil
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Sprintf("none: no cache directory (%v)", err), nil
		}
		return filepath.Join(dir, "bal", "tokens"), "", nil
	default:
		return p, "", nil
	}
}

// shareTokens gives t's client the token store.
func (a *app) shareTokens(t *target) error {
	path, note, err := a.tokenStore()
	if err != nil {
		return err
	}
	t.tokenStore, t.tokenStoreNote = path, note
	if path != "" {
		t.cfg.TokenStore = bal.NewFileTokenStore(path)
	}
	return nil
}
