package delivery_test

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/bal/baltest/gen"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// start is the fake's time in every test.
var start = time.Date(2026, 11, 29, 22, 0, 0, 0, time.UTC)

// fixture is a fake Lantmäteriet with an order and a client for it.
type fixture struct {
	srv   *baltest.Server
	dc    *delivery.Client
	order string
}

// newFixture starts a server holding a municipality of the given number of
// buildings (0: the default 100) and an order of partObjects objects per
// part file.
func newFixture(t *testing.T, buildings, partObjects int, opts ...baltest.Option) *fixture {
	t.Helper()
	opts = append([]baltest.Option{baltest.WithTime(start), baltest.WithData(gen.Config{Seed: 1, Buildings: buildings})}, opts...)
	srv := baltest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return &fixture{srv: srv, dc: delivery.New(c), order: srv.AddOrder(baltest.GeotorgetOrder{PartObjects: partObjects})}
}

// deliver makes the server build a delivery of typ and finish it.
func (f *fixture) deliver(t *testing.T, typ string) {
	t.Helper()
	_, err := f.srv.StartDelivery(f.order, typ)
	require.NoError(t, err)
	require.NoError(t, f.srv.EndDelivery(f.order, "LYCKAD"))
}

// filesPrefix is the path prefix of the order's files and sub-listings.
func (f *fixture) filesPrefix() string {
	return delivery.Base + "/" + f.order + "/leverans/latest/files/"
}

// assertSameFiles checks that dir holds exactly the delivery's files,
// byte for byte, and no .part file.
func (f *fixture) assertSameFiles(t *testing.T, dir string) {
	t.Helper()
	want, err := f.srv.DeliveryFiles(f.order)
	require.NoError(t, err)
	require.NotEmpty(t, want)
	for _, w := range want {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(w.Name)))
		if assert.NoError(t, err, w.Name) {
			assert.Equal(t, w.Size, int64(len(b)), w.Name)
			assert.Equal(t, w.SHA256, sha256.Sum256(b), "%s differs from what the server served", w.Name)
		}
	}
	parts, err := filepath.Glob(filepath.Join(dir, "*", "*.part"))
	require.NoError(t, err)
	top, err := filepath.Glob(filepath.Join(dir, "*.part"))
	require.NoError(t, err)
	assert.Empty(t, append(parts, top...), "every .part file was renamed")
}
