package bal

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What "host" means for credentials: a name (or address) and a port, the
// scheme's default port when the URL has none. Two httptest servers on
// 127.0.0.1 are two hosts (two ports), and localhost:P is another host than
// 127.0.0.1:P (another name). These tests run an API host and a file host
// and follow every redirect status, to https and to http, and check what
// reached the file host.

// seen records the credential headers one server received.
type seen struct {
	mu   sync.Mutex
	reqs []http.Header
	body []string
}

func (s *seen) record(r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r.Header.Clone())
	s.body = append(s.body, string(b))
}

func (s *seen) last() (http.Header, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.reqs) == 0 {
		return nil, ""
	}
	return s.reqs[len(s.reqs)-1], s.body[len(s.body)-1]
}

// credentialHosts is an API host (http, 127.0.0.1) with a token endpoint
// and a redirecting endpoint, and a file host over https on another port.
type credentialHosts struct {
	api, files *httptest.Server
	// plain is a file host over http (on loopback, where http is allowed).
	plain    *httptest.Server
	apiSeen  seen
	fileSeen seen
	tokens   int
	mu       sync.Mutex
}

func newCredentialHosts(t *testing.T) *credentialHosts {
	h := &credentialHosts{}
	file := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.fileSeen.record(r)
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, "<file/>")
	})
	h.files = httptest.NewTLSServer(file)
	t.Cleanup(h.files.Close)
	h.plain = httptest.NewServer(file)
	t.Cleanup(h.plain.Close)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth2/token", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.tokens++
		n := h.tokens
		h.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "api-token-" + strconv.Itoa(n) + "-abcdef", "token_type": "Bearer", "expires_in": 3600})
	})
	// /api/redirect/{status}?to=URL answers status with Location to.
	mux.HandleFunc("/api/redirect/{status}", func(w http.ResponseWriter, r *http.Request) {
		h.apiSeen.record(r)
		status, _ := strconv.Atoi(r.PathValue("status"))
		w.Header().Set("Location", r.URL.Query().Get("to"))
		w.WriteHeader(status)
	})
	mux.HandleFunc("/api/here", func(w http.ResponseWriter, r *http.Request) {
		h.apiSeen.record(r)
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, "<here/>")
	})
	h.api = httptest.NewServer(mux)
	t.Cleanup(h.api.Close)
	return h
}

// client returns a client of the API host with cred, trusting the file
// host's certificate; env adjusts the environment.
func (h *credentialHosts) client(t *testing.T, cred Credential, env func(Environment) Environment) *Client {
	e, err := NewEnvironment("hosts", h.api.URL+"/api", h.api.URL+"/oauth2/token")
	require.NoError(t, err)
	if env != nil {
		e = env(e)
	}
	pool := x509.NewCertPool()
	pool.AddCert(h.files.Certificate())
	// httptest's certificate names example.com: check it against that name
	// whatever name the test dials.
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "example.com"}}
	t.Cleanup(tr.CloseIdleConnections)
	c, err := NewClient(Config{Environment: e, Credentials: cred, HTTPClient: &http.Client{Transport: tr},
		Retry: RetryPolicy{MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}})
	require.NoError(t, err)
	return c
}

// hostVariant rewrites the file host's URL: the same server named by
// another name, over https or http.
func (h *credentialHosts) fileURL(t *testing.T, name, scheme string) string {
	srv := h.files
	if scheme == "http" {
		srv = h.plain
	}
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	u.Host = name + ":" + u.Port()
	return u.String() + "/file.zip?sig=abc"
}

// credentialValues are what each credential kind puts in a request.
func sentCredential(hdr http.Header) string {
	var parts []string
	for _, k := range []string{"Authorization", "Apikey", "Cookie"} {
		if v := hdr.Get(k); v != "" {
			parts = append(parts, k+": "+v)
		}
	}
	return strings.Join(parts, "; ")
}

func TestCredentialsNeverFollowARedirectToAnotherHost(t *testing.T) {
	t.Parallel()
	h := newCredentialHosts(t)
	creds := []struct {
		name string
		cred Credential
	}{
		{"oauth2", ClientCredentials{ID: "client", Secret: "client-secret-value"}},
		{"basic", BasicAuth{Username: "user", Password: "basic-password-value"}},
		{"apikey", APIKey{Key: "api-key-value-123"}},
	}
	for _, cr := range creds {
		c := h.client(t, cr.cred, nil)
		for _, status := range []int{301, 302, 303, 307, 308} {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				for _, to := range []struct{ name, scheme string }{
					{"127.0.0.1", "https"}, {"localhost", "https"}, {"127.0.0.1", "http"}, {"localhost", "http"},
				} {
					t.Run(fmt.Sprintf("%s/%d/%s/%s/%s", cr.name, status, method, to.scheme, to.name), func(t *testing.T) {
						to := h.fileURL(t, to.name, to.scheme)
						u := h.api.URL + "/api/redirect/" + strconv.Itoa(status) + "?to=" + url.QueryEscape(to)
						ctx := context.Background()
						if method == http.MethodPost {
							ctx = SafeToRetry(ctx)
						}
						req, err := http.NewRequestWithContext(ctx, method, u, strings.NewReader("<body/>"))
						require.NoError(t, err)
						req.Header.Set("Cookie", "session=caller-cookie-value")
						var out struct {
							XMLName struct{} `xml:"file"`
						}
						_, err = c.Do(req, &out)
						require.NoError(t, err, "a 303 (or any redirect) to a file host still downloads")

						apiHdr, _ := h.apiSeen.last()
						assert.NotEmpty(t, sentCredential(apiHdr), "the API host got the credential")
						fileHdr, body := h.fileSeen.last()
						require.NotNil(t, fileHdr)
						assert.Empty(t, sentCredential(fileHdr), "nothing that could be a credential reached the file host")
						if method == http.MethodPost && (status == 307 || status == 308) {
							assert.Equal(t, "<body/>", body, "307 and 308 keep the body")
						}
					})
				}
			}
		}
	}
}

func TestRedirectToPlainHTTPOffLoopbackIsRefused(t *testing.T) {
	t.Parallel()
	h := newCredentialHosts(t)
	c := h.client(t, ClientCredentials{ID: "client", Secret: "client-secret-value"}, nil)
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			u := h.api.URL + "/api/redirect/" + strconv.Itoa(status) + "?to=" + url.QueryEscape("http://files.example/file.zip")
			req, err := http.NewRequest(http.MethodGet, u, nil)
			require.NoError(t, err)
			_, err = c.Do(req, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "refused redirect to http")
		})
	}
}

// TestServiceHostsGetTheirServiceCredential: a host the environment names
// for a service (Geotorget's older download host in Production) gets that
// service's credential, and only that service's; the API host keeps
// getting it after a redirect back.
func TestServiceHostsGetTheirServiceCredential(t *testing.T) {
	t.Parallel()
	h := newCredentialHosts(t)
	filesHost := strings.TrimPrefix(h.files.URL, "https://")
	c := h.client(t, ClientCredentials{ID: "client", Secret: "client-secret-value"},
		func(e Environment) Environment { return e.WithServiceHost(ServiceGeotorget, filesHost) })
	tests := []struct {
		name    string
		service Service
		host    string
		want    bool
	}{
		{"geotorget to its host", ServiceGeotorget, "127.0.0.1", true},
		{"geotorget to the same server by another name", ServiceGeotorget, "localhost", false},
		{"another service to geotorget's host", ServiceDirekt, "127.0.0.1", false},
		{"unmarked call to geotorget's host", "", "127.0.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.service != "" {
				ctx = WithService(ctx, tt.service)
			}
			to := h.fileURL(t, tt.host, "https")
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.api.URL+"/api/redirect/303?to="+url.QueryEscape(to), nil)
			require.NoError(t, err)
			_, err = c.Do(req, nil)
			require.NoError(t, err)
			hdr, _ := h.fileSeen.last()
			if tt.want {
				assert.True(t, strings.HasPrefix(hdr.Get("Authorization"), "Bearer api-token-"), "got %q", hdr.Get("Authorization"))
			} else {
				assert.Empty(t, sentCredential(hdr))
			}
		})
	}
	// A redirect back to the API host carries the credential again.
	req, err := http.NewRequest(http.MethodGet, h.api.URL+"/api/redirect/302?to="+url.QueryEscape(h.api.URL+"/api/here"), nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.NoError(t, err)
	hdr, _ := h.apiSeen.last()
	assert.True(t, strings.HasPrefix(hdr.Get("Authorization"), "Bearer "))
}

// TestDirectCallToAnotherHostCarriesNoCredential: HTTPClient and Stream
// send nothing to a host that is not the service's, even when asked to go
// there directly (an address a server handed out).
func TestDirectCallToAnotherHostCarriesNoCredential(t *testing.T) {
	t.Parallel()
	h := newCredentialHosts(t)
	c := h.client(t, APIKey{Key: "api-key-value-123"}, nil)
	req, err := http.NewRequest(http.MethodGet, h.fileURL(t, "127.0.0.1", "https"), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer caller-set-token-value")
	resp, err := c.HTTPClient().Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	hdr, _ := h.fileSeen.last()
	assert.Empty(t, sentCredential(hdr), "not even a header the caller set")

	req, err = http.NewRequest(http.MethodGet, h.fileURL(t, "localhost", "https"), nil)
	require.NoError(t, err)
	resp, err = c.Stream(req)
	require.NoError(t, err)
	resp.Body.Close()
	hdr, _ = h.fileSeen.last()
	assert.Empty(t, sentCredential(hdr))
}

// TestTokenEndpointRedirectStaysOnItsHost: the token request carries the
// client secret; it follows no redirect to another host.
func TestTokenEndpointRedirectStaysOnItsHost(t *testing.T) {
	t.Parallel()
	var leaked seen
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { leaked.record(r) }))
	t.Cleanup(other.Close)
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/token", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(api.Close)
	env, err := NewEnvironment("t", api.URL, api.URL+"/oauth2/token")
	require.NoError(t, err)
	c, err := NewClient(Config{Environment: env, Credentials: ClientCredentials{ID: "client", Secret: "client-secret-value"},
		Retry: RetryPolicy{MaxAttempts: 1}})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	req, err := http.NewRequest(http.MethodGet, api.URL+"/x", nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	var ae *AuthError
	require.ErrorAs(t, err, &ae)
	assert.NotContains(t, err.Error(), "client-secret-value")
	hdr, _ := leaked.last()
	assert.Nil(t, hdr, "the other host was never asked")
}

// TestEnvironmentServiceHosts: Production lets Geotorget's older download
// host receive Geotorget's credential; hosts compare as name and port.
func TestEnvironmentServiceHosts(t *testing.T) {
	t.Parallel()
	assert.Equal(t, map[Service][]string{ServiceGeotorget: {"download-geotorget.lantmateriet.se:443"}}, Production.serviceHosts())
	assert.Empty(t, Verification.serviceHosts(), "the older download host is documented for Produktion only")
	e := Verification.WithServiceHost(ServiceGeotorget, "Files.Example.se").WithServiceHost(NGPDataset("byggnad"), "127.0.0.1:8443").
		WithServiceHost(ServiceGeotorget, "files.example.se:443")
	assert.Equal(t, map[Service][]string{ServiceGeotorget: {"files.example.se:443"}, NGPDataset("byggnad"): {"127.0.0.1:8443"}}, e.serviceHosts())
	assert.Empty(t, Verification.serviceHosts(), "WithServiceHost returns a copy")
	for raw, want := range map[string]string{
		"https://API.example.se/x": "api.example.se:443", "http://127.0.0.1/": "127.0.0.1:80",
		"https://127.0.0.1:8443": "127.0.0.1:8443", "http://[::1]:8080/a": "[::1]:8080",
	} {
		u, err := url.Parse(raw)
		require.NoError(t, err)
		assert.Equal(t, want, canonicalHost(u), raw)
	}
}
