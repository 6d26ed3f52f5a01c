package bal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
)

// Client is the shared connection to one Lantmäteriet environment: it holds
// the token source, the retry policy, the HTTP connection pool and the
// logger. It is safe for concurrent use; make one per application and share
// it between the typed clients (building.New(c), address.New(c) …).
type Client struct {
	env     Environment
	http    *http.Client
	auth    *auth
	secrets *secrets
	log     logger
	retry   RetryPolicy
	maxBody int64
	ua      string
	base    http.RoundTripper
	// recorder is Config.Recorder (audit.go).
	recorder Recorder
}

// NewClient checks cfg and builds a Client. A bad configuration returns a
// *ValidationError listing every problem.
func NewClient(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c := &Client{
		env:     cfg.Environment,
		secrets: newSecrets(),
		retry:   cfg.Retry.withDefaults(),
		maxBody: cfg.MaxResponseBytes,
		ua:      "bal-go/" + SDKVersion,
	}
	c.recorder = cfg.Recorder
	if c.maxBody == 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if cfg.AppID != "" {
		c.ua += " (" + cfg.AppID + ")"
	}
	c.log = newLogger(cfg.Logger, c.Redact)

	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	base := baseTransport(cfg.HTTPClient)
	c.base = base

	// One attempt: credentials, then the wire (logged when asked).
	var wire http.RoundTripper = base
	if cfg.LogRequests {
		wire = &wireLogger{next: base, log: c.log, bodies: cfg.LogBodies, secrets: c.secrets}
	}
	a, err := newAuth(c, cfg, base, timeout)
	if err != nil {
		return nil, err
	}
	c.auth = a
	// The attempt's deadline is a context deadline rather than
	// http.Client.Timeout: net/http runs a watcher goroutine per request for
	// Timeout when the transport is not its own, which cost a quarter of the
	// client's overhead per call.
	attempt := &http.Client{
		Transport:     &attemptTimeout{next: &authTransport{next: wire, auth: c.auth, ua: c.ua}, d: timeout},
		CheckRedirect: checkRedirect,
	}

	c.http = &http.Client{
		Transport:     &callTransport{next: &retryablehttp.RoundTripper{Client: c.newRetryClient(attempt)}, client: c},
		CheckRedirect: checkRedirect,
	}
	return c, nil
}

// newRetryClient configures go-retryablehttp with the SDK's policy. None of
// its defaults survive: they retry every POST, wait out any Retry-After,
// drop the last response and log to stderr.
func (c *Client) newRetryClient(attempt *http.Client) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:     attempt,
		Logger:         nil, // we log ourselves, redacted
		RetryWaitMin:   c.retry.MinWait,
		RetryWaitMax:   c.retry.MaxWait,
		RetryMax:       c.retry.MaxAttempts - 1,
		CheckRetry:     c.checkRetry,
		Backoff:        c.backoff,
		ErrorHandler:   keepLastResponse,
		RequestLogHook: countAttempt,
	}
}

// Environment returns the environment the client talks to.
func (c *Client) Environment() Environment { return c.env }

// HTTPClient returns an *http.Client that sends requests through the
// client's authentication, retry policy, logging and response-size cap. Use
// it to call Lantmäteriet services this SDK does not wrap yet. GET and HEAD
// requests are retried; mark other requests that are safe to resend with
// SafeToRetry.
func (c *Client) HTTPClient() *http.Client { return c.http }

// UserAgent returns the User-Agent the client sends.
func (c *Client) UserAgent() string { return c.ua }

// RetryPolicy returns the retry policy in effect, defaults filled in.
func (c *Client) RetryPolicy() RetryPolicy { return c.retry }

// Redact masks in s everything Redact masks, with this client's own
// secrets and recent tokens sure to be among them. The SDK applies it to
// every log line and error; use it for your own logging of SDK data too.
func (c *Client) Redact(s string) string { return c.secrets.redact(s) }

// InvalidateToken drops the cached access tokens, so the next call fetches
// new ones (or, with a TokenStore, takes the shared ones). The SDK does
// this itself when the API answers 401; call it only when you know a token
// was revoked elsewhere.
func (c *Client) InvalidateToken() {
	for _, t := range c.auth.caches() {
		t.invalidate("")
	}
}

// CloseIdleConnections closes the connections the client keeps open for
// reuse, e.g. before a long idle period or at the end of a test. The client
// stays usable.
func (c *Client) CloseIdleConnections() {
	if ci, ok := c.base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// baseTransport returns the caller's transport or a tuned clone of the
// default one. The default keeps enough idle connections per host for
// GetMany's parallel batches and leaves compression on (Lantmäteriet's
// services answer gzip when asked).
func baseTransport(hc *http.Client) http.RoundTripper {
	if hc != nil && hc.Transport != nil {
		return hc.Transport
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 16
	t.ResponseHeaderTimeout = 0 // bounded by the attempt timeout instead
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return t
}

// checkRedirect refuses to follow a redirect off https (loopback excepted),
// which would send the request, and possibly its body, in clear text.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if stopAtRedirect(req) {
		return http.ErrUseLastResponse
	}
	if len(via) >= 5 {
		return errors.New("bal: stopped after 5 redirects")
	}
	if req.URL.Scheme != "https" && !isLoopback(req.URL.Hostname()) {
		return fmt.Errorf("bal: refused redirect to %s: not https", req.URL.Scheme)
	}
	return nil
}

// attemptTimeout bounds one HTTP attempt, reading its body included, the
// way http.Client.Timeout does: the deadline ends when the body is closed.
type attemptTimeout struct {
	next http.RoundTripper
	d    time.Duration
}

func (a *attemptTimeout) RoundTrip(req *http.Request) (*http.Response, error) {
	if info := callctx.From(req.Context()); info != nil && info.Stream {
		return a.idle(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), a.d)
	resp, err := a.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// idle bounds a streamed attempt: the wait for the headers, then each pause
// in the body, rather than the whole transfer, which may rightly take longer
// than any fixed timeout.
func (a *attemptTimeout) idle(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	t := time.AfterFunc(a.d, cancel)
	resp, err := a.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		t.Stop()
		cancel()
		return nil, err
	}
	resp.Body = &idleBody{ReadCloser: resp.Body, t: t, d: a.d, cancel: cancel}
	return resp, nil
}

// idleBody restarts its attempt's deadline on every read.
type idleBody struct {
	io.ReadCloser
	t      *time.Timer
	d      time.Duration
	cancel context.CancelFunc
}

func (b *idleBody) Read(p []byte) (int, error) {
	b.t.Reset(b.d)
	return b.ReadCloser.Read(p)
}

func (b *idleBody) Close() error {
	b.t.Stop()
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// cancelOnClose releases an attempt's deadline with its body.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// limitedBody caps a response body and reports ErrResponseTooLarge instead of
// silently truncating it.
type limitedBody struct {
	rc        io.ReadCloser
	remaining int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.remaining <= 0 {
		// Probe one byte: exactly at the cap is fine, beyond it is not.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, ErrResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.remaining {
		p = p[:b.remaining]
	}
	n, err := b.rc.Read(p)
	b.remaining -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
