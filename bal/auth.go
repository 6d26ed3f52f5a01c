package bal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
)

const (
	// tokenEarlyExpiry: a token is replaced this long before it expires, so
	// that no request leaves with a token that dies on the way.
	tokenEarlyExpiry = 60 * time.Second
	// tokenMaxLifetime bounds a token whose endpoint gave no expires_in, which
	// x/oauth2 would otherwise treat as never expiring.
	tokenMaxLifetime = time.Hour
	// tokenFetchTimeout bounds one token request, retries included.
	tokenFetchTimeout = 60 * time.Second
)

// tokenCache hands out one access token at a time. Lantmäteriet revokes a
// client's previous token whenever it issues a new one, so the cache must
// never let two goroutines fetch at once, and must not throw a token away
// because of one stale 401 while another request already holds a fresher
// one.
type tokenCache struct {
	fetch func(ctx context.Context) (*oauth2.Token, error)
	// base is the long-lived context every fetch runs under: request contexts
	// must not cancel a fetch that other requests are waiting for, and
	// x/oauth2 keeps the context it is given (golang/oauth2#388).
	base    context.Context
	now     func() time.Time
	secrets *secrets
	log     logger

	mu       sync.Mutex
	tok      *oauth2.Token
	expires  time.Time
	inflight *tokenFetch
	fetches  int // tokens fetched, for tests and logs
}

type tokenFetch struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
}

func newTokenCache(c *Client, cfg Config, base http.RoundTripper, timeout time.Duration) *tokenCache {
	tc := &tokenCache{now: time.Now, secrets: c.secrets, log: c.log}
	if cfg.TokenSource != nil {
		src := cfg.TokenSource
		tc.base = context.Background()
		tc.fetch = func(context.Context) (*oauth2.Token, error) { return src.Token() }
		return tc
	}
	style := oauth2.AuthStyleInHeader
	if cfg.Credentials.InBody {
		style = oauth2.AuthStyleInParams
	}
	cc := &clientcredentials.Config{
		ClientID:     cfg.Credentials.ID,
		ClientSecret: cfg.Credentials.Secret,
		TokenURL:     cfg.Environment.TokenURL(),
		Scopes:       cfg.Credentials.Scopes,
		AuthStyle:    style,
	}
	// The token endpoint gets the same retry policy as reads (a token request
	// is safe to resend: an answer lost on the way only costs a revocation of
	// a token nobody received) but no bearer token of course.
	tokenHTTP := &http.Client{
		Transport: &retryablehttp.RoundTripper{Client: c.newRetryClient(&http.Client{
			Transport:     base,
			Timeout:       timeout,
			CheckRedirect: checkRedirect,
		})},
		CheckRedirect: checkRedirect,
	}
	tc.base = context.WithValue(context.Background(), oauth2.HTTPClient, tokenHTTP)
	tc.fetch = cc.Token
	return tc
}

// token returns a valid token, fetching one if needed. Callers waiting for a
// fetch give up when their own context ends; the fetch itself goes on for
// the others.
func (t *tokenCache) token(ctx context.Context) (*oauth2.Token, error) {
	t.mu.Lock()
	if t.tok != nil && t.now().Before(t.expires) {
		tok := t.tok
		t.mu.Unlock()
		return tok, nil
	}
	f := t.inflight
	if f == nil {
		f = &tokenFetch{done: make(chan struct{})}
		t.inflight = f
		go t.run(f)
	}
	t.mu.Unlock()
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (t *tokenCache) run(f *tokenFetch) {
	ctx, cancel := context.WithTimeout(t.base, tokenFetchTimeout)
	defer cancel()
	ctx = callctx.With(ctx, &callctx.Info{Operation: "oauth2.token", Retryable: true})
	tok, err := t.fetch(ctx)
	if err == nil && (tok == nil || tok.AccessToken == "") {
		err = &AuthError{Code: "invalid_response", Description: "token endpoint returned no access_token", Err: ErrInvalidResponse}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		f.err = t.authError(err)
		t.log.warn("bal: token request failed", "error", f.err.Error())
	} else {
		t.secrets.add(tok.AccessToken)
		exp := t.now().Add(tokenMaxLifetime)
		if !tok.Expiry.IsZero() && tok.Expiry.Before(exp) {
			exp = tok.Expiry
		}
		t.tok, t.expires = tok, exp.Add(-tokenEarlyExpiry)
		t.fetches++
		f.tok = tok
		t.log.debug("bal: new access token", "expires", exp.UTC().Format(time.RFC3339), "fetches", t.fetches)
	}
	t.inflight = nil
	close(f.done)
}

// invalidate drops the cached token if it is still the one that was
// refused; "" drops whatever is cached.
func (t *tokenCache) invalidate(refused string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tok != nil && (refused == "" || t.tok.AccessToken == refused) {
		t.tok = nil
	}
}

// authError turns what x/oauth2 returned into an *AuthError without the
// secret or any token in it.
func (t *tokenCache) authError(err error) error {
	var ae *AuthError
	if errors.As(err, &ae) {
		return ae
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		out := &AuthError{Code: re.ErrorCode, Description: t.secrets.redact(re.ErrorDescription)}
		if re.Response != nil {
			out.StatusCode = re.Response.StatusCode
		}
		masked := *re
		masked.Body = []byte(t.secrets.redact(string(re.Body)))
		masked.ErrorDescription = out.Description
		out.Err = &maskedRetrieveError{&masked}
		if out.Code == "" && out.StatusCode != 0 {
			out.Description = t.secrets.redact(describeBody(re.Body))
		}
		return out
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &AuthError{Description: "token request timed out", Err: err}
	}
	return &AuthError{Err: errors.New(t.secrets.redact(err.Error()))}
}

// maskedRetrieveError keeps errors.As(*oauth2.RetrieveError) working while
// its Error method, unlike x/oauth2's, never prints the raw body.
type maskedRetrieveError struct{ *oauth2.RetrieveError }

func (e *maskedRetrieveError) Error() string {
	return Redact(fmt.Sprintf("oauth2: %s %s", e.ErrorCode, e.ErrorDescription))
}
func (e *maskedRetrieveError) Unwrap() error { return e.RetrieveError }

// describeBody summarises a token endpoint's non-OAuth2 error body (the
// gateway's own fault, an HTML page) in a few words.
func describeBody(b []byte) string {
	if f, ok := fault.Decode(b); ok && (f.Code != "" || f.Message != "") {
		return f.Code + " " + f.Message
	}
	if len(b) == 0 {
		return "empty answer"
	}
	return "unexpected answer"
}

// authTransport adds the bearer token to each attempt, and on a 401 replaces
// a refused token and resends the request once.
type authTransport struct {
	next   http.RoundTripper
	tokens *tokenCache
	ua     string
}

func (a *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	tok, err := a.tokens.token(req.Context())
	if err != nil {
		return nil, err
	}
	resp, err := a.next.RoundTrip(a.withToken(req, req.Body, tok))
	if err != nil || resp.StatusCode != http.StatusUnauthorized || !rewindable(req) {
		return resp, err
	}
	// A 401 means the token was revoked or expired early (another process
	// may have fetched a new one for the same application). The server has
	// not processed the request, so resending it is safe whatever it is.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	a.tokens.invalidate(tok.AccessToken)
	a.tokens.log.debug("bal: token refused, fetching a new one")
	tok, err = a.tokens.token(req.Context())
	if err != nil {
		return nil, err
	}
	body := req.Body
	if req.GetBody != nil {
		if body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	if info := callctx.From(req.Context()); info != nil {
		info.Attempt()
	}
	return a.next.RoundTrip(a.withToken(req, body, tok))
}

// withToken returns a copy of req carrying body, tok and the User-Agent; a
// RoundTripper must not modify the request it was given. Only the header
// map is changed, so a shallow copy with its own headers is enough (as
// x/oauth2's Transport does).
func (a *authTransport) withToken(req *http.Request, body io.ReadCloser, tok *oauth2.Token) *http.Request {
	r := new(http.Request)
	*r = *req
	r.Header = req.Header.Clone()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Body = body
	r.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	r.Header.Set("User-Agent", a.ua)
	return r
}

// rewindable reports whether the request can be sent again.
func rewindable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}
