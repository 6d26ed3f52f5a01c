package ngp_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/ngp"
)

// TestReportAtGivenAddress reads the report where the 303 pointed (a path
// the client could not have built), 204 first, then the report.
func TestReportAtGivenAddress(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	ctx := context.Background()
	d := c.Deliveries
	r, err := d.Register(ctx, ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"})
	require.NoError(t, err)
	b := buildings(t, 1)[0]
	_, err = d.RegisterChanges(ctx, r.ID, []ngp.NewChange{{ObjectID: b.ID, Type: ngp.ChangeDelivery}})
	require.NoError(t, err)
	o, err := b.Object()
	require.NoError(t, err)
	rc, err := d.Upload(ctx, r.ID, b.ID, o.Media, o.Body)
	require.NoError(t, err)
	assert.Contains(t, rc.ReportURL, "/mottagning/"+r.ID+"/leveranser/"+b.ID.String())
	_, err = d.Report(ctx, rc.ReportURL)
	require.ErrorIs(t, err, ngp.ErrReportNotReady)
	s.Clock().Advance(2 * time.Second)
	rep, err := d.Report(ctx, rc.ReportURL)
	require.NoError(t, err)
	assert.Zero(t, rep.Failures)
	ch, err := d.Change(ctx, r.ID, b.ID)
	require.NoError(t, err)
	assert.Equal(t, ngp.StatusValidated, ch.Status.Type)
	var uploads, reads int
	for _, q := range s.Requests() {
		switch {
		case q.Method == http.MethodPost && strings.HasSuffix(q.Path, "/leverans"):
			uploads++
		case q.Method == http.MethodGet && strings.Contains(q.Path, "/leveranser/"):
			reads++
		}
	}
	assert.Equal(t, 1, uploads, "the 303 was not followed by sending the file again")
	assert.Equal(t, 2, reads)
}

// TestPublishDeletionAndRedirect publishes a building, then in a second
// mottagning deletes it (radering, mottagen at once) and registers an
// eftersändning for another: the deleted one leaves Sökning.
func TestPublishDeletionAndRedirect(t *testing.T) {
	t.Parallel()
	s, c := fake(t)
	ctx := context.Background()
	info := ngp.DeliveryInfo{InformationType: "byggnad", Provider: "2199"}
	bs := buildings(t, 2)
	_, err := c.Deliveries.Publish(ctx, info, objects(bs[:1]), &ngp.PublishOptions{Wait: onClock(s)})
	require.NoError(t, err)
	count := func() int {
		n := 0
		for _, err := range c.Dataset("byggnad", "v1").Items(ctx, "2199", nil) {
			require.NoError(t, err)
			n++
		}
		return n
	}
	require.Equal(t, 1, count())
	objs := func(yield func(ngp.Object, error) bool) {
		_ = yield(ngp.Object{ID: bs[0].ID, Delete: true}, nil) &&
			yield(ngp.Object{ID: bs[1].ID, Href: "https://karta.exempelby.se/ngp/byggnad/" + bs[1].ID.String() + ".json"}, nil)
	}
	res, err := c.Deliveries.Publish(ctx, info, objs, &ngp.PublishOptions{Wait: onClock(s)})
	require.NoError(t, err)
	assert.Equal(t, ngp.StatusPublished, res.Status)
	assert.Equal(t, 0, count(), "the radering removed the building; the eftersändning is served by the producer")
	for _, ch := range s.NGPChanges() {
		assert.Zero(t, ch.Rejected)
		if ch.Reception == res.ReceptionID {
			assert.Zero(t, ch.Uploads, "nothing to upload for a radering or an eftersändning")
		}
	}
}
