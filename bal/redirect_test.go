package bal

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/callctx"
	"github.com/tjanstebaserad/bal-go/internal/lmtest"
)

// TestRedirectKeptWhenAsked checks the one-call opt-out of redirects: a
// marked POST gets its 303 back (Location and JSON body) and the target is
// never requested; an unmarked call still follows; a 204 is success with
// nothing to decode.
func TestRedirectKeptWhenAsked(t *testing.T) {
	t.Parallel()
	var followed atomic.Int32
	srv := lmtest.New(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/upload":
			w.Header().Set("Location", lmtest.BasePath+"/report")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusSeeOther)
			_, _ = w.Write([]byte(`{"href":"/report"}`))
		case "/empty303":
			w.Header().Set("Location", lmtest.BasePath+"/report")
			w.WriteHeader(http.StatusSeeOther)
		case "/report":
			followed.Add(1)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"href":"followed"}`))
		case "/nothing":
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	c := newTestClient(t, srv, nil)
	call := func(ctx context.Context, method, path string) (*Response, string, error) {
		req, err := http.NewRequestWithContext(ctx, method, c.Environment().BaseURL()+path, strings.NewReader("{}"))
		require.NoError(t, err)
		req.Header.Set("Accept", "application/json")
		var out struct{ Href string }
		res, err := c.Do(req, &out)
		return res, out.Href, err
	}
	tests := []struct {
		name     string
		path     string
		keep     bool
		status   int
		href     string
		followed int32
	}{
		{name: "kept with body", path: "/upload", keep: true, status: 303, href: "/report"},
		{name: "kept without body", path: "/empty303", keep: true, status: 303},
		{name: "followed by default", path: "/upload", status: 200, href: "followed", followed: 1},
		{name: "204 has nothing to decode", path: "/nothing", status: 204},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := followed.Load()
			ctx := context.Background()
			if tc.keep {
				ctx = callctx.WithoutRedirects(ctx)
			}
			res, href, err := call(ctx, http.MethodPost, tc.path)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.href, href)
			assert.Equal(t, tc.followed, followed.Load()-before)
			if tc.keep {
				assert.Equal(t, lmtest.BasePath+"/report", res.Header.Get("Location"))
			}
		})
	}
}
