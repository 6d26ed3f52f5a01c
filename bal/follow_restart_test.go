package bal_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
)

// localCopy is the follower's own database: object → version and whether
// it is retired. It is durable, as a real database would be: it survives
// the follower's deaths. Changes are applied idempotently (a version the
// copy already has is a replay), and a change that skips a version means a
// change was lost, which the test counts rather than hides.
type localCopy struct {
	objects  map[bal.ObjectRef]state
	applied  int
	replayed int
	lost     []string
}

func (l *localCopy) apply(ch bal.Change) {
	cur, ok := l.objects[ch.Object]
	if ok && ch.Version <= cur.Version {
		l.replayed++
		return
	}
	if want := cur.Version + 1; ch.Version != want {
		l.lost = append(l.lost, fmt.Sprintf("%s: version %d after %d", ch.Object, ch.Version, cur.Version))
	}
	l.objects[ch.Object] = state{Version: ch.Version, Retired: cur.Retired || ch.Kind == bal.ChangeRetired}
	l.applied++
}

// crashableStore is a FileCheckpointStore whose process can die: after
// crash, no save reaches the disk any more, as when the process is killed
// between handling a change and saving its checkpoint.
type crashableStore struct {
	*bal.FileCheckpointStore
	crashed atomic.Bool
}

var errCrashed = errors.New("process killed")

func (s *crashableStore) Save(ctx context.Context, cp bal.Checkpoint) error {
	if s.crashed.Load() {
		return errCrashed
	}
	return s.FileCheckpointStore.Save(ctx, cp)
}

// killSwitch is the follower's HTTP transport: it counts the feed requests
// and, when armed, kills the follower while a page is on its way: after
// the answer's headers arrived, before its body was read.
type killSwitch struct {
	next  http.RoundTripper
	mu    sync.Mutex
	armed int // kill on this feed request of the current life; 0 = never
	seen  int
	kill  func()
	feeds atomic.Int64
}

func (k *killSwitch) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := k.next.RoundTrip(r)
	if !strings.HasSuffix(r.URL.Path, "/forandringar") {
		return resp, err
	}
	k.feeds.Add(1)
	k.mu.Lock()
	k.seen++
	kill := k.armed != 0 && k.seen == k.armed
	k.mu.Unlock()
	if kill {
		k.kill()
	}
	return resp, err
}

func (k *killSwitch) arm(at int, kill func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.armed, k.seen, k.kill = at, 0, kill
}

func (k *killSwitch) CloseIdleConnections() {
	if c, ok := k.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// follower runs lives of a change-feed follower, each one killed at a
// random (seeded) point, and restarted from its checkpoint file.
type follower struct {
	t     *testing.T
	srv   *baltest.Server
	c     *bal.Client
	net   *killSwitch
	path  string
	rng   *rand.Rand
	db    *localCopy
	stats struct{ lives, graceful, hard, inFetch, resyncs, tornFiles int }
	// seen is how far the follower has come in the feed; progress signals
	// that it moved. head is the feed's end, which a resynchronisation
	// brings the follower to.
	seen     atomic.Int64
	progress chan struct{}
	head     func() int64
}

func newFollower(t *testing.T, srv *baltest.Server, head func() int64, seed uint64) *follower {
	ks := &killSwitch{next: srv.HTTPClient().Transport}
	c := srv.Client(func(cfg *bal.Config) { cfg.HTTPClient = &http.Client{Transport: ks} })
	t.Cleanup(c.CloseIdleConnections)
	return &follower{
		t: t, srv: srv, c: c, net: ks, path: filepath.Join(t.TempDir(), "feed.checkpoint"),
		rng: rand.New(rand.NewPCG(seed, 0xf011)), db: &localCopy{objects: map[bal.ObjectRef]state{}},
		progress: make(chan struct{}, 1), head: head,
	}
}

// resync is the 410 path: note where the feed ends, read every object afresh
// (the server's state plays the extract from Geotorget), and follow on from
// the noted position.
func (f *follower) resync(ctx context.Context, _ *bal.ResyncError) (bal.Checkpoint, error) {
	cp, err := f.c.LatestCheckpoint(ctx)
	if err != nil {
		return "", err
	}
	f.db.objects = serverState(f.srv)
	f.stats.resyncs++
	f.reached(f.head())
	return cp, nil
}

// reached records that the follower's copy is up to date with the feed up
// to seq, and tells a writer waiting for it.
func (f *follower) reached(seq int64) {
	f.seen.Store(seq)
	select {
	case f.progress <- struct{}{}:
	default:
	}
}

// life runs one life of the follower until it is killed or stop ends. A
// life is a new process: a new store on the same file, nothing in memory
// but the durable local copy.
func (f *follower) life(stop context.Context) error {
	f.stats.lives++
	ctx, kill := context.WithCancel(stop)
	defer kill()
	store := &crashableStore{FileCheckpointStore: bal.NewFileCheckpointStore(f.path)}
	killAfter, mode := 1+f.rng.IntN(300), f.rng.IntN(5)
	if mode == 4 {
		f.net.arm(1+f.rng.IntN(4), kill)
		defer f.net.arm(0, nil)
	}
	handled := 0
	handle := func(_ context.Context, ch bal.Change) error {
		f.db.apply(ch)
		f.reached(ch.Sequence)
		handled++
		if handled != killAfter || mode == 4 {
			return nil
		}
		if mode < 2 {
			// Killed hard: nothing more reaches the disk, and a crash in
			// the middle of a save leaves its temporary file behind.
			store.crashed.Store(true)
			f.stats.tornFiles++
			torn := filepath.Join(filepath.Dir(f.path), fmt.Sprintf(".feed.checkpoint.tmp-crash%d", f.stats.lives))
			if err := os.WriteFile(torn, []byte(ch.Checkpoint[:len(ch.Checkpoint)/2]), 0o600); err != nil {
				return err
			}
		}
		kill()
		return nil
	}
	err := f.c.Follow(ctx, store, handle, &bal.FollowOptions{
		// A save is an fsync (some 10 ms here), so pages are not tiny and
		// saves not after every change; the unit tests cover those.
		ChangesOptions: bal.ChangesOptions{PageSize: 50 + f.rng.IntN(250), Poll: time.Millisecond},
		SaveEvery:      []int{0, 40, 200}[f.rng.IntN(3)],
		Resync:         f.resync,
	})
	switch {
	case stop.Err() != nil:
	case mode == 4:
		f.stats.inFetch++
	case store.crashed.Load():
		f.stats.hard++
	default:
		f.stats.graceful++
	}
	// A life ends by being killed: its context ends, or, killed hard, the
	// save after the change it died on fails.
	if !errors.Is(err, context.Canceled) && !errors.Is(err, errCrashed) {
		return fmt.Errorf("life %d ended with %w", f.stats.lives, err)
	}
	return nil
}

// run lives one after another until stop ends.
func (f *follower) run(stop context.Context) error {
	for stop.Err() == nil {
		if err := f.life(stop); err != nil {
			return err
		}
	}
	return nil
}

// catchUp is a last, unkilled life that reads the feed to its end.
func (f *follower) catchUp(ctx context.Context) error {
	return f.c.Follow(ctx, bal.NewFileCheckpointStore(f.path), func(_ context.Context, ch bal.Change) error {
		f.db.apply(ch)
		return nil
	}, &bal.FollowOptions{Resync: f.resync})
}

// maxLag is how far the writer may run ahead of the follower, in changes.
// Without it the in-memory writer would finish long before the follower
// got going, and the kills would all land on a follower with nothing left
// to do; with it the follower is always mid-stream when it dies.
const maxLag = 500

// alongside runs the workload's n writes while the follower lives and
// dies, and returns when both are done.
func alongside(t *testing.T, w *workload, f *follower, n int) {
	t.Helper()
	stop, cancel := context.WithCancel(t.Context())
	defer cancel()
	followerDone := make(chan struct{})
	w.pace = func() error {
		for w.head()-f.seen.Load() > maxLag {
			select {
			case <-f.progress:
			case <-followerDone:
				return errors.New("the follower stopped")
			}
		}
		return nil
	}
	defer func() { w.pace = nil }()
	var wg sync.WaitGroup
	var werr, ferr error
	wg.Go(func() {
		defer cancel()
		werr = w.run(n)
	})
	wg.Go(func() {
		defer close(followerDone)
		ferr = f.run(stop)
	})
	wg.Wait()
	require.NoError(t, ferr)
	require.NoError(t, werr)
}

// A follower that is killed at random points — between changes, hard
// (checkpoint saves lost, a torn temporary file left) or gracefully, and in
// the middle of fetching a page — and restarted from its checkpoint file
// ends with a local copy identical to the server's state, after 5 000 writes
// and a gap in the feed that forces a resynchronisation.
func TestFollowerSurvivesKillsAndAGap(t *testing.T) {
	t.Parallel()
	const (
		seed        = 20261122
		beforeGap   = 4000 // writes while the follower lives and dies
		duringDeath = 300  // writes while it is dead, before the feed forgets them
		afterGap    = 700  // writes after the gap, while it lives and dies again
	)
	srv := baltest.NewServer(baltest.WithInitialFeed(), baltest.WithFeedRetention(time.Hour), baltest.WithRequestLogLimit(0))
	t.Cleanup(srv.Close)
	w := newWorkload(srv, seed)
	f := newFollower(t, srv, w.head, seed)
	initial := len(srv.Changes())

	alongside(t, w, f, beforeGap)
	require.Zero(t, f.stats.resyncs, "no gap yet")

	require.NoError(t, w.run(duringDeath))
	srv.Clock().Advance(2 * time.Hour) // the feed now forgets everything before
	alongside(t, w, f, afterGap)

	require.NoError(t, f.catchUp(t.Context()))
	assert.Equal(t, beforeGap+duringDeath+afterGap, w.total())
	assert.GreaterOrEqual(t, f.stats.resyncs, 1, "the gap was noticed and repaired")
	assert.Empty(t, f.db.lost, "no change was skipped")
	want := serverState(srv)
	assert.Empty(t, cmp.Diff(want, f.db.objects), "local copy (+) against the server (-)")
	assert.Positive(t, f.stats.hard)
	assert.Positive(t, f.stats.graceful)
	assert.Positive(t, f.stats.inFetch)
	assert.Positive(t, f.db.replayed, "hard kills make the follower see changes again")

	entries, err := os.ReadDir(filepath.Dir(f.path))
	require.NoError(t, err)
	assert.Len(t, entries, 1+f.stats.tornFiles, "the checkpoint file and the torn temporary files, which were never read")

	retired := 0
	for _, s := range want {
		if s.Retired {
			retired++
		}
	}
	t.Logf("seed %d: %d writes (%v; %v; %d refused by the rules) on top of %d loaded objects; "+
		"follower: %d lives, killed %d× gracefully, %d× hard (saves lost, torn file left), %d× while fetching a page; "+
		"%d changes applied, %d seen again, %d resynchronisation(s), %d feed requests; "+
		"final: %d objects (%d retired) identical on both sides",
		seed, w.total(), w.writes, w.byType, w.refused, initial,
		f.stats.lives, f.stats.graceful, f.stats.hard, f.stats.inFetch,
		f.db.applied, f.db.replayed, f.stats.resyncs, f.net.feeds.Load(),
		len(want), retired)
}
