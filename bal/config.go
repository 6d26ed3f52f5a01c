package bal

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Config configures a Client. Environment and Credentials are required;
// everything else has a default. NewClient checks all of it at once and
// returns a *ValidationError listing every problem.
type Config struct {
	// Environment is Verification, Production or one from NewEnvironment.
	Environment Environment

	// Credentials is the default credential: ClientCredentials (the
	// consumer key and secret of an application in Lantmäteriet's API
	// portal, used with the OAuth2 client-credentials grant), BasicAuth,
	// APIKey or TokenSource. Every service group without a credential in
	// ServiceCredentials uses it.
	Credentials Credential

	// ServiceCredentials gives service groups credentials of their own:
	// Lantmäteriet issues keys per product group (ServiceDirekt,
	// ServiceUpdate, ServiceGeotorget, ServiceNGP) and, for producers on
	// the national geodata platform, per dataset (NGPDataset("byggnad")).
	// A dataset without one uses ServiceNGP's; a group without one uses
	// Credentials. Each distinct OAuth2 credential gets one token, shared
	// by every call that uses it. nil means every call uses Credentials.
	ServiceCredentials map[Service]Credential

	// TokenStore, if set, shares the OAuth2 tokens with other processes
	// (FileTokenStore: the processes of one host). Lantmäteriet revokes an
	// application's previous token whenever it issues a new one, so
	// processes that use the same consumer key without a shared store
	// revoke each other's tokens. nil shares tokens within this Client only.
	TokenStore TokenStore

	// HTTPClient, if set, provides the base transport (proxies, TLS settings).
	// Its Transport is wrapped; its other fields are not used.
	HTTPClient *http.Client

	// Logger receives the SDK's log lines; nil keeps the SDK silent. Secrets
	// and personal identity numbers are masked in every line.
	Logger *slog.Logger
	// LogRequests logs one line per HTTP attempt (method, path, status,
	// duration, attempt, request id) at level Debug.
	LogRequests bool
	// LogBodies adds up to 2 KiB of each request and response body to those
	// lines. Bodies can hold personal data: identity numbers are masked, and
	// so is the text of the fields people write, which may name people
	// (comments, remarks, descriptions; see audit.MaskBody). Keep it off in
	// production all the same.
	LogBodies bool

	// AppID identifies your product in the User-Agent, e.g.
	// "MyProduct/3.1 (kommun 0180)". Lantmäteriet asks that every system be
	// traceable.
	AppID string

	// Retry tunes the retry policy; zero fields take the defaults.
	Retry RetryPolicy

	// MaxResponseBytes caps the size of a response body after
	// decompression; 0 means 64 MiB.
	MaxResponseBytes int64

	// Recorder, if set, is told of every write before it is sent and after
	// it is answered (see Recorder); a write whose intent it cannot record
	// is not sent. Package audit provides one: (*audit.Recorder).Hook().
	Recorder Recorder

	// Timeout bounds one HTTP attempt, reading the body included; 0 means
	// 90 s. Lantmäteriet's services time out after 60 s, so a shorter value
	// would cut off answers the server is still allowed to give.
	Timeout time.Duration
}

// RetryPolicy tunes retries. Only calls that are safe to resend are retried:
// reads, read-only searches, and writes that carry an idempotency key or a
// version precondition (the SDK marks its own calls); and only on network
// errors and HTTP 429, 502, 503 and 504.
type RetryPolicy struct {
	// MaxAttempts is the most HTTP attempts per call, the first included;
	// 0 means 4, 1 turns retries off. At most 10.
	MaxAttempts int
	// MinWait is the first backoff; 0 means 500 ms.
	MinWait time.Duration
	// MaxWait caps the exponential backoff; 0 means 20 s.
	MaxWait time.Duration
	// MaxRetryAfter is the longest Retry-After the client will wait out;
	// 0 means 30 s. A longer one returns a *RateLimitError at once.
	MaxRetryAfter time.Duration
}

// Defaults used for zero Config fields.
const (
	DefaultMaxAttempts      = 4
	DefaultMinWait          = 500 * time.Millisecond
	DefaultMaxWait          = 20 * time.Second
	DefaultMaxRetryAfter    = 30 * time.Second
	DefaultMaxResponseBytes = 64 << 20
	DefaultTimeout          = 90 * time.Second
	maxAttemptsLimit        = 10
	// serviceTimeout is Lantmäteriet's documented server-side timeout.
	serviceTimeout = 60 * time.Second
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts == 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.MinWait == 0 {
		p.MinWait = DefaultMinWait
	}
	if p.MaxWait == 0 {
		p.MaxWait = DefaultMaxWait
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return p
}

// validate reports every problem with the configuration at once, so that a
// misconfigured deployment fails on start with the whole list.
func (cfg *Config) validate() error {
	v := ValidationError{Object: "bal.Config"}
	if err := cfg.Environment.validate(); err != nil {
		v.add("Environment", RuleRequired, strings.TrimPrefix(err.Error(), "bal: "))
	}
	validateCredential(&v, "Credentials", cfg.Credentials)
	for _, s := range serviceKeys(cfg.ServiceCredentials) {
		path := "ServiceCredentials[" + truncate(string(s), 80) + "]"
		if err := s.validate(); err != nil {
			v.add(path, RuleCodeList, err.Error())
		}
		validateCredential(&v, path, cfg.ServiceCredentials[s])
	}
	if strings.ContainsFunc(cfg.AppID, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		v.add("AppID", RuleFormat, "must not contain control characters")
	}
	if len(cfg.AppID) > 200 {
		v.add("AppID", RuleLength, "must be at most 200 bytes")
	}
	r := cfg.Retry
	if r.MaxAttempts < 0 || r.MaxAttempts > maxAttemptsLimit {
		v.addf("Retry.MaxAttempts", RuleRange, "must be 0 (default) or 1–%d", maxAttemptsLimit)
	}
	if r.MinWait < 0 || r.MaxWait < 0 || r.MaxRetryAfter < 0 {
		v.add("Retry", RuleRange, "waits must not be negative")
	}
	if d := r.withDefaults(); d.MinWait > d.MaxWait {
		v.add("Retry.MinWait", RuleRange, "must not exceed MaxWait")
	}
	if cfg.MaxResponseBytes < 0 {
		v.add("MaxResponseBytes", RuleRange, "must not be negative")
	}
	if cfg.Timeout < 0 || (cfg.Timeout > 0 && cfg.Timeout <= serviceTimeout) {
		v.add("Timeout", RuleRange, "must be above the services' 60 s timeout (or 0 for the default 90 s)")
	}
	return v.err()
}
