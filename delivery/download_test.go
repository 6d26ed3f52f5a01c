package delivery_test

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/delivery"
)

// A delivery of several files (about 20 MB) through connections cut at
// random byte offsets and signed paths that expire mid-download, by
// ExpireSignedPaths and by the clock passing their exp: every file ends
// byte-identical to what the server served, and every broken transfer was
// resumed where it broke, never restarted: exactly the delivery's bytes
// came over the network.
func TestDownloadThroughCutsAndExpiringPaths(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("20 MB")
	}
	f := newFixture(t, 3500, 4000, baltest.WithSignedPathTTL(10*time.Minute))
	// Stored, not deflated: 3 500 buildings make about 20 MB.
	f.order = f.srv.AddOrder(baltest.GeotorgetOrder{PartObjects: 4000, Uncompressed: true})
	f.deliver(t, "BAS")
	files, err := f.srv.DeliveryFiles(f.order)
	require.NoError(t, err)
	var total int64
	for _, w := range files {
		total += w.Size
	}
	require.Greater(t, len(files), 5, "several files")
	require.Greater(t, total, int64(15<<20), "about 20 MB")

	// Cut file answers (not listings) at random offsets, seeded.
	for i, prefix := range []string{f.filesPrefix() + "byggnad/", f.filesPrefix() + "belagenhetsadress_"} {
		f.srv.Inject(baltest.FaultRule{Name: "cut", Method: "GET", PathPrefix: prefix, Kind: baltest.FaultCut,
			RandomAt: true, Probability: 0.8, Seed: uint64(42 + i)})
	}
	// Expire the signed paths every 3 MB: by the clock (past exp) and by
	// a new signing key, in turn. The clock moves 15 minutes past the
	// paths' 10: far enough to expire every path, not so far that every
	// jump also expires the hour-long token (a jump every few ms, each
	// costing every transfer a new token, is no longer a download but a
	// race between jumps and token round trips).
	var mu sync.Mutex
	next, expiries := int64(3<<20), 0
	progress := func(p delivery.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Done < next {
			return
		}
		next += 3 << 20
		if expiries++; expiries%2 == 0 {
			f.srv.Clock().Advance(15 * time.Minute)
		} else {
			f.srv.ExpireSignedPaths()
		}
	}
	dir := t.TempDir()
	res, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{
		Parallelism: 3, Progress: progress, Clock: f.srv.Clock(), MaxStalls: 50})
	require.NoError(t, err)
	f.assertSameFiles(t, dir)

	// A cut answer is logged with status 0; the rule also fires on the
	// 403s of expired paths, which have no body to cut.
	var cuts, stale int
	for _, r := range f.srv.Requests() {
		switch {
		case r.Injected == "cut" && r.Status == 0:
			cuts++
		case r.Status == 403:
			stale++
		}
	}
	t.Logf("%d files, %d bytes: %d cuts, %d interruptions, %d resumes, %d restarts, %d expiries, %d answers 403, %d relists",
		len(res.Files), res.Total, cuts, res.Interruptions, res.Resumes, res.Restarts, expiries, stale, res.Relists)
	assert.Equal(t, total, res.Total)
	assert.Equal(t, res.Total, res.Received, "no byte fetched twice: every transfer resumed where it broke")
	assert.Zero(t, res.Restarts)
	assert.Equal(t, cuts, res.Interruptions, "every cut was noticed")
	assert.GreaterOrEqual(t, res.Interruptions, len(files), "the cuts broke transfers")
	assert.GreaterOrEqual(t, res.Resumes, res.Interruptions-len(files), "and they were resumed with Range")
	assert.Positive(t, stale, "expired paths were refused")
	assert.GreaterOrEqual(t, res.Relists, 1, "and listed again")
	assert.GreaterOrEqual(t, expiries, 4)
	var resumes, interruptions int
	for _, fr := range res.Files {
		resumes += fr.Resumes
		interruptions += fr.Interruptions
		assert.Equal(t, fr.File.Size, fr.Received, fr.File.Name)
	}
	assert.Equal(t, res.Resumes, resumes, "the files' counts add up")
	assert.Equal(t, res.Interruptions, interruptions)
}

// A server that ignores Range answers 200 with the whole file: the .part
// file starts over and is never appended to.
func TestDownloadRestartsWhenRangeIsIgnored(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 400, baltest.WithGeotorgetIgnoringRange())
	f.deliver(t, "BAS")
	f.srv.Inject(baltest.FaultRule{Name: "cut", Method: "GET", PathPrefix: f.filesPrefix() + "byggnad/", Kind: baltest.FaultCut, At: 1000, Times: 3})
	dir := t.TempDir()
	res, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	f.assertSameFiles(t, dir)
	assert.Equal(t, 3, res.Interruptions)
	assert.Equal(t, 3, res.Restarts, "a cut file started over")
	assert.Zero(t, res.Resumes)
	assert.Equal(t, res.Total+3*1000, res.Received, "the 1000 bytes before each cut came twice")
}

// Geotorget may answer a file with a 303 to a file host; the download
// follows it.
func TestDownloadFollowsRedirects(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 400, baltest.WithGeotorgetRedirects())
	f.deliver(t, "BAS")
	f.srv.Inject(baltest.FaultRule{Name: "cut", Method: "GET", PathPrefix: "/geotorget/filvard/" + f.order + "/leverans/latest/files/byggnad/",
		Kind: baltest.FaultCut, At: 500, Times: 2})
	dir := t.TempDir()
	res, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	f.assertSameFiles(t, dir)
	assert.Equal(t, 2, res.Resumes, "resumed through the redirect")
	var redirected int
	for _, r := range f.srv.Requests() {
		if r.Status == 303 {
			redirected++
		}
	}
	assert.GreaterOrEqual(t, redirected, len(res.Files))
}

// A download that fails halfway leaves its .part file; the next run into
// the same folder skips the complete files and resumes the part.
func TestDownloadResumesAcrossRuns(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 300)
	f.deliver(t, "BAS")
	dir := t.TempDir()
	// byggnad_1.zip breaks off after 10 000 bytes and then answers 404,
	// even after listing again: the first run gives up on it.
	broken := f.filesPrefix() + "byggnad/byggnad_1.zip"
	f.srv.Inject(baltest.FaultRule{Method: "GET", PathPrefix: broken, Kind: baltest.FaultCut, At: 10_000, Times: 1})
	f.srv.Inject(baltest.FaultRule{Method: "GET", PathPrefix: broken, Kind: baltest.FaultStatus, Status: 404})
	first, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Parallelism: 1, Clock: f.srv.Clock()})
	require.ErrorIs(t, err, bal.ErrNotFound)
	require.NotNil(t, first)
	st, err := os.Stat(filepath.Join(dir, "byggnad", "byggnad_1.zip.part"))
	require.NoError(t, err)
	require.Equal(t, int64(10_000), st.Size(), "the bytes before the break stay in the .part file")
	var complete int
	for _, fr := range first.Files {
		if fr.Received == fr.File.Size && fr.File.Size > 0 {
			complete++
		}
	}
	require.Positive(t, complete)

	f.srv.ClearFaults()
	second, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	f.assertSameFiles(t, dir)
	assert.Equal(t, complete, second.Skipped, "complete files are not fetched again")
	assert.Equal(t, 1, second.Resumes, "the part is resumed")
	assert.Equal(t, second.Total, first.Received+second.Received, "no byte fetched twice")
}

// The files of another delivery in the folder are not taken for this one's,
// even when their names and lengths match.
func TestDownloadDoesNotTrustAnotherDeliverysFiles(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 300)
	f.deliver(t, "BAS")
	dir := t.TempDir()
	_, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	// Corrupt one file keeping its length, and leave a .part behind.
	files, err := f.srv.DeliveryFiles(f.order)
	require.NoError(t, err)
	p := filepath.Join(dir, filepath.FromSlash(files[0].Name))
	require.NoError(t, os.WriteFile(p, make([]byte, files[0].Size), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.FromSlash(files[1].Name))+".part", []byte("old bytes"), 0o644))

	f.deliver(t, "BAS") // a new delivery with the same file names
	res, err := f.dc.Download(t.Context(), f.order, dir, &delivery.DownloadOptions{Clock: f.srv.Clock()})
	require.NoError(t, err)
	f.assertSameFiles(t, dir)
	assert.Zero(t, res.Skipped)
	assert.Zero(t, res.Resumes)
	assert.Equal(t, res.Total, res.Received)
}

// A delivery that a newer one replaces mid-download cannot be listed
// again: the download stops with ErrReplaced instead of mixing files of two
// deliveries.
func TestDownloadStopsWhenTheDeliveryIsReplaced(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 0, 200)
	f.deliver(t, "BAS")
	var once sync.Once
	var replaced error
	_, err := f.dc.Download(t.Context(), f.order, t.TempDir(), &delivery.DownloadOptions{Parallelism: 1, Clock: f.srv.Clock(),
		Progress: func(p delivery.Progress) {
			if p.FilesDone == 1 {
				once.Do(func() {
					// Called on a downloading goroutine: no require here.
					if _, replaced = f.srv.StartDelivery(f.order, "BAS"); replaced == nil {
						replaced = f.srv.EndDelivery(f.order, "LYCKAD")
					}
					f.srv.ExpireSignedPaths()
				})
			}
		}})
	require.NoError(t, replaced)
	require.ErrorIs(t, err, delivery.ErrReplaced)
}

// What stops a download before it starts, and what a broken transfer that
// never recovers ends with.
func TestDownloadRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(t *testing.T, f *fixture)
		want  error
	}{
		{"no delivery yet", func(*testing.T, *fixture) {}, delivery.ErrNoDelivery},
		{"in progress", func(t *testing.T, f *fixture) {
			_, err := f.srv.StartDelivery(f.order, "BAS")
			require.NoError(t, err)
		}, delivery.ErrNotReady},
		{"failed", func(t *testing.T, f *fixture) {
			_, err := f.srv.StartDelivery(f.order, "BAS")
			require.NoError(t, err)
			require.NoError(t, f.srv.EndDelivery(f.order, "MISSLYCKAD"))
		}, delivery.ErrFailed},
		{"older than 14 days", func(t *testing.T, f *fixture) {
			f.deliver(t, "BAS")
			f.srv.Clock().Advance(delivery.MaxAge + time.Minute)
		}, delivery.ErrExpired},
		{"every attempt cut at byte 0", func(t *testing.T, f *fixture) {
			f.deliver(t, "BAS")
			f.srv.Inject(baltest.FaultRule{Method: "GET", PathPrefix: f.filesPrefix() + "uttag.xml", Kind: baltest.FaultCut})
		}, errors.New("attempts in a row brought nothing")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, 0, 1000)
			tt.setup(t, f)
			_, err := f.dc.Download(t.Context(), f.order, t.TempDir(), &delivery.DownloadOptions{Clock: f.srv.Clock(), MaxStalls: 3})
			require.Error(t, err)
			if tt.want.Error() == "attempts in a row brought nothing" {
				assert.ErrorContains(t, err, tt.want.Error())
				return
			}
			assert.ErrorIs(t, err, tt.want)
		})
	}
}

// An application without the order gets the gateway's 403 "Scope
// validation failed" for everything, downloads included.
func TestScopeValidationFailed(t *testing.T) {
	t.Parallel()
	other := baltest.Credentials{ID: "annan-kommun", Secret: "annan-hemlighet"}
	f := newFixture(t, 0, 1000, baltest.WithCredentials(baltest.DefaultCredentials, other))
	f.deliver(t, "BAS")
	c := f.srv.Client(func(cfg *bal.Config) { cfg.Credentials = bal.ClientCredentials{ID: other.ID, Secret: other.Secret} })
	t.Cleanup(c.CloseIdleConnections)
	dc := delivery.New(c)
	_, err := dc.Order(t.Context(), f.order)
	require.ErrorIs(t, err, bal.ErrNotSubscribed)
	require.ErrorIs(t, err, bal.ErrForbidden)
	_, err = dc.Download(t.Context(), f.order, t.TempDir(), nil)
	require.ErrorIs(t, err, bal.ErrNotSubscribed)
}
