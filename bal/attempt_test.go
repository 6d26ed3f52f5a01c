package bal

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The attempt deadline bounds reading the body too, like
// http.Client.Timeout, and closing the body releases it.
func TestAttemptTimeoutBoundsTheBody(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "start of a body that never ends")
		w.(http.Flusher).Flush()
		if r.URL.Path == "/stall" {
			<-r.Context().Done() // until the client gives up
		}
	}))
	t.Cleanup(srv.Close)
	base := srv.Client().Transport
	t.Cleanup(srv.Client().CloseIdleConnections)

	t.Run("a stalled body ends with the deadline", func(t *testing.T) {
		t.Parallel()
		rt := &attemptTimeout{next: base, d: 50 * time.Millisecond}
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/stall", nil)
		require.NoError(t, err)
		resp, err := rt.RoundTrip(req)
		require.NoError(t, err, "headers arrive in time")
		defer resp.Body.Close()
		_, err = io.ReadAll(resp.Body)
		require.Error(t, err)
		assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
		assert.NoError(t, t.Context().Err(), "the caller's context is untouched")
	})
	t.Run("closing the body releases the deadline", func(t *testing.T) {
		t.Parallel()
		rt := &attemptTimeout{next: base, d: time.Hour}
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/done", nil)
		require.NoError(t, err)
		resp, err := rt.RoundTrip(req)
		require.NoError(t, err)
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		assert.Equal(t, "start of a body that never ends", string(b))
		require.NoError(t, resp.Body.Close())
		assert.ErrorIs(t, resp.Request.Context().Err(), context.Canceled, "the attempt's context is released on Close")
	})
}
