package baltest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/transport"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// TestBatchReadAndFeedObjectsRefuseBadRequests: the batch read takes 1–250
// ids, and objekt takes only med.
func TestBatchReadAndFeedObjectsRefuseBadRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	ids := func(n int) url.Values {
		q := url.Values{}
		for range n {
			q.Add("id", "00000000-0000-4000-8000-000000000001")
		}
		return q
	}
	tests := []struct {
		name   string
		path   string
		query  url.Values
		status int
	}{
		{"no id", "/byggnad", nil, http.StatusBadRequest},
		{"251 ids", "/byggnad", ids(251), http.StatusBadRequest},
		{"250 unknown ids", "/byggnad", ids(250), http.StatusOK},
		{"an unknown type", "/hus", ids(1), http.StatusNotFound},
		{"objekt=alla", "/forandringar", url.Values{"objekt": {"alla"}}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			list := &update1.Objektlista{Typ: update1.TypByggnad}
			var out any = list
			if strings.HasPrefix(tt.path, "/forandringar") {
				out = new(update1.Forandringar)
			}
			_, err := h.tr.Do(t.Context(), &transport.Op{Name: "test", Method: http.MethodGet, Base: h.tr.UpdateBase(), Path: tt.path, Query: tt.query, Out: out})
			if tt.status == http.StatusOK {
				require.NoError(t, err)
				assert.Empty(t, list.Objekt, "unknown ids are left out")
				return
			}
			assert.Equal(t, tt.status, faultOf(t, err).StatusCode)
		})
	}
}
