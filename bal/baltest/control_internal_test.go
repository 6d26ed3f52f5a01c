package baltest

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestResetCoversTheState fails when the server or the fake platform gains
// state that Reset does not know about: add it to Reset (or to kept, for
// configuration and plumbing), then here.
func TestResetCoversTheState(t *testing.T) {
	t.Parallel()
	fields := func(v any) []string {
		var out []string
		for f := range reflect.TypeOf(v).Fields() {
			out = append(out, f.Name)
		}
		return out
	}
	assert.Equal(t, []string{"opts", "ts", "fileHost", "clock", "loc", "mu", "st", "authMu", "apps", "refusedTokens", "logMu", "reqlog", "injMu",
		"rules", "injSeq", "base", "dataset", "datasetOnce", "ngp", "gt", "controlOnce", "controlRoutes", "reqHook"}, fields(Server{}),
		"Reset renews st, clears rules and reqlog, resets ngp, gt and the clock; the rest is configuration or plumbing")
	assert.Equal(t, []string{"mu", "timings", "maxObject", "producers", "health", "receptions", "registered", "catalogs",
		"files", "resources"}, fields(ngpState{}), "ngpState.reset renews everything but mu, timings, maxObject and producers")
	assert.Equal(t, []string{"mu", "orders", "byClient", "key", "dir", "ownDir"}, fields(geotorget{}),
		"geotorget.reset forgets orders, clients and the key, and removes its own files")
}
