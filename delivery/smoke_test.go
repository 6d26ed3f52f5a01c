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
	"github.com/tjanstebaserad/bal-go/delivery"
)

func TestSmoke(t *testing.T) {
	t.Parallel()
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 29, 22, 0, 0, 0, time.UTC)))
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	dc := delivery.New(c)
	id := srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 100})
	_, err := dc.Latest(t.Context(), id)
	require.ErrorIs(t, err, delivery.ErrNoDelivery)
	t.Log(err)
	d, err := dc.Start(t.Context(), id, delivery.TypeBase)
	require.NoError(t, err)
	t.Log(d)
	d, err = dc.Wait(t.Context(), id, &delivery.WaitOptions{Clock: srv.Clock()})
	require.NoError(t, err)
	t.Log(d)
	files, err := dc.List(t.Context(), id)
	require.NoError(t, err)
	for _, f := range files {
		t.Log(f)
	}
	dir := t.TempDir()
	res, err := dc.Download(t.Context(), id, dir, &delivery.DownloadOptions{Clock: srv.Clock()})
	require.NoError(t, err)
	t.Logf("%+v", *res)
	want, err := srv.DeliveryFiles(id)
	require.NoError(t, err)
	for _, f := range want {
		b, err := os.ReadFile(filepath.Join(dir, f.Name))
		require.NoError(t, err)
		assert.Equal(t, f.SHA256, sha256.Sum256(b), f.Name)
	}
}
