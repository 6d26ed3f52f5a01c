package bal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
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
	// that no request leaves with a token that dies on the way; a token
	// that lives less than four times as long is replaced after three
	// quarters of its life.
	tokenEarlyExpiry = 60 * time.Second
	// tokenMaxLifetime bounds a token whose endpoint gave no expires_in, which
	// x/oauth2 would otherwise treat as never expiring.
	tokenMaxLifetime = time.Hour
	// tokenFetchTimeout bounds one token request, retries included.
	tokenFetchTimeout = 60 * time.Second
)

// credentialHeaders are the request headers that carry credentials: the
// auth layer sets them for the service's own hosts and removes them for
// every other host, whatever the caller or a redirect put there.
var credentialHeaders = []string{"Authorization", "Apikey", "Cookie", "Cookie2"}

// auth holds what the auth layer needs: a credential per service group,
// the hosts each may go to, and the token caches.
type auth struct {
	def      *sender
	services map[Service]*sender
	// apiHost is the environment's API host (canonicalHost); hosts the
	// other hosts a service's credential may go to.
	apiHost string
	hosts   map[Service][]string
}

// sender sends one credential.
type sender struct {
	service Service
	// header and value are a static credential (Basic, ApiKey).
	header, value string
	// tokens is an OAuth2 credential's token cache.
	tokens *tokenCache
}

// newAuth builds the credentials of cfg; cfg has been validated.
func newAuth(c *Client, cfg Config, base http.RoundTripper, timeout time.Duration) (*auth, error) {
	api, err := url.Parse(cfg.Environment.BaseURL())
	if err != nil {
		return nil, fmt.Errorf("bal: %w", err)
	}
	a := &auth{services: map[Service]*sender{}, apiHost: canonicalHost(api), hosts: cfg.Environment.serviceHosts()}
	caches := map[string]*tokenCache{}
	build := func(s Service, cred Credential) *sender {
		cred = credentialValue(cred)
		c.secrets.pin(secretsOf(cred)...)
		out := &sender{service: s}
		switch cr := cred.(type) {
		case BasicAuth:
			out.header, out.value = "Authorization", cr.header()
		case APIKey:
			out.header, out.value = "Apikey", cr.Key
		case TokenSource:
			out.tokens = newSourceCache(c, cr.Source)
		case ClientCredentials:
			id := cr.identity(cfg.Environment.TokenURL())
			if tc := caches[id]; tc != nil {
				out.tokens = tc
				break
			}
			out.tokens = newClientCredentialsCache(c, cfg, cr, base, timeout)
			caches[id] = out.tokens
		}
		return out
	}
	a.def = build("", cfg.Credentials)
	for _, s := range serviceKeys(cfg.ServiceCredentials) {
		a.services[s] = build(s, cfg.ServiceCredentials[s])
	}
	return a, nil
}

// senderFor returns the credential of service s: its own, its group's, or
// the default.
func (a *auth) senderFor(s Service) *sender {
	if x := a.services[s]; x != nil {
		return x
	}
	if x := a.services[s.group()]; x != nil {
		return x
	}
	return a.def
}

// allowed reports whether a request to u may carry service s's credential:
// u is on the API host, or on a host the environment names for s's group.
func (a *auth) allowed(s Service, u *url.URL) bool {
	h := canonicalHost(u)
	if h == a.apiHost {
		return true
	}
	return slices.Contains(a.hosts[s], h) || slices.Contains(a.hosts[s.group()], h)
}

// caches returns every token cache, once each.
func (a *auth) caches() []*tokenCache {
	var out []*tokenCache
	for _, s := range append([]*sender{a.def}, mapValues(a.services)...) {
		if s.tokens != nil && !slices.Contains(out, s.tokens) {
			out = append(out, s.tokens)
		}
	}
	return out
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// identity tells two ClientCredentials apart: equal ones share one token.
func (c ClientCredentials) identity(envTokenURL string) string {
	scopes := slices.Clone(c.Scopes)
	slices.Sort(scopes)
	return strings.Join([]string{c.tokenURL(envTokenURL), c.ID, c.Secret, strings.Join(scopes, " "), fmt.Sprint(c.InBody)}, "\x00")
}

func (c ClientCredentials) tokenURL(envTokenURL string) string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	return envTokenURL
}

// tokenCache hands out one access token at a time. Lantmäteriet revokes a
// client's previous token whenever it issues a new one, so the cache must
// never let two goroutines fetch at once, must not throw a token away
// because of one stale 401 while another request already holds a fresher
// one, and, with a TokenStore, must take the token other processes share
// before fetching one of its own.
type tokenCache struct {
	fetch func(ctx context.Context) (*oauth2.Token, error)
	// base is the long-lived context every fetch runs under: request contexts
	// must not cancel a fetch that other requests are waiting for, and
	// x/oauth2 keeps the context it is given (golang/oauth2#388).
	base    context.Context
	now     func() time.Time
	secrets *secrets
	log     logger
	// store and key share the token with other processes; store is nil
	// without Config.TokenStore and for a caller's TokenSource.
	store TokenStore
	key   TokenKey

	mu       sync.Mutex
	tok      *oauth2.Token
	expires  time.Time
	refused  string // the last token the API refused
	inflight *tokenFetch
	fetches  int // tokens fetched from the endpoint, for tests and logs
}

type tokenFetch struct {
	done chan struct{}
	tok  *oauth2.Token
	err  error
}

// newSourceCache caches the tokens of a caller's source.
func newSourceCache(c *Client, src oauth2.TokenSource) *tokenCache {
	return &tokenCache{now: time.Now, secrets: c.secrets, log: c.log, base: context.Background(),
		fetch: func(context.Context) (*oauth2.Token, error) { return src.Token() }}
}

// newClientCredentialsCache fetches tokens with the client-credentials
// grant, shared through cfg.TokenStore when there is one.
func newClientCredentialsCache(c *Client, cfg Config, cr ClientCredentials, base http.RoundTripper, timeout time.Duration) *tokenCache {
	style := oauth2.AuthStyleInHeader
	if cr.InBody {
		style = oauth2.AuthStyleInParams
	}
	tokenURL := cr.tokenURL(cfg.Environment.TokenURL())
	cc := &clientcredentials.Config{
		ClientID:     cr.ID,
		ClientSecret: cr.Secret,
		TokenURL:     tokenURL,
		Scopes:       cr.Scopes,
		AuthStyle:    style,
	}
	// The token endpoint gets the same retry policy as reads (a token request
	// is safe to resend: an answer lost on the way only costs a revocation of
	// a token nobody received) but no bearer token of course, and follows
	// no redirect off its own host: the request carries the secret.
	tokenHTTP := &http.Client{
		Transport: &retryablehttp.RoundTripper{Client: c.newRetryClient(&http.Client{
			Transport:     base,
			Timeout:       timeout,
			CheckRedirect: checkTokenRedirect,
		})},
		CheckRedirect: checkTokenRedirect,
	}
	scopes := slices.Clone(cr.Scopes)
	slices.Sort(scopes)
	return &tokenCache{
		now: time.Now, secrets: c.secrets, log: c.log,
		base:  context.WithValue(context.Background(), oauth2.HTTPClient, tokenHTTP),
		fetch: cc.Token,
		store: cfg.TokenStore,
		key:   TokenKey{TokenURL: tokenURL, ClientID: cr.ID, Scope: strings.Join(scopes, " ")},
	}
}

// checkTokenRedirect follows a token endpoint's redirect only on its own
// host and over https (loopback excepted): the request carries the client
// secret, in its Authorization header or its body.
func checkTokenRedirect(req *http.Request, via []*http.Request) error {
	if err := checkRedirect(req, via); err != nil {
		return err
	}
	if canonicalHost(req.URL) != canonicalHost(via[0].URL) {
		return errors.New("bal: refused the token endpoint's redirect to another host")
	}
	return nil
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
		go t.run(f, t.refused)
	}
	t.mu.Unlock()
	select {
	case <-f.done:
		return f.tok, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (t *tokenCache) run(f *tokenFetch, refused string) {
	ctx, cancel := context.WithTimeout(t.base, tokenFetchTimeout)
	defer cancel()
	ctx = callctx.With(ctx, &callctx.Info{Operation: "oauth2.token", Retryable: true})
	tok, fetched, err := t.obtain(ctx, refused)
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		f.err = t.authError(err)
		t.log.warn("bal: token request failed", "error", f.err.Error())
	} else {
		t.secrets.token(tok.AccessToken)
		t.tok, t.expires = tok, renewAt(tok, t.now())
		if fetched {
			t.fetches++
		}
		f.tok = tok
		t.log.debug("bal: access token", "renew_at", t.expires.UTC().Format(time.RFC3339), "fetched", fetched, "fetches", t.fetches)
	}
	t.inflight = nil
	close(f.done)
}

// obtain returns a token: without a store, a new one from the endpoint; with
// one, the shared token if it is still good and not the one the API just
// refused, else a new one fetched under the store's lock and shared.
func (t *tokenCache) obtain(ctx context.Context, refused string) (tok *oauth2.Token, fetched bool, err error) {
	get := func() (*oauth2.Token, error) {
		tok, err := t.fetch(ctx)
		if err == nil && (tok == nil || tok.AccessToken == "") {
			err = &AuthError{Code: "invalid_response", Description: "token endpoint returned no access_token", Err: ErrInvalidResponse}
		}
		if err != nil {
			return nil, err
		}
		fetched = true
		// A shared token needs an absolute expiry every process agrees on,
		// on the clock the cache goes by.
		// x/oauth2 turns expires_in into an Expiry on the wall clock and
		// may leave ExpiresIn empty: recover the lifetime from it.
		c := *tok
		if c.ExpiresIn <= 0 {
			c.ExpiresIn = int64(tokenMaxLifetime / time.Second)
			if !c.Expiry.IsZero() {
				c.ExpiresIn = max(int64(math.Round(time.Until(c.Expiry).Seconds())), 1)
			}
		}
		c.Expiry = t.now().Add(time.Duration(c.ExpiresIn) * time.Second)
		return &c, nil
	}
	if t.store == nil {
		tok, err = get()
		return tok, fetched, err
	}
	var got *oauth2.Token
	attempted := false
	tok, err = t.store.Update(ctx, t.key, func(stored *oauth2.Token) (*oauth2.Token, error) {
		if stored != nil && stored.AccessToken != "" {
			t.secrets.token(stored.AccessToken)
			if stored.AccessToken != refused && t.now().Before(renewAt(stored, t.now())) {
				return stored, nil
			}
		}
		attempted = true
		g, e := get()
		got = g
		return g, e
	})
	switch {
	case err != nil && !attempted:
		// The store failed (its lock or file), not the endpoint: go on
		// without it rather than stop every call.
		t.log.warn("bal: token store failed; fetching a token without it", "error", t.secrets.redact(err.Error()))
		tok, err = get()
	case err != nil && got != nil:
		// Fetched, but not stored: use it; the others will meet a 401 and
		// fetch their own.
		t.log.warn("bal: could not share the new token", "error", t.secrets.redact(err.Error()))
		tok, err = got, nil
	}
	return tok, fetched, err
}

// renewAt returns when tok should be replaced: tokenEarlyExpiry before it
// expires, or after three quarters of a shorter life (ExpiresIn), and at
// most tokenMaxLifetime after now.
func renewAt(tok *oauth2.Token, now time.Time) time.Time {
	exp := tok.Expiry
	if exp.IsZero() || exp.After(now.Add(tokenMaxLifetime)) {
		exp = now.Add(tokenMaxLifetime)
	}
	early := tokenEarlyExpiry
	if tok.ExpiresIn > 0 {
		early = min(early, time.Duration(tok.ExpiresIn)*time.Second/4)
	}
	return exp.Add(-early)
}

// invalidate drops the cached token if it is still the one that was
// refused; "" drops whatever is cached. The refused token is remembered,
// so that the next fetch does not take it from a shared store again.
func (t *tokenCache) invalidate(refused string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if refused != "" {
		t.refused = refused
	}
	if t.tok != nil && (refused == "" || t.tok.AccessToken == refused) {
		t.tok = nil
	}
}

// authError turns what the token endpoint or source returned into an
// *AuthError in which nothing is left unmasked: not the secret, no token,
// not the request (whose header carries the secret).
func (t *tokenCache) authError(err error) error {
	var ae *AuthError
	if errors.As(err, &ae) {
		return ae
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		out := &AuthError{Code: t.secrets.clip(re.ErrorCode, 128), Description: t.secrets.clip(re.ErrorDescription, maxFaultText)}
		if re.Response != nil {
			out.StatusCode = re.Response.StatusCode
		}
		masked := &oauth2.RetrieveError{
			Response:         t.secrets.sanitizedResponse(re.Response),
			Body:             []byte(t.secrets.clip(string(re.Body[:min(len(re.Body), maxErrorBody+t.secrets.margin()+1)]), maxErrorBody)),
			ErrorCode:        out.Code,
			ErrorDescription: out.Description,
			ErrorURI:         t.secrets.clip(re.ErrorURI, 512),
		}
		out.Err = &maskedRetrieveError{masked}
		if out.Code == "" && out.StatusCode != 0 {
			out.Description = describeBody(re.Body, t.secrets)
		}
		return out
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &AuthError{Description: "token request timed out", Err: err}
	}
	return &AuthError{Err: &maskedError{text: t.secrets.redact(err.Error())}}
}

// maskedRetrieveError keeps errors.As(*oauth2.RetrieveError) working while
// its Error method, unlike x/oauth2's, never prints the raw body. The
// RetrieveError it holds is a masked copy.
type maskedRetrieveError struct{ *oauth2.RetrieveError }

func (e *maskedRetrieveError) Error() string {
	return Redact(fmt.Sprintf("oauth2: %s %s", e.ErrorCode, e.ErrorDescription))
}
func (e *maskedRetrieveError) Unwrap() error { return e.RetrieveError }

// describeBody summarises a token endpoint's non-OAuth2 error body (the
// gateway's own fault, an HTML page) in a few words.
func describeBody(b []byte, s *secrets) string {
	keep := func(v string) string { return s.clip(v, 256) }
	if f, ok := fault.DecodeWith(b, keep); ok && (f.Code != "" || f.Message != "") {
		return f.Code + " " + f.Message
	}
	if len(b) == 0 {
		return "empty answer"
	}
	return "unexpected answer"
}

// authTransport sends each attempt with its service's credential, to that
// service's hosts only. Every other host, reached directly or through a
// redirect, gets no Authorization, ApiKey or cookie. On a 401 from an OAuth2
// credential's host it replaces the refused token (re-reading a shared
// store first) and resends the request once.
type authTransport struct {
	next http.RoundTripper
	auth *auth
	ua   string
}

func (a *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	svc := serviceOf(req.Context())
	s := a.auth.senderFor(svc)
	if !a.auth.allowed(svc, req.URL) {
		return a.next.RoundTrip(a.prepare(req, req.Body, "", ""))
	}
	if s.tokens == nil {
		return a.next.RoundTrip(a.prepare(req, req.Body, s.header, s.value))
	}
	tok, err := s.tokens.token(req.Context())
	if err != nil {
		return nil, err
	}
	resp, err := a.next.RoundTrip(a.prepare(req, req.Body, "Authorization", "Bearer "+tok.AccessToken))
	if err != nil || resp.StatusCode != http.StatusUnauthorized || !rewindable(req) {
		return resp, err
	}
	// A 401 means the token was revoked or expired early: another process
	// may have fetched a new one for the same application. The server has
	// not processed the request, so resending it is safe whatever it is.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	s.tokens.invalidate(tok.AccessToken)
	s.tokens.log.debug("bal: token refused, replacing it")
	tok, err = s.tokens.token(req.Context())
	if err != nil {
		return nil, err
	}
	body := req.Body
	if req.GetBody != nil {
		if body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	info := callctx.From(req.Context())
	if info != nil {
		info.Attempt()
	}
	resp, err = a.next.RoundTrip(a.prepare(req, body, "Authorization", "Bearer "+tok.AccessToken))
	if err == nil && resp.StatusCode == http.StatusUnauthorized && info != nil {
		info.SetTokenRevoked()
	}
	return resp, err
}

// prepare returns a copy of req carrying body, the User-Agent and the
// credential header (none when header is ""), without any other credential
// header; a RoundTripper must not modify the request it was given. Only the
// header map changes, so a shallow copy with its own headers is enough (as
// x/oauth2's Transport does).
func (a *authTransport) prepare(req *http.Request, body io.ReadCloser, header, value string) *http.Request {
	r := new(http.Request)
	*r = *req
	r.Header = req.Header.Clone()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	if header == "" {
		// Another host: nothing that could be a credential goes there.
		for _, h := range credentialHeaders {
			r.Header.Del(h)
		}
	} else {
		r.Header.Del("Authorization")
		r.Header.Del("Apikey")
	}
	r.Body = body
	if header != "" {
		r.Header.Set(header, value)
	}
	r.Header.Set("User-Agent", a.ua)
	return r
}

// rewindable reports whether the request can be sent again.
func rewindable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}
