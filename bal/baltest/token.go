package baltest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Credentials are an application's consumer key and secret at the fake
// API portal.
type Credentials struct {
	// ID is the consumer key.
	ID string
	// Secret is the consumer secret.
	Secret string
}

// DefaultCredentials are the credentials every server accepts unless
// WithCredentials replaces them. They are not secret: the fake holds no
// real data.
var DefaultCredentials = Credentials{ID: "baltest-client", Secret: "baltest-secret"}

// tokenState is what the token endpoint knows of one application.
type tokenState struct {
	secret  string
	current string    // the only token accepted now
	expires time.Time // when current stops being accepted
	issued  int
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

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "baltest-" + hex.EncodeToString(b)
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

// authenticate checks the bearer token and returns the application's id.
func (s *Server) authenticate(r *http.Request) (string, *apiError) {
	h := r.Header.Get("Authorization")
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
	return "", gatewayFault(http.StatusUnauthorized, gatewayInvalidCredentials, "Invalid Credentials",
		"Access failure for API. Make sure you have given the correct access token")
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
