package baltest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

func tokenRequest(t *testing.T, s *Server, id, secret string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.TokenURL(), strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	require.NoError(t, err)
	req.SetBasicAuth(id, secret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func apiStatus(t *testing.T, s *Server, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL()+s.UpdatePath()+"/forandringar", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := s.HTTPClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestToken(t *testing.T) {
	t.Parallel()
	s := NewServer(WithoutData(), WithTokenTTL(10*time.Minute), WithTime(fixedTime))
	defer s.Close()
	defer s.HTTPClient().CloseIdleConnections()
	cred := s.Credentials()

	status, tok := tokenRequest(t, s, cred.ID, cred.Secret)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "Bearer", tok["token_type"])
	assert.EqualValues(t, 600, tok["expires_in"])
	first := tok["access_token"].(string)
	st, _ := apiStatus(t, s, first)
	assert.Equal(t, http.StatusOK, st)

	// A new token revokes the previous one.
	_, tok = tokenRequest(t, s, cred.ID, cred.Secret)
	second := tok["access_token"].(string)
	st, body := apiStatus(t, s, first)
	assert.Equal(t, http.StatusUnauthorized, st)
	assert.Contains(t, body, `"code":"900901"`)
	st, _ = apiStatus(t, s, second)
	assert.Equal(t, http.StatusOK, st)

	// The token expires by the server's clock.
	s.Clock().Advance(10 * time.Minute)
	st, body = apiStatus(t, s, second)
	assert.Equal(t, http.StatusUnauthorized, st)
	assert.Contains(t, body, "expired")

	// Wrong secret: 401 with WSO2's OAuth2 error.
	status, out := tokenRequest(t, s, cred.ID, "wrong")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, "invalid_client", out["error"])

	// No token at all: the gateway's Missing Credentials.
	st, body = apiStatus(t, s, "")
	assert.Equal(t, http.StatusUnauthorized, st)
	assert.Contains(t, body, "900902")
	assert.Equal(t, 2, s.TokensIssued(cred.ID))
}

// TestClientSurvivesRevocation: the bal.Client fetches a new token when the
// server revokes its current one.
func TestClientSurvivesRevocation(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithoutData())
	_, err := h.do(http.MethodGet, "/forandringar", nil, new(update1.Forandringar), "")
	require.NoError(t, err)
	h.s.RevokeTokens()
	_, err = h.do(http.MethodGet, "/forandringar", nil, new(update1.Forandringar), "")
	require.NoError(t, err)
	assert.Equal(t, 2, h.s.TokensIssued(DefaultCredentials.ID))
}

func TestTLS(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithTLS(), WithoutData())
	assert.True(t, strings.HasPrefix(h.s.URL(), "https://"))
	_, err := h.do(http.MethodGet, "/forandringar", nil, new(update1.Forandringar), "")
	require.NoError(t, err)
}

func TestUpdatePath(t *testing.T) {
	t.Parallel()
	h := newHarness(t, WithoutData(), WithUpdatePath("/bal/uppdatering/v9"))
	assert.Equal(t, "/bal/uppdatering/v9", h.c.Environment().UpdatePath())
	_, err := h.do(http.MethodGet, "/forandringar", nil, new(update1.Forandringar), "")
	require.NoError(t, err)
	// The default path is not served.
	resp, err := h.c.HTTPClient().Get(h.s.URL() + bal.DefaultUpdatePath + "/forandringar")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestGetObject(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	b := firstOf[*update1.Byggnad](t, h.s, update1.TypByggnad)

	var got update1.Byggnad
	require.NoError(t, h.get(update1.TypByggnad, b.Objektidentitet, &got))
	assert.Equal(t, b.Objektidentitet, got.Objektidentitet)
	assert.EqualValues(t, 1, got.Objektversion)
	require.Len(t, got.LiggerPa, 1)
	assert.NotEmpty(t, got.LiggerPa[0].Beteckning, "references carry the designation")
	require.Len(t, got.Byggnadsdel, 1)
	assert.Equal(t, 5845, got.Byggnadsdel[0].Byggnadsyta.Geometry.SRID())

	_, err := h.do(http.MethodGet, "/byggnad/"+b.Objektidentitet, nil, &got, "")
	require.NoError(t, err)

	tests := []struct {
		name, path string
		status     int
		code       string
	}{
		{"unknown id", "/byggnad/00000000-0000-4000-8000-000000000000", 404, CodeNotFound},
		{"unknown version", "/byggnad/" + b.Objektidentitet + "?objektversion=2", 404, CodeNotFound},
		{"bad version", "/byggnad/" + b.Objektidentitet + "?objektversion=x", 400, "format"},
		{"unknown type", "/hus/" + b.Objektidentitet, 404, CodeNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, query, _ := strings.Cut(tc.path, "?")
			q, _ := url.ParseQuery(query)
			_, err := h.tr.Do(context.Background(), opGet(h, path, q))
			be := faultOf(t, err)
			assert.Equal(t, tc.status, be.StatusCode)
			assert.Equal(t, tc.code, be.Code)
			assert.Equal(t, bal.SourceService, be.Source)
		})
	}
}
