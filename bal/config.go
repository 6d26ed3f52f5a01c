package bal

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// Config configures a Client. Environment and one way to authenticate
// (Credentials or TokenSource) are required; everything else has a default.
type Config struct {
	// Environment is Verification, Production or one from NewEnvironment.
	Environment Environment

	// Credentials are the application's consumer key and secret from
	// Lantmäteriet's API portal, used with the OAuth2 client-credentials
	// grant. Set either Credentials or TokenSource.
	Credentials ClientCredentials

	// TokenSource supplies tokens instead of Credentials, e.g. from a vault or
	// a cache shared by several replicas. Lantmäteriet revokes a client's
	// previous token whenever it issues a new one, so every process using one
	// application must share one source of tokens.
	TokenSource oauth2.TokenSource

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

// ClientCredentials are an API-portal application's OAuth2 credentials.
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
}

// isZero reports whether no credentials are set.
func (c ClientCredentials) isZero() bool { return c.ID == "" && c.Secret == "" && len(c.Scopes) == 0 }

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
	switch {
	case cfg.TokenSource != nil && !cfg.Credentials.isZero():
		v.add("Credentials", RuleFormat, "set Credentials or TokenSource, not both")
	case cfg.TokenSource == nil && cfg.Credentials.isZero():
		v.add("Credentials", RuleRequired, "set Credentials (consumer key and secret) or TokenSource")
	case cfg.TokenSource == nil:
		if strings.TrimSpace(cfg.Credentials.ID) == "" {
			v.add("Credentials.ID", RuleRequired, "consumer key is required")
		}
		if cfg.Credentials.Secret == "" {
			v.add("Credentials.Secret", RuleRequired, "consumer secret is required")
		}
		for i, s := range cfg.Credentials.Scopes {
			if s == "" || strings.ContainsAny(s, " \t\r\n") {
				v.addf(fieldpath.Index("Credentials.Scopes", i), RuleFormat, "scope %q must be one non-empty word", s)
			}
		}
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
