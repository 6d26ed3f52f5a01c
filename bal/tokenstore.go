package bal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"golang.org/x/oauth2"
)

// TokenStore shares access tokens between processes. Lantmäteriet revokes
// an application's previous token whenever it issues a new one, so two
// processes that fetch tokens with the same consumer key (a nightly sync
// and a permit system, say) revoke each other's. With a store, a client
// takes the token the store holds while it is valid, fetches a new one only
// under the store's lock (so only one process fetches), and on a 401 reads
// the store again before fetching.
//
// FileTokenStore shares tokens between the processes of one host. To share
// across hosts, implement TokenStore over what the hosts share (a database
// row lock, a Redis lock, a vault).
type TokenStore interface {
	// Update calls update with the token stored under key (nil when there
	// is none) while holding a lock that keeps every other process from
	// running an Update of key at the same time, and then stores the token
	// update returned unless it is the one it was given. It returns
	// update's token, or the first error (nothing is stored then).
	Update(ctx context.Context, key TokenKey, update func(stored *oauth2.Token) (*oauth2.Token, error)) (*oauth2.Token, error)
}

// TokenKey names a shared token: tokens are shared by the applications
// (consumer keys) that ask one token endpoint for the same scopes.
type TokenKey struct {
	// TokenURL is the token endpoint.
	TokenURL string
	// ClientID is the consumer key.
	ClientID string
	// Scope is the scopes asked for, sorted and separated by spaces; empty
	// for the application's default scopes.
	Scope string
}

// String returns the key as one line, e.g. for a store's file or row name.
func (k TokenKey) String() string { return k.TokenURL + " " + k.ClientID + " " + k.Scope }

// FileTokenStore is a TokenStore in a file that the processes of one host
// share: a JSON file of tokens (mode 0600) next to a lock file, locked with
// the operating system's file lock (flock on Unix, LockFileEx on Windows)
// and replaced atomically (written to a temporary file, then renamed), so a
// process that dies mid-write leaves the previous tokens intact. Make one
// with NewFileTokenStore and give it to every process that uses the same
// application.
//
// The file holds access tokens, not secrets; they live an hour at most.
// Keep it where only the user the processes run as can read it, such as
// filepath.Join(os.UserCacheDir(), "bal-go", "tokens.json").
type FileTokenStore struct {
	path string
	// mu serialises the goroutines of this process; the file lock the
	// processes.
	mu   sync.Mutex
	lock *flock.Flock
}

// NewFileTokenStore returns a store in the file at path (created, with its
// directory, on first use). The lock file is path + ".lock".
func NewFileTokenStore(path string) *FileTokenStore {
	return &FileTokenStore{path: path, lock: flock.New(path+".lock", flock.SetPermissions(0o600))}
}

// Path returns the token file's path.
func (s *FileTokenStore) Path() string { return s.path }

// fileLockPoll is how often a process waiting for the file lock tries
// again.
const fileLockPoll = 5 * time.Millisecond

// Update implements TokenStore.
func (s *FileTokenStore) Update(ctx context.Context, key TokenKey, update func(*oauth2.Token) (*oauth2.Token, error)) (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return nil, fmt.Errorf("bal: token store: %w", err)
	}
	ok, err := s.lock.TryLockContext(ctx, fileLockPoll)
	if err != nil || !ok {
		if err == nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("bal: token store: lock %s: %w", s.lock.Path(), err)
	}
	defer func() { _ = s.lock.Unlock() }()

	file, err := s.read()
	if err != nil {
		return nil, err
	}
	k := key.String()
	var stored *oauth2.Token
	if e, ok := file.Tokens[k]; ok {
		stored = e.token()
	}
	tok, err := update(stored)
	if err != nil {
		return nil, err
	}
	if tok == nil || (stored != nil && tok.AccessToken == stored.AccessToken) {
		return tok, nil
	}
	now := time.Now()
	for name, e := range file.Tokens {
		if !e.Expiry.IsZero() && e.Expiry.Before(now) {
			delete(file.Tokens, name)
		}
	}
	file.Tokens[k] = storedTokenOf(key, tok)
	if err := s.write(file); err != nil {
		return tok, err
	}
	return tok, nil
}

// tokenFile is the file's content.
type tokenFile struct {
	Version int                    `json:"version"`
	Tokens  map[string]storedToken `json:"tokens"`
}

// storedToken is one shared token.
type storedToken struct {
	TokenURL    string    `json:"token_url"`
	ClientID    string    `json:"client_id"`
	Scope       string    `json:"scope,omitempty"`
	AccessToken string    `json:"access_token"`
	TokenType   string    `json:"token_type,omitempty"`
	Expiry      time.Time `json:"expiry,omitzero"`
	ExpiresIn   int64     `json:"expires_in,omitempty"`
}

func storedTokenOf(k TokenKey, t *oauth2.Token) storedToken {
	return storedToken{TokenURL: k.TokenURL, ClientID: k.ClientID, Scope: k.Scope,
		AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: t.Expiry, ExpiresIn: t.ExpiresIn}
}

func (e storedToken) token() *oauth2.Token {
	return &oauth2.Token{AccessToken: e.AccessToken, TokenType: e.TokenType, Expiry: e.Expiry, ExpiresIn: e.ExpiresIn}
}

// read returns the file's tokens; a missing or unreadable file is an empty
// store (the next write replaces it), since a token can always be fetched
// again.
func (s *FileTokenStore) read() (*tokenFile, error) {
	f := &tokenFile{Version: 1, Tokens: map[string]storedToken{}}
	b, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f, nil
	case err != nil:
		return nil, fmt.Errorf("bal: token store: %w", err)
	}
	var got tokenFile
	if json.Unmarshal(b, &got) != nil || got.Version != 1 || got.Tokens == nil {
		return f, nil
	}
	return &got, nil
}

// write replaces the file atomically: a temporary file in the same
// directory (created 0600), synced, then renamed over the old one (which
// replaces it on Windows too).
func (s *FileTokenStore) write(f *tokenFile) error {
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("bal: token store: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("bal: token store: %w", err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(name, s.path)
	}
	if werr != nil {
		_ = os.Remove(name)
		return fmt.Errorf("bal: token store: %w", werr)
	}
	return nil
}
