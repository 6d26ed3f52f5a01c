package delivery_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// A file server that misbehaves must not leave a wrong file in place: the
// download fails with bal.ErrInvalidResponse, and only a .part file stays.
func TestDownloadRefusesAFileThatDoesNotFit(t *testing.T) {
	t.Parallel()
	const body = "0123456789abcdefghij" // 20 bytes, as listed
	tests := []struct {
		name  string
		serve func(w http.ResponseWriter, r *http.Request)
	}{
		{"shorter than listed", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(body[:10]))
		}},
		{"longer than listed", func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(body + "extra"))
		}},
		{"longer, unannounced", func(w http.ResponseWriter, r *http.Request) {
			w.(http.Flusher).Flush() // chunked: no Content-Length to check first
			_, _ = w.Write([]byte(body + "extra"))
		}},
		{"wrong range", func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Range") == "" {
				w.Header().Set("Content-Length", "20")
				_, _ = w.Write([]byte(body[:5]))
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler) // the connection ends mid-file

			}
			w.Header().Set("Content-Range", "bytes 3-19/20")
			w.WriteHeader(http.StatusPartialContent)
			_, _ = w.Write([]byte(body[3:]))
		}},
		{"other total", func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Range") == "" {
				w.Header().Set("Content-Length", "20")
				_, _ = w.Write([]byte(body[:5]))
				w.(http.Flusher).Flush()
				panic(http.ErrAbortHandler)
			}
			w.Header().Set("Content-Range", "bytes 5-24/25")
			w.WriteHeader(http.StatusPartialContent)
			_, _ = w.Write([]byte(body[5:] + "extra"))
		}},
		{"no content", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNoContent)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dc := fileServer(t, 20, tt.serve)
			dir := t.TempDir()
			_, err := dc.Download(t.Context(), "order", dir, &delivery.DownloadOptions{Clock: instant{}})
			require.ErrorIs(t, err, bal.ErrInvalidResponse)
			_, err = os.Stat(filepath.Join(dir, "fil.zip"))
			assert.ErrorIs(t, err, os.ErrNotExist, "no file is renamed into place")
		})
	}
}

// A listing that would write outside the folder, or twice to one file, is
// refused before anything is fetched.
func TestDownloadRefusesAHostileListing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		listing string
	}{
		{"escape", `[{"title":"../x","type":"application/octet-stream","path":"/f","length":1}]`},
		{"twice", `[{"title":"a.zip","type":"application/octet-stream","path":"/f","length":1},{"title":"A.ZIP","type":"application/octet-stream","path":"/g","length":1}]`},
		{"loop", `[{"title":"d","type":"application/json","path":"/leverans/latest/files"}]`},
		{"not json", `<html></html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				switch {
				case strings.HasSuffix(r.URL.Path, "/leverans/latest"):
					_, _ = fmt.Fprintf(w, `{"objektidentitet":"d1","skapad":%q,"status":"LYCKAD","typ":"BAS"}`, time.Now().Format("2006-01-02T15:04:05"))
				case strings.Contains(r.URL.Path, "/leverans/latest/files"):
					_, _ = w.Write([]byte(tt.listing))
				default:
					t.Errorf("fetched %s", r.URL.Path)
				}
			}))
			dir := t.TempDir()
			_, err := clientFor(t, srv).Download(t.Context(), "order", dir, nil)
			require.ErrorIs(t, err, bal.ErrInvalidResponse)
			entries, _ := os.ReadDir(dir)
			assert.Empty(t, entries, "nothing written")
		})
	}
}

// instant is a Clock whose timers fire at once.
type instant struct{}

func (instant) Now() time.Time { return time.Now() }

func (instant) NewTimer(time.Duration) (<-chan time.Time, func() bool) {
	ch := make(chan time.Time, 1)
	ch <- time.Now()
	return ch, func() bool { return false }
}

// fileServer serves a delivery of one file, fil.zip, of size bytes, with
// serve answering the file itself.
func fileServer(t *testing.T, size int64, serve func(w http.ResponseWriter, r *http.Request)) *delivery.Client {
	t.Helper()
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/leverans/latest"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `{"objektidentitet":"d1","skapad":%q,"status":"LYCKAD","typ":"BAS"}`, time.Now().Format("2006-01-02T15:04:05"))
		case strings.HasSuffix(r.URL.Path, "/leverans/latest/files"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `[{"title":"fil.zip","type":"application/octet-stream","path":"/fil?sig=x","length":%s}]`, strconv.FormatInt(size, 10))
		default:
			serve(w, r)
		}
	}))
	return clientFor(t, srv)
}

func clientFor(t *testing.T, srv *lmtest.Server) *delivery.Client {
	t.Helper()
	env, err := bal.NewEnvironment("test", srv.BaseURL(), srv.TokenURL())
	require.NoError(t, err)
	c, err := bal.NewClient(bal.Config{Environment: env, Credentials: bal.ClientCredentials{ID: lmtest.ClientID, Secret: lmtest.Secret},
		Retry: bal.RetryPolicy{MinWait: time.Millisecond, MaxWait: time.Millisecond}})
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return delivery.New(c)
}
