package bal

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// A streamed answer is not capped; an error answer is typed as Do types it.
func TestStream(t *testing.T) {
	t.Parallel()
	const size = 4096
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			_, _ = io.WriteString(w, strings.Repeat("x", size))
		case "/gone":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `{"fault":{"code":900910,"message":"The access token does not allow you to access the requested resource","description":"Scope validation failed."}}`)
		}
	}))
	c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxResponseBytes = 1024 })
	stream := func(ctx context.Context, path string) (*http.Response, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Environment().BaseURL()+path, nil)
		require.NoError(t, err)
		return c.Stream(req)
	}
	t.Run("beyond the size cap", func(t *testing.T) {
		t.Parallel()
		resp, err := stream(t.Context(), "/big")
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Len(t, b, size)
	})
	t.Run("error answer", func(t *testing.T) {
		t.Parallel()
		resp, err := stream(t.Context(), "/gone")
		require.Error(t, err)
		assert.Nil(t, resp)
		assert.ErrorIs(t, err, ErrForbidden)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "900910", e.Code)
		assert.Equal(t, SourceGateway, e.Source)
	})
}

// A streamed attempt's deadline bounds each pause in the body, not the
// whole body: a transfer longer than the deadline completes, a stalled one
// ends.
func TestAttemptTimeoutIdleForStreams(t *testing.T) {
	t.Parallel()
	const d = 300 * time.Millisecond
	stall := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			// Longer in all than the deadline, never a pause as long.
			for range 5 {
				_, _ = io.WriteString(w, "chunk")
				w.(http.Flusher).Flush()
				time.Sleep(d / 3) // the server's pace, not a wait for the test
			}
		case "/stall":
			_, _ = io.WriteString(w, "start")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-stall:
			}
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(stall) })
	t.Cleanup(srv.Client().CloseIdleConnections)
	rt := &attemptTimeout{next: srv.Client().Transport, d: d}
	tests := []struct {
		path    string
		want    string
		wantErr error
	}{
		{path: "/slow", want: strings.Repeat("chunk", 5)},
		{path: "/stall", want: "start", wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			ctx := callctx.With(t.Context(), &callctx.Info{Operation: "test", Stream: true})
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+tt.path, nil)
			require.NoError(t, err)
			resp, err := rt.RoundTrip(req)
			require.NoError(t, err)
			b, err := io.ReadAll(resp.Body)
			assert.Equal(t, tt.want, string(b))
			if tt.wantErr != nil {
				assert.True(t, errors.Is(err, tt.wantErr), "%v", err)
			} else {
				assert.NoError(t, err)
			}
			require.NoError(t, resp.Body.Close())
			assert.NoError(t, t.Context().Err(), "the caller's context is untouched")
		})
	}
}
