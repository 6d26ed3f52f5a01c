package bal

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

func TestFileTokenStore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "cache", "tokens.json")
	s := NewFileTokenStore(path)
	ctx := t.Context()
	k1 := TokenKey{TokenURL: "https://auth/t", ClientID: "a", Scope: "x y"}
	k2 := TokenKey{TokenURL: "https://auth/t", ClientID: "b"}
	put := func(k TokenKey, tok *oauth2.Token) *oauth2.Token {
		got, err := s.Update(ctx, k, func(*oauth2.Token) (*oauth2.Token, error) { return tok, nil })
		require.NoError(t, err)
		return got
	}
	stored := func(k TokenKey) *oauth2.Token {
		var out *oauth2.Token
		_, err := s.Update(ctx, k, func(cur *oauth2.Token) (*oauth2.Token, error) { out = cur; return cur, nil })
		require.NoError(t, err)
		return out
	}

	assert.Nil(t, stored(k1), "empty at first; the directory is made")
	exp := time.Now().Add(time.Hour).Truncate(time.Second)
	put(k1, &oauth2.Token{AccessToken: "token-one", TokenType: "Bearer", Expiry: exp, ExpiresIn: 3600})
	put(k2, &oauth2.Token{AccessToken: "token-two", Expiry: exp})
	got := stored(k1)
	require.NotNil(t, got)
	assert.Equal(t, "token-one", got.AccessToken)
	assert.True(t, exp.Equal(got.Expiry))
	assert.Equal(t, int64(3600), got.ExpiresIn)
	assert.Equal(t, "token-two", stored(k2).AccessToken, "keyed by token URL, client id and scope")
	assert.Nil(t, stored(TokenKey{TokenURL: "https://auth/t", ClientID: "a"}), "another scope is another key")

	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
	}

	// A failed update stores nothing.
	_, err := s.Update(ctx, k1, func(*oauth2.Token) (*oauth2.Token, error) { return nil, errors.New("endpoint down") })
	require.Error(t, err)
	assert.Equal(t, "token-one", stored(k1).AccessToken)

	// Expired tokens are dropped on the next write.
	put(k2, &oauth2.Token{AccessToken: "token-two-old", Expiry: time.Now().Add(-time.Minute)})
	put(k1, &oauth2.Token{AccessToken: "token-three", Expiry: exp})
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var f tokenFile
	require.NoError(t, json.Unmarshal(b, &f))
	assert.Len(t, f.Tokens, 1)

	// A damaged file is an empty store, replaced by the next write.
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o600))
	assert.Nil(t, stored(k1))
	put(k1, &oauth2.Token{AccessToken: "token-four", Expiry: exp})
	assert.Equal(t, "token-four", stored(k1).AccessToken)

	// No temporary files are left behind.
	left, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp"))
	require.NoError(t, err)
	assert.Empty(t, left)
}

// TestFileTokenStoreLocks: a second store on the same file (another
// process, as far as the lock is concerned: another file descriptor) waits
// for the first one's update, and gives up when its context ends.
func TestFileTokenStoreLocks(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "tokens.json")
	a, b := NewFileTokenStore(path), NewFileTokenStore(path)
	key := TokenKey{TokenURL: "u", ClientID: "c"}
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		_, err := a.Update(context.Background(), key, func(*oauth2.Token) (*oauth2.Token, error) {
			close(inside)
			<-release
			return &oauth2.Token{AccessToken: "from-a-token", Expiry: time.Now().Add(time.Hour)}, nil
		})
		done <- err
	}()
	<-inside
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := b.Update(ctx, key, func(cur *oauth2.Token) (*oauth2.Token, error) { return cur, nil })
	require.ErrorIs(t, err, context.Canceled, "locked by a")

	var seen *oauth2.Token
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := b.Update(t.Context(), key, func(cur *oauth2.Token) (*oauth2.Token, error) { seen = cur; return cur, nil })
		assert.NoError(t, err)
	})
	close(release)
	require.NoError(t, <-done)
	wg.Wait()
	require.NotNil(t, seen)
	assert.Equal(t, "from-a-token", seen.AccessToken, "b ran after a and saw its token")
}

// sharedClients returns n clients of srv sharing one FileTokenStore and one
// clock.
func sharedClients(t *testing.T, srv *lmtest.Server, n int, clock *fakeClock) []*Client {
	store := NewFileTokenStore(filepath.Join(t.TempDir(), "tokens.json"))
	var cs []*Client
	for range n {
		c := newTestClient(t, srv, func(cfg *Config) { cfg.TokenStore = store })
		c.auth.def.tokens.now = clock.Now
		cs = append(cs, c)
	}
	return cs
}

func TestSharedTokenOnePerExpiry(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	clock := &fakeClock{now: time.Now()}
	cs := sharedClients(t, srv, 3, clock)
	call := func(c *Client) {
		resp, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
	}
	for _, c := range cs {
		call(c)
	}
	assert.Equal(t, 1, srv.TokenRequests(), "three clients, one token")

	// Past the renewal point: the first client fetches, the others take
	// its token from the store.
	clock.Add(time.Hour - 59*time.Second)
	for _, c := range cs {
		call(c)
	}
	assert.Equal(t, 2, srv.TokenRequests(), "one per expiry, not one per client")
	assert.Equal(t, 6, srv.APIRequests(), "and no 401 on the way")
}

func TestSharedTokenRereadOn401(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	clock := &fakeClock{now: time.Now()}
	cs := sharedClients(t, srv, 3, clock)
	for _, c := range cs {
		_, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
	}
	// Something else revokes the shared token (a process without the
	// store): the first client meets a 401 and fetches; the others meet a
	// 401 and re-read the store instead of fetching again.
	srv.Revoke()
	for _, c := range cs {
		resp, err := get(t.Context(), c, "/x")
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
	assert.Equal(t, 2, srv.TokenRequests())
}

// TestUnsharedClientsRevokeEachOther is the problem the store solves, and
// what a 401 that persists says: two clients of one application without a
// shared store keep replacing each other's token.
func TestUnsharedClientsRevokeEachOther(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	a := newTestClient(t, srv, nil)
	b := newTestClient(t, srv, nil)
	_, err := get(t.Context(), a, "/x")
	require.NoError(t, err)
	_, err = get(t.Context(), b, "/x") // b's token revokes a's
	require.NoError(t, err)
	resp, err := get(t.Context(), a, "/x") // a meets a 401 and fetches again
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 3, srv.TokenRequests())

	// A 401 right after a fresh token: the error says what may be going on.
	always401 := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
	}))
	c := newTestClient(t, always401, nil)
	req, err := http.NewRequest(http.MethodGet, c.Environment().BaseURL()+"/x", nil)
	require.NoError(t, err)
	_, err = c.Do(req, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	require.ErrorIs(t, err, ErrTokenRevoked)
	assert.Contains(t, err.Error(), "another process")
	assert.Contains(t, err.Error(), "Config.TokenStore")
}

// A store that fails (its disk, its lock) must not stop the client: it
// fetches without it.
func TestTokenStoreFailureFallsBack(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.TokenStore = failingStore{} })
	resp, err := get(t.Context(), c, "/x")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, 1, srv.TokenRequests())
}

type failingStore struct{}

func (failingStore) Update(context.Context, TokenKey, func(*oauth2.Token) (*oauth2.Token, error)) (*oauth2.Token, error) {
	return nil, errors.New("disk full")
}

// TestSharedTokensAreMasked: a token read from the store is masked like
// one the client fetched.
func TestSharedTokensAreMasked(t *testing.T) {
	t.Parallel()
	srv := lmtest.New(t, okHandler)
	store := NewFileTokenStore(filepath.Join(t.TempDir(), "tokens.json"))
	a := newTestClient(t, srv, func(cfg *Config) { cfg.TokenStore = store })
	_, err := get(t.Context(), a, "/x")
	require.NoError(t, err)
	tok := srv.CurrentToken()
	b := newTestClient(t, srv, func(cfg *Config) { cfg.TokenStore = store })
	_, err = get(t.Context(), b, "/x")
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokenRequests())
	assert.Equal(t, "echo [masked]", b.secrets.maskLiterals("echo "+tok))
}
