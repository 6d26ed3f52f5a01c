package ngp_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// TestFaultsFromFake checks the documented error answers through the fake:
// status, sentinel, and Lantmäteriet's fault v1 body.
func TestFaultsFromFake(t *testing.T) {
	t.Parallel()
	s, c := fake(t, baltest.WithNGPMaxObjectBytes(4096))
	ctx := context.Background()
	d := c.Deliveries
	r, err := d.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"})
	require.NoError(t, err)
	b := buildings(t, 1)[0]
	_, err = d.RegisterChanges(ctx, r.ID, []ngp.NewChange{{ObjectID: b.ID, Type: ngp.ChangeDelivery}})
	require.NoError(t, err)
	o, err := b.Object()
	require.NoError(t, err)
	// The object with a 5000-character member: over the 4096-byte limit.
	big := append(bytes.Clone(o.Body[:len(o.Body)-1]), `,"x":"`+string(bytes.Repeat([]byte("a"), 5000))+`"}`...)
	unknown := bal.NewObjectID()

	tests := []struct {
		name   string
		call   func() error
		status int
		is     error
	}{
		{"400 changes registered twice", func() error {
			_, err := d.RegisterChanges(ctx, r.ID, []ngp.NewChange{{ObjectID: b.ID, Type: ngp.ChangeDelivery}})
			return err
		}, 400, bal.ErrValidation},
		{"403 provider not allowed", func() error {
			_, err := d.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "0180"})
			return err
		}, 403, bal.ErrForbidden},
		{"404 unknown mottagning", func() error { _, err := d.Get(ctx, bal.NewObjectID().String()); return err }, 404, bal.ErrNotFound},
		{"404 unknown change", func() error { _, err := d.Change(ctx, r.ID, unknown); return err }, 404, bal.ErrNotFound},
		{"413 object too large", func() error { _, err := d.Upload(ctx, r.ID, b.ID, ngp.MediaByggnadV1, big); return err }, 413, nil},
		{"415 media type not listed", func() error { _, err := d.Upload(ctx, r.ID, b.ID, "application/json", o.Body); return err }, 415, nil},
		{"415 media type of another information type", func() error {
			_, err := d.Upload(ctx, r.ID, b.ID, ngp.MediaDetaljplanV3, o.Body)
			return err
		}, 415, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var e *bal.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tc.status, e.StatusCode)
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
			var f struct {
				Code   int      `json:"code"`
				Reason string   `json:"reason"`
				Errors []string `json:"errors"`
			}
			require.NoError(t, json.Unmarshal(e.Body, &f), "fault v1 body: %s", e.Body)
			assert.Equal(t, tc.status, f.Code)
			assert.NotEmpty(t, f.Reason)
			assert.NotEmpty(t, f.Errors)
		})
	}
	// None of the refused uploads counted; the object still uploads.
	_, err = d.Upload(ctx, r.ID, b.ID, ngp.MediaByggnadV1, o.Body)
	require.NoError(t, err)
	_, err = d.Upload(ctx, r.ID, b.ID, ngp.MediaByggnadV1, o.Body)
	assert.ErrorIs(t, err, bal.ErrValidation, "a mottagen change takes no upload")
	for _, ch := range s.NGPChanges() {
		assert.Equal(t, 1, ch.Uploads)
		assert.Equal(t, 4, ch.Rejected, "413, two 415s and the second upload")
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	h, err := c.Deliveries.Health(context.Background())
	require.NoError(t, err)
	assert.Equal(t, ngp.HealthUp, h)
	s.SetNGPHealth("OUT_OF_SERVICE")
	h, err = c.Deliveries.Health(context.Background())
	require.NoError(t, err)
	assert.Equal(t, ngp.HealthOutOfService, h)
}

// TestDownloadResumes cuts the file's first transfer in half; the download
// continues with a Range request and checks the length.
func TestDownloadResumes(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	body := make([]byte, 300_000)
	_, _ = rand.Read(body)
	id := bal.NewObjectID().String()
	s.AddNGPFile(id, "application/zip", body)
	s.Inject(baltest.FaultRule{Name: "cut", Kind: baltest.FaultTruncate, PathPrefix: ngp.DownloadBase + "/fil/", Times: 1})
	path := filepath.Join(t.TempDir(), "asset.zip")
	var last int64
	dl, err := c.Downloads.Asset(context.Background(), id, path, &ngp.DownloadOptions{Progress: func(done, _ int64) { last = done }})
	require.NoError(t, err)
	assert.Equal(t, 1, s.FaultsFired("cut"))
	assert.Equal(t, 1, dl.Resumed)
	assert.Equal(t, int64(len(body)), dl.Size)
	assert.Equal(t, "application/zip", dl.Media)
	assert.Equal(t, int64(len(body)), last)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, body, got)
	_, err = os.Stat(path + ".part")
	assert.True(t, os.IsNotExist(err), "the part file is renamed")
	ranged := false
	for _, r := range s.Requests() {
		ranged = ranged || r.Path == ngp.DownloadBase+"/fil/"+id && r.Status == http.StatusPartialContent
	}
	assert.True(t, ranged, "the second request continued with Range")

	_, err = c.Downloads.Asset(context.Background(), bal.NewObjectID().String(), path, nil)
	assert.ErrorIs(t, err, bal.ErrNotFound)
}

func TestResources(t *testing.T) {
	t.Parallel()
	_, c := fake(t)
	ctx := context.Background()
	r, err := c.Resources.Create(ctx, "detaljplan")
	require.NoError(t, err)
	assert.Equal(t, "detaljplan", r.InformationType)
	r, err = c.Resources.Upload(ctx, r.ID, "application/pdf", []byte("%PDF-1.7 planbeskrivning"))
	require.NoError(t, err)
	require.Len(t, r.Revisions, 1)
	assert.Equal(t, int64(24), r.Revisions[0].Size)
	r, err = c.Resources.Redirect(ctx, r.ID, "https://karta.exempelby.se/plan/beskrivning.pdf")
	require.NoError(t, err)
	got, err := c.Resources.Get(ctx, r.ID)
	require.NoError(t, err)
	assert.Equal(t, "https://karta.exempelby.se/plan/beskrivning.pdf", got.Href)
	_, err = c.Resources.Redirect(ctx, r.ID, "http://karta.exempelby.se/x.pdf")
	var v *bal.ValidationError
	assert.ErrorAs(t, err, &v, "https only, checked before sending")
	require.NoError(t, c.Resources.Delete(ctx, r.ID))
	_, err = c.Resources.Get(ctx, r.ID)
	assert.ErrorIs(t, err, bal.ErrNotFound)
}
