// Package lmtest is a minimal stand-in for Lantmäteriet's gateway, for the
// SDK's own unit tests of the client stack: an OAuth2 token endpoint that
// revokes a client's previous token whenever it issues a new one (as
// Lantmäteriet's does), and an API under a non-empty base path whose
// handler each test programs. It deliberately knows nothing of package bal,
// so bal's internal tests can use it. The full fake Lantmäteriet for users
// is bal/baltest.
package lmtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Credentials the fake accepts.
const (
	ClientID = "test-client"
	Secret   = "s3cret-Consumer-Secret-Value"
	BasePath = "/api/v1"
)

// Server is the fake gateway.
type Server struct {
	*httptest.Server

	// TokenTTL is the expires_in the token endpoint answers; 0 omits it.
	TokenTTL atomic.Int64
	// TokenStatus, when non-zero, makes the token endpoint fail with that
	// status and an OAuth2 error body echoing the secret it was sent.
	TokenStatus atomic.Int32

	mu        sync.Mutex
	current   string
	tokenReqs int
	apiReqs   int
	handler   http.Handler
}

// New starts a server; it is closed when the test ends. h serves API
// requests (paths relative to BasePath) that carried the current token.
func New(t testing.TB, h http.Handler) *Server {
	s := &Server{handler: h}
	s.TokenTTL.Store(3600)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth2/token", s.token)
	mux.Handle(BasePath+"/", http.StripPrefix(BasePath, http.HandlerFunc(s.api)))
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// BaseURL is the API base URL (with its base path).
func (s *Server) BaseURL() string { return s.URL + BasePath }

// TokenURL is the token endpoint.
func (s *Server) TokenURL() string { return s.URL + "/oauth2/token" }

// TokenRequests counts successful and failed token requests.
func (s *Server) TokenRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenReqs
}

// APIRequests counts API requests that reached the handler.
func (s *Server) APIRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.apiReqs
}

// CurrentToken is the only token the API accepts now.
func (s *Server) CurrentToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current
}

// Revoke makes the current token invalid, as if another process had fetched
// a new one for the same application.
func (s *Server) Revoke() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current = "revoked-" + s.current
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.tokenReqs++
	s.mu.Unlock()
	id, secret, ok := r.BasicAuth()
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
		return
	}
	if st := int(s.TokenStatus.Load()); st != 0 {
		writeJSON(w, st, map[string]string{
			"error":             "invalid_client",
			"error_description": "client authentication failed for secret " + secret + " and id " + id,
		})
		return
	}
	if !ok || id != ClientID || secret != Secret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client", "error_description": "A valid OAuth client could not be found"})
		return
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	tok := "tok-" + hex.EncodeToString(b)
	s.mu.Lock()
	s.current = tok
	s.mu.Unlock()
	resp := map[string]any{"access_token": tok, "token_type": "Bearer", "scope": r.PostForm.Get("scope")}
	if ttl := s.TokenTTL.Load(); ttl > 0 {
		resp["expires_in"] = ttl
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	got, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	valid := got != "" && got == s.current
	if valid {
		s.apiReqs++
	}
	s.mu.Unlock()
	if !valid {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"fault":{"code":900901,"message":"Invalid Credentials","description":"Access failure for API. Make sure you have given the correct access token"}}`))
		return
	}
	s.handler.ServeHTTP(w, r)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
