package bal

import (
	"context"
	"encoding/base64"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// Credential is one way to authenticate to Lantmäteriet: ClientCredentials
// (OAuth2, the API portal's consumer key and secret), BasicAuth, APIKey, or
// TokenSource (tokens from your own source). Config.Credentials holds the
// default; Config.ServiceCredentials a credential per service group.
type Credential interface {
	// describe names the kind of credential for validation messages; it
	// also keeps other packages from implementing Credential, since the
	// client must know how to send each kind.
	describe() string
}

// ClientCredentials are an API-portal application's OAuth2 credentials
// (client credentials grant). The client fetches one token per distinct
// ClientCredentials and shares it between every call and goroutine.
type ClientCredentials struct {
	// ID is the consumer key.
	ID string
	// Secret is the consumer secret. It is sent only to the token endpoint,
	// and masked in every log line and error.
	Secret string
	// Scopes to request, e.g. "byggnad_direkt_v3_read". Empty asks for the
	// application's default scopes.
	Scopes []string
	// InBody sends the id and secret as form fields instead of HTTP Basic
	// authentication (Lantmäteriet's own examples use Basic).
	InBody bool
	// TokenURL is the token endpoint; empty means the environment's. Set it
	// when a product group's keys come from another API portal.
	TokenURL string
}

func (ClientCredentials) describe() string { return "OAuth2 client credentials" }

// BasicAuth is HTTP Basic authentication with a user name and password,
// sent with every request to the service's hosts. Geotorget Nedladdning
// accepts it (it is the only option for private persons).
type BasicAuth struct {
	// Username is the Geotorget (or system account) user name.
	Username string
	// Password is masked in every log line and error.
	Password string
}

func (BasicAuth) describe() string { return "Basic authentication" }

// header returns the Authorization value.
func (b BasicAuth) header() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(b.Username+":"+b.Password))
}

// APIKey is an API key from Lantmäteriet's API portal, sent in the
// gateway's ApiKey header with every request to the service's hosts.
type APIKey struct {
	// Key is masked in every log line and error.
	Key string
}

func (APIKey) describe() string { return "API key" }

// TokenSource supplies bearer tokens from your own source instead of
// letting the client fetch them: a vault, or a cache shared by several
// replicas. Lantmäteriet revokes an application's previous token whenever
// it issues a new one, so every process using one application must share
// one source of tokens (or a Config.TokenStore).
type TokenSource struct {
	// Source returns a valid token when asked; the client calls it when it
	// has no token or the API refused the one it had.
	Source oauth2.TokenSource
}

func (TokenSource) describe() string { return "token source" }

// Service names a group of Lantmäteriet's services that share a credential:
// Lantmäteriet issues keys per product group and, for the national geodata
// platform, per dataset. Config.ServiceCredentials maps a Service to its
// credential; the typed packages mark each call with their Service.
type Service string

// The service groups.
const (
	// ServiceDirekt is the Direkt read products: Byggnad Direkt,
	// Belägenhetsadress Direkt, Registerbeteckning Direkt (package
	// building's and address's Direkt services, package property).
	ServiceDirekt Service = "direkt"
	// ServiceUpdate is the update services and what lives under the update
	// path: uppdatering, the change feed, brister and ärenden.
	ServiceUpdate Service = "uppdatering"
	// ServiceGeotorget is Geotorget Nedladdning (package delivery). Besides
	// the API host, Production lets Geotorget's older download host
	// (download-geotorget.lantmateriet.se) receive its credential.
	ServiceGeotorget Service = "geotorget"
	// ServiceNGP is the national geodata platform (package ngp): its
	// consumer APIs, and the producer APIs of a dataset without a
	// credential of its own (see NGPDataset).
	ServiceNGP Service = "ngp"
)

// NGPDataset is the Service of one dataset on the national geodata
// platform, e.g. NGPDataset("byggnad"): producer keys are issued per
// dataset. A dataset without a credential in Config.ServiceCredentials uses
// ServiceNGP's, then the default.
func NGPDataset(name string) Service { return ServiceNGP + "/" + Service(name) }

// group returns the group s belongs to: s itself, or ServiceNGP for a
// dataset.
func (s Service) group() Service {
	if strings.HasPrefix(string(s), string(ServiceNGP)+"/") {
		return ServiceNGP
	}
	return s
}

// validate checks that s is one of the groups or an NGP dataset.
func (s Service) validate() error {
	switch s {
	case ServiceDirekt, ServiceUpdate, ServiceGeotorget, ServiceNGP:
		return nil
	}
	if name, ok := strings.CutPrefix(string(s), string(ServiceNGP)+"/"); ok {
		if name == "" || strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == '/' || r == 0x7f }) {
			return fmt.Errorf("NGP dataset name %q must be one word without /", name)
		}
		return nil
	}
	return fmt.Errorf("%q is not a service group: want %s, %s, %s, %s or bal.NGPDataset(name)",
		string(s), ServiceDirekt, ServiceUpdate, ServiceGeotorget, ServiceNGP)
}

// WithService returns ctx marking the calls made with it (through Do,
// Stream or HTTPClient) as calls to service s: they carry s's credential,
// and only to s's hosts. The typed packages mark their own calls; use it
// for a service the SDK does not wrap yet. An unmarked call uses the
// default credential (Config.Credentials).
func WithService(ctx context.Context, s Service) context.Context {
	return callctx.WithService(ctx, string(s))
}

// serviceOf returns the Service a call was marked with, "" when none.
func serviceOf(ctx context.Context) Service { return Service(callctx.Service(ctx)) }

// validateCredential reports what is wrong with c, under path.
func validateCredential(v *ValidationError, path string, c Credential) {
	if c == nil || (reflect.ValueOf(c).Kind() == reflect.Pointer && reflect.ValueOf(c).IsNil()) {
		v.add(path, RuleRequired, "set a credential: ClientCredentials (consumer key and secret), BasicAuth, APIKey or TokenSource")
		return
	}
	switch c := credentialValue(c).(type) {
	case ClientCredentials:
		validateClientCredentials(v, path, &c)
	case BasicAuth:
		validateBasic(v, path, &c)
	case APIKey:
		validateAPIKey(v, path, &c)
	case TokenSource:
		if c.Source == nil {
			v.add(fieldpath.Join(path, "Source"), RuleRequired, "a token source is required")
		}
	}
}

func validateClientCredentials(v *ValidationError, path string, c *ClientCredentials) {
	if strings.TrimSpace(c.ID) == "" {
		v.add(fieldpath.Join(path, "ID"), RuleRequired, "consumer key is required")
	}
	if c.Secret == "" {
		v.add(fieldpath.Join(path, "Secret"), RuleRequired, "consumer secret is required")
	}
	for i, s := range c.Scopes {
		if s == "" || strings.ContainsAny(s, " \t\r\n") {
			v.addf(fieldpath.Index(fieldpath.Join(path, "Scopes"), i), RuleFormat, "scope %q must be one non-empty word", truncate(s, 80))
		}
	}
	if c.TokenURL != "" {
		if _, err := checkURL("token URL", c.TokenURL, false); err != nil {
			v.add(fieldpath.Join(path, "TokenURL"), RuleFormat, strings.TrimPrefix(err.Error(), "bal: "))
		}
	}
}

func validateBasic(v *ValidationError, path string, b *BasicAuth) {
	if strings.TrimSpace(b.Username) == "" {
		v.add(fieldpath.Join(path, "Username"), RuleRequired, "user name is required")
	}
	if strings.Contains(b.Username, ":") {
		v.add(fieldpath.Join(path, "Username"), RuleFormat, "a Basic user name cannot contain ':'")
	}
	if b.Password == "" {
		v.add(fieldpath.Join(path, "Password"), RuleRequired, "password is required")
	}
}

func validateAPIKey(v *ValidationError, path string, k *APIKey) {
	switch {
	case strings.TrimSpace(k.Key) == "":
		v.add(fieldpath.Join(path, "Key"), RuleRequired, "API key is required")
	case strings.ContainsFunc(k.Key, func(r rune) bool { return r < 0x21 || r == 0x7f }):
		v.add(fieldpath.Join(path, "Key"), RuleFormat, "an API key cannot contain spaces or control characters")
	}
}

// credentialValue returns c dereferenced: the credential kinds as values.
func credentialValue(c Credential) Credential {
	switch c := c.(type) {
	case *ClientCredentials:
		return *c
	case *BasicAuth:
		return *c
	case *APIKey:
		return *c
	case *TokenSource:
		return *c
	}
	return c
}

// secretsOf returns what c holds that must never be shown, in the forms an
// echo of it may take.
func secretsOf(c Credential) []string {
	switch c := credentialValue(c).(type) {
	case ClientCredentials:
		// The token request's Basic header is base64(id:secret).
		basic := base64.StdEncoding.EncodeToString([]byte(c.ID + ":" + c.Secret))
		return []string{c.Secret, basic}
	case BasicAuth:
		return []string{c.Password, strings.TrimPrefix(c.header(), "Basic ")}
	case APIKey:
		return []string{c.Key}
	}
	return nil
}

// serviceKeys returns the keys of m in a fixed order, for validation
// messages that do not change from run to run.
func serviceKeys(m map[Service]Credential) []Service {
	keys := make([]Service, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
