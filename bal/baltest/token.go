package baltest

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Credentials are an application's consumer key and secret at the fake
// API portal, and the municipality it writes for.
type Credentials struct {
	// ID is the consumer key.
	ID string
	// Secret is the consumer secret. Geotorget also takes ID and Secret as
	// HTTP Basic credentials.
	Secret string
	// Kommunkod is the municipality the application writes for (a
	// credential belongs to one municipality): creating or changing an
	// object of another municipality answers 403 BAL-0403. Empty means the
	// server's municipality (Server.Kommunkod).
	Kommunkod string
	// APIKey, when set, is a key the gateway accepts for this application
	// in the ApiKey header, instead of a bearer token.
	APIKey string
}

// DefaultCredentials are the credentials every server accepts unless
// WithCredentials replaces them. They are not secret: the fake holds no
// real data.
var DefaultCredentials = Credentials{ID: "baltest-client", Secret: "baltest-secret"}

// tokenState is what the token endpoint knows of one application.
type tokenState struct {
	secret    string
	apiKey    string
	kommunkod string
	current   string    // the only token accepted now
	expires   time.Time // when current stops being accepted
	issued    int
}

// TokenPath is the token endpoint's path on the server, as on
// Lantmäteriet's API portal.
const TokenPath = "/oauth2/token"

// handleToken is the OAuth2 client-credentials endpoint. Like
// Lantmäteriet's API Manager it revokes the application's previous token
// whenever it issues a new one, which is why the SDK shares one token per
// process.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	id, secret, basic := r.BasicAuth()
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the body is not a form")
		return
	}
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be client_credentials")
		return
	}
	now := s.clock.Now()
	s.authMu.Lock()
	app, ok := s.apps[id]
	if !ok || id == "" || secret != app.secret {
		s.authMu.Unlock()
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "A valid OAuth client could not be found for client_id: "+id)
		return
	}
	tok := newToken()
	app.current, app.expires = tok, now.Add(s.opts.tokenTTL)
	app.issued++
	s.authMu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": tok,
		"token_type":   "Bearer",
		"expires_in":   int64(s.opts.tokenTTL / time.Second),
		"scope":        scopeOr(r.PostForm.Get("scope")),
	})
}

func scopeOr(s string) string {
	if s == "" {
		return "default"
	}
	return s
}

// tokenPrefix starts every token the server issues.
const tokenPrefix = "baltest-"

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return tokenPrefix + hex.EncodeToString(b)
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

// authenticate checks the request's credential and returns the
// application's id: a bearer token (the current one of an application),
// an ApiKey header, or, on Geotorget, HTTP Basic with the consumer key and
// secret.
func (s *Server) authenticate(r *http.Request) (string, *apiError) {
	h := r.Header.Get("Authorization")
	if key := r.Header.Get("ApiKey"); key != "" && h == "" {
		return s.authenticateAPIKey(key)
	}
	if id, secret, ok := r.BasicAuth(); ok && strings.HasPrefix(r.URL.Path, GeotorgetBase+"/") {
		s.authMu.Lock()
		defer s.authMu.Unlock()
		if app := s.apps[id]; app != nil && id != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(app.secret)) == 1 {
			return id, nil
		}
		return "", gatewayFault(http.StatusUnauthorized, gatewayInvalidCredentials, "Invalid Credentials",
			"Access failure for API: wrong user name or password")
	}
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || tok == "" {
		return "", gatewayFault(http.StatusUnauthorized, gatewayMissingCredentials, "Missing Credentials",
			"Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN' or 'Authorization : Basic ACCESS_TOKEN' or 'ApiKey : API_KEY'")
	}
	now := s.clock.Now()
	s.authMu.Lock()
	defer s.authMu.Unlock()
	for id, app := range s.apps {
		if app.current == tok {
			if !now.Before(app.expires) {
				return "", gatewayFault(http.StatusUnauthorized, gatewayInvalidCredentials, "Invalid Credentials",
					"Access failure for API: the access token has expired")
			}
			return id, nil
		}
	}
	if strings.HasPrefix(tok, tokenPrefix) {
		s.refusedTokens++
	}
	return "", gatewayFault(http.StatusUnauthorized, gatewayInvalidCredentials, "Invalid Credentials",
		"Access failure for API. Make sure you have given the correct access token")
}

// authenticateAPIKey checks an ApiKey header.
func (s *Server) authenticateAPIKey(key string) (string, *apiError) {
	s.authMu.Lock()
	defer s.authMu.Unlock()
	for id, app := range s.apps {
		if app.apiKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(app.apiKey)) == 1 {
			return id, nil
		}
	}
	return "", gatewayFault(http.StatusUnauthorized, gatewayInvalidCredentials, "Invalid Credentials",
		"Access failure for API: the API key is not valid")
}

// callerKey carries the authenticated application's id in a request's
// context.
type callerKey struct{}

// caller returns the consumer key the request was authenticated as, "" for
// a request that needs none.
func caller(r *http.Request) string {
	id, _ := r.Context().Value(callerKey{}).(string)
	return id
}

// writesFor returns the municipality the request's application writes for:
// its Credentials.Kommunkod, else the server's.
func (s *Server) writesFor(r *http.Request) string {
	s.authMu.Lock()
	app := s.apps[caller(r)]
	s.authMu.Unlock()
	if app != nil && app.kommunkod != "" {
		return app.kommunkod
	}
	return s.Kommunkod()
}

// TokenStats counts what the token endpoint and the gateway did, for tests
// and the control API's GET /tokens.
type TokenStats struct {
	// Issued is the number of tokens issued, by consumer key.
	Issued map[string]int `json:"issued"`
	// Refused is the number of API calls refused with 401 because their
	// token had been issued by this server but was no longer current
	// (revoked by a newer one, or expired).
	Refused int `json:"refused"`
}

// TokenStats returns the token counts so far.
func (s *Server) TokenStats() TokenStats {
	s.authMu.Lock()
	defer s.authMu.Unlock()
	st := TokenStats{Issued: map[string]int{}, Refused: s.refusedTokens}
	for id, app := range s.apps {
		st.Issued[id] = app.issued
	}
	return st
}

// routeControlTokens adds GET /tokens to the control API.
func (s *Server) routeControlTokens(handle func(string, func(*http.Request) (any, error))) {
	handle("GET "+ControlPath+"/tokens", func(*http.Request) (any, error) { return s.TokenStats(), nil })
}

// RevokeTokens revokes every application's current token, as if another
// process had fetched a new one: the next call answers 401 and a client
// must fetch a new token.
func (s *Server) RevokeTokens() {
	s.authMu.Lock()
	defer s.authMu.Unlock()
	for _, app := range s.apps {
		app.current = ""
	}
}

// TokensIssued returns how many tokens the server has issued to the
// application with the consumer key id.
func (s *Server) TokensIssued(id string) int {
	s.authMu.Lock()
	defer s.authMu.Unlock()
	if app, ok := s.apps[id]; ok {
		return app.issued
	}
	return 0
}

// CodeNotResponsible: a write on an object of another municipality than
// the one the application's credentials belong to (403; update binding,
// Envelope).
const CodeNotResponsible = "BAL-0403"

// refuseCredentials answers a file-host request that carries a credential
// besides its signed path with 400, as object stores do ("Only one auth
// mechanism allowed"): a client must never send its token or key to a file
// host.
func refuseCredentials(r *http.Request) *apiError {
	for _, h := range []string{"Authorization", "ApiKey", "Cookie"} {
		if r.Header.Get(h) != "" {
			return errf(http.StatusBadRequest, CodeBadRequest,
				"Only one auth mechanism allowed: this host takes the signed path as its credential, and a %s header was sent", h)
		}
	}
	return nil
}
