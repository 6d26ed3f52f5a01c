package bal

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/internal/lmtest"
	"github.com/tjanstebaserad/bal-go/internal/wire/fault"
	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// fakeFeed is a change feed as the binding describes it: fran is
// exclusive, fortsattning is the page's last sekvensnummer, a checkpoint
// before the oldest kept change answers 410. Tests edit its answers through
// rewrite to produce broken ones.
type fakeFeed struct {
	mu       sync.Mutex
	changes  []update1.Forandring
	oldest   int64 // sequence numbers below are no longer kept
	requests []url.Values
	rewrite  func(*update1.Forandringar)
	rawBody  string // when set, answered as is
	// rawLatest, when set, answers /forandringar/senaste as is;
	// latestCalls counts its calls.
	rawLatest   string
	latestCalls int
}

var feedEpoch = time.Date(2026, 11, 22, 10, 0, 0, 0, time.FixedZone("CET", 3600))

// add appends n changes with the next sequence numbers.
func (f *fakeFeed) add(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	types := update1.Typer()
	for range n {
		seq := int64(len(f.changes)) + 1
		f.changes = append(f.changes, update1.Forandring{
			Sekvensnummer:   seq,
			Objekttyp:       types[seq%int64(len(types))],
			Objektidentitet: fmt.Sprintf("00000000-0000-4000-8000-%012d", seq),
			Objektversion:   1 + seq%3,
			Forandringstyp:  []string{update1.ForandringNy, update1.ForandringAndrad, update1.ForandringAvregistrerad}[seq%3],
			Tidpunkt:        update1.NewTidpunkt(feedEpoch.Add(time.Duration(seq) * time.Second)),
		})
	}
}

func (f *fakeFeed) requestLog() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.requests...)
}

func (f *fakeFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == DefaultUpdatePath+"/forandringar/senaste" && r.Method == http.MethodGet {
		f.serveLatest(w)
		return
	}
	if r.URL.Path != DefaultUpdatePath+"/forandringar" || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	f.requests = append(f.requests, q)
	if f.rawBody != "" {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write([]byte(f.rawBody))
		return
	}
	fran := int64(0)
	if s := q.Get("fran"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < f.oldest-1 {
			ct, body := fault.Encode(fault.Fault{Code: "BAL-0410-GAP", Message: "Kontrollpunkten är äldre än vad som sparas", Source: fault.Service})
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(http.StatusGone)
			_, _ = w.Write(body)
			return
		}
		fran = n
	}
	max, _ := strconv.Atoi(q.Get("max"))
	page := &update1.Forandringar{Fortsattning: q.Get("fran")}
	for _, ch := range f.changes {
		if ch.Sekvensnummer <= fran || ch.Sekvensnummer < f.oldest {
			continue
		}
		if len(page.Forandring) == max {
			break
		}
		page.Forandring = append(page.Forandring, ch)
		page.Fortsattning = strconv.FormatInt(ch.Sekvensnummer, 10)
	}
	if f.rewrite != nil {
		f.rewrite(page)
	}
	body, err := update1.Marshal(page)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	_, _ = w.Write(body)
}

// serveLatest is GET /forandringar/senaste: the newest sekvensnummer, "0"
// before the first change.
func (f *fakeFeed) serveLatest(w http.ResponseWriter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latestCalls++
	w.Header().Set("Content-Type", "application/xml")
	if f.rawLatest != "" {
		_, _ = w.Write([]byte(f.rawLatest))
		return
	}
	body, _ := update1.Marshal(&update1.Forandringsposition{Fortsattning: strconv.Itoa(len(f.changes))})
	_, _ = w.Write(body)
}

func newFeedClient(t *testing.T, n int) (*Client, *fakeFeed) {
	t.Helper()
	feed := &fakeFeed{oldest: 1}
	feed.add(n)
	srv := lmtest.New(t, feed)
	return newTestClient(t, srv, nil), feed
}

func collect(t *testing.T, seq func(func(Change, error) bool)) ([]Change, error) {
	t.Helper()
	var got []Change
	for ch, err := range seq {
		if err != nil {
			return got, err
		}
		got = append(got, ch)
	}
	return got, nil
}

func sequences(changes []Change) []int64 {
	var out []int64
	for _, ch := range changes {
		out = append(out, ch.Sequence)
	}
	return out
}

func seqRange(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestChangesReadsPagesLazilyToTheEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		total    int
		opts     *ChangesOptions
		from     Checkpoint
		want     []int64
		requests int // pages fetched, the final empty one included
	}{
		{name: "empty feed", total: 0, want: nil, requests: 1},
		{name: "one short page", total: 7, want: seqRange(1, 7), requests: 2},
		{name: "default page size", total: 2500, want: seqRange(1, 2500), requests: 4},
		{name: "small pages", total: 10, opts: &ChangesOptions{PageSize: 3}, want: seqRange(1, 10), requests: 5},
		{name: "exact pages", total: 9, opts: &ChangesOptions{PageSize: 3}, want: seqRange(1, 9), requests: 4},
		{name: "from a checkpoint", total: 10, from: "4", opts: &ChangesOptions{PageSize: 4}, want: seqRange(5, 10), requests: 3},
		{name: "from the end", total: 10, from: "10", want: nil, requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, feed := newFeedClient(t, tt.total)
			got, err := collect(t, c.Changes(t.Context(), tt.from, tt.opts))
			require.NoError(t, err)
			assert.Equal(t, tt.want, sequences(got))
			assert.Len(t, feed.requestLog(), tt.requests)
		})
	}
}

func TestChangesMapsEveryField(t *testing.T) {
	t.Parallel()
	c, _ := newFeedClient(t, 3)
	got, err := collect(t, c.Changes(t.Context(), "1", nil))
	require.NoError(t, err)
	want := []Change{
		{
			Sequence: 2, Object: ObjectRef{Type: ObjectTypeApartment, ID: MustParseObjectID("00000000-0000-4000-8000-000000000002")},
			Version: 3, Kind: ChangeRetired, Time: feedEpoch.Add(2 * time.Second), Checkpoint: "2",
		},
		{
			Sequence: 3, Object: ObjectRef{Type: ObjectTypeAddressPoint, ID: MustParseObjectID("00000000-0000-4000-8000-000000000003")},
			Version: 1, Kind: ChangeCreated, Time: feedEpoch.Add(3 * time.Second), Checkpoint: "3",
		},
	}
	assert.Empty(t, cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })))
}

func TestChangesStopsFetchingWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 50)
	n := 0
	for _, err := range c.Changes(t.Context(), "", &ChangesOptions{PageSize: 10}) {
		require.NoError(t, err)
		if n++; n == 15 {
			break
		}
	}
	assert.Len(t, feed.requestLog(), 2, "the third page is never asked for")
}

// Every change's checkpoint resumes exactly after it, wherever in a page it
// lies: saving mid-page neither skips nor repeats a change.
func TestChangesCheckpointResumesAfterEachChange(t *testing.T) {
	t.Parallel()
	c, _ := newFeedClient(t, 23)
	opts := &ChangesOptions{PageSize: 5}
	all, err := collect(t, c.Changes(t.Context(), "", opts))
	require.NoError(t, err)
	require.Len(t, all, 23)
	for i, ch := range all {
		rest, err := collect(t, c.Changes(t.Context(), ch.Checkpoint, opts))
		require.NoError(t, err)
		assert.Equal(t, sequences(all[i+1:]), sequences(rest), "resuming after change %d", ch.Sequence)
	}
}

func TestChangesSendsTheSelection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from Checkpoint
		opts *ChangesOptions
		want url.Values
	}{
		{name: "defaults", want: url.Values{"max": {"1000"}}},
		{name: "everything", from: "17", opts: &ChangesOptions{
			Types:        []ObjectType{ObjectTypeBuilding, ObjectTypeEntrance},
			Municipality: "2180",
			PageSize:     250,
		}, want: url.Values{"fran": {"17"}, "max": {"250"}, "objekttyp": {"Byggnad,Entre"}, "kommunkod": {"2180"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, feed := newFeedClient(t, 0)
			_, err := collect(t, c.Changes(t.Context(), tt.from, tt.opts))
			require.NoError(t, err)
			reqs := feed.requestLog()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.want, reqs[0])
		})
	}
}

func TestChangesRefusesBadOptionsBeforeSending(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts ChangesOptions
		path string
	}{
		{"page too large", ChangesOptions{PageSize: 1001}, "PageSize"},
		{"negative page", ChangesOptions{PageSize: -1}, "PageSize"},
		{"not a feed type", ChangesOptions{Types: []ObjectType{ObjectTypeBuilding, ObjectTypeDeficiency}}, "Types[1]"},
		{"unknown type", ChangesOptions{Types: []ObjectType{"Hus"}}, "Types[0]"},
		{"bad municipality", ChangesOptions{Municipality: "99"}, "Municipality"},
		{"negative poll", ChangesOptions{Poll: -time.Second}, "Poll"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, feed := newFeedClient(t, 3)
			_, err := collect(t, c.Changes(t.Context(), "", &tt.opts))
			var v *ValidationError
			require.ErrorAs(t, err, &v)
			assert.ErrorIs(t, err, ErrValidation)
			assert.Len(t, v.Problems, 1)
			assert.Equal(t, tt.path, v.Problems[0].Path)
			assert.Empty(t, feed.requestLog())
		})
	}
}

func TestChangesTooOldCheckpointAsksForResync(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 20)
	feed.mu.Lock()
	feed.oldest = 11 // 1–10 are gone: resuming from 9 would miss 10
	feed.mu.Unlock()

	got, err := collect(t, c.Changes(t.Context(), "9", nil))
	assert.Empty(t, got)
	require.ErrorIs(t, err, ErrResync)
	var re *ResyncError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, Checkpoint("9"), re.Checkpoint)
	assert.Equal(t, "BAL-0410-GAP", re.Err.Code)
	assert.Equal(t, http.StatusGone, re.Err.StatusCode)
	assert.Contains(t, err.Error(), `the change feed cannot continue from checkpoint "9": resynchronise from a base extract; extract.Resync`)
	assert.NotErrorIs(t, err, ErrNotFound)

	got, err = collect(t, c.Changes(t.Context(), "10", nil))
	require.NoError(t, err, "the change after 10 is still kept")
	assert.Equal(t, seqRange(11, 20), sequences(got))
}

func TestChangesRefusesAnswersThatWouldLoseOrRepeatChanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		from    Checkpoint
		rewrite func(*update1.Forandringar)
		raw     string
		want    string
	}{
		{name: "sequence goes back", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 1 {
				p.Forandring[1].Sekvensnummer = p.Forandring[0].Sekvensnummer
			}
		}, want: "do not strictly increase"},
		{name: "change not after the checkpoint", from: "3", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 0 {
				p.Forandring[0].Sekvensnummer = 3
			}
		}, want: "not after the checkpoint asked from"},
		{name: "continuation repeats", from: "2", rewrite: func(p *update1.Forandringar) { p.Fortsattning = "2" }, want: "repeats"},
		{name: "continuation behind", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 0 {
				p.Fortsattning = "1"
			}
		}, want: "lies before"},
		{name: "bad identity", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 0 {
				p.Forandring[0].Objektidentitet = "not-a-uuid"
			}
		}, want: "object id"},
		{name: "no version", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 0 {
				p.Forandring[0].Objektversion = 0
			}
		}, want: "objektversion 0"},
		{name: "bad time", rewrite: func(p *update1.Forandringar) {
			if len(p.Forandring) > 0 {
				p.Forandring[0].Tidpunkt = "igår"
			}
		}, want: "tidpunkt"},
		{name: "another document", raw: `<Sokresultat xmlns="` + update1.Namespace + `"/>`, want: "want <Forandringar>"},
		{name: "another namespace", raw: `<Forandringar xmlns="urn:other"/>`, want: "want <Forandringar>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, feed := newFeedClient(t, 8)
			feed.rewrite, feed.rawBody = tt.rewrite, tt.raw
			got, err := collect(t, c.Changes(t.Context(), tt.from, nil))
			assert.Empty(t, got, "nothing from a page that cannot be trusted")
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.ErrorContains(t, err, tt.want)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "bal.Changes", e.Operation)
		})
	}
}

func TestChangesNoContinuationGoesOnAfterTheLastChange(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 7)
	feed.rewrite = func(p *update1.Forandringar) {
		if len(p.Forandring) > 0 {
			p.Fortsattning = ""
		}
	}
	got, err := collect(t, c.Changes(t.Context(), "", &ChangesOptions{PageSize: 3}))
	require.NoError(t, err)
	assert.Equal(t, seqRange(1, 7), sequences(got))
}

func TestChangesPollKeepsFollowingUntilTheContextEnds(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 3)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []int64
	var last error
	for ch, err := range c.Changes(ctx, "", &ChangesOptions{Poll: time.Millisecond}) {
		if err != nil {
			last = err
			break
		}
		got = append(got, ch.Sequence)
		switch ch.Sequence {
		case 3:
			feed.add(2) // arrives while the follower is caught up
		case 5:
			cancel()
		}
	}
	assert.Equal(t, seqRange(1, 5), got)
	require.ErrorIs(t, last, context.Canceled)
}

func TestChangesEndsWithTheContext(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 3)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	got, err := collect(t, c.Changes(ctx, "", nil))
	assert.Empty(t, got)
	require.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, feed.requestLog())
}

func TestLatestCheckpoint(t *testing.T) {
	t.Parallel()
	c, feed := newFeedClient(t, 0)
	cp, err := c.LatestCheckpoint(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("0"), cp, "an empty feed: the server's start")
	feed.add(3)
	got, err := collect(t, c.Changes(t.Context(), cp, nil))
	require.NoError(t, err)
	assert.Len(t, got, 3, "from the start position, the whole feed follows")

	feed.add(2342)
	before := len(feed.requestLog())
	cp, err = c.LatestCheckpoint(t.Context())
	require.NoError(t, err)
	assert.Equal(t, Checkpoint("2345"), cp)
	assert.Equal(t, before, len(feed.requestLog()), "the feed itself is not read")
	assert.Equal(t, 2, feed.latestCalls, "one request per call")
	rest, err := collect(t, c.Changes(t.Context(), cp, nil))
	require.NoError(t, err)
	assert.Empty(t, rest)
}

func TestLatestCheckpointRefusesOtherAnswers(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"another root":       `<Forandringar xmlns="` + update1.Namespace + `"><fortsattning>4</fortsattning></Forandringar>`,
		"no namespace":       `<Forandringsposition><fortsattning>4</fortsattning></Forandringsposition>`,
		"empty position":     `<Forandringsposition xmlns="` + update1.Namespace + `"><fortsattning> </fortsattning></Forandringsposition>`,
		"control characters": `<Forandringsposition xmlns="` + update1.Namespace + `"><fortsattning>4&#x1;</fortsattning></Forandringsposition>`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, feed := newFeedClient(t, 0)
			feed.rawLatest = body
			_, err := c.LatestCheckpoint(t.Context())
			require.ErrorIs(t, err, ErrInvalidResponse)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "bal.LatestCheckpoint", e.Operation)
		})
	}
}

func TestResyncErrorString(t *testing.T) {
	t.Parallel()
	tests := []struct{ message, checkpoint, want string }{
		// The server says why; the SDK's suffix is true in both cases (it
		// used to call a checkpoint ahead of the feed "older").
		{"checkpoint 3 is older than the change feed keeps", "3",
			`bal: bal.Changes: 410 BAL-0410-GAP: checkpoint 3 is older than the change feed keeps (the change feed cannot continue from checkpoint "3": resynchronise from a base extract; extract.Resync does it as bal.FollowOptions.Resync)`},
		{"checkpoint 900 is ahead of the change feed (last 12)", "900",
			`bal: bal.Changes: 410 BAL-0410-GAP: checkpoint 900 is ahead of the change feed (last 12) (the change feed cannot continue from checkpoint "900": resynchronise from a base extract; extract.Resync does it as bal.FollowOptions.Resync)`},
		{"för gammal", strings.Repeat("9", 60),
			`bal: bal.Changes: 410 BAL-0410-GAP: för gammal (the change feed cannot continue from checkpoint "…": resynchronise from a base extract; extract.Resync does it as bal.FollowOptions.Resync)`},
	}
	for _, tt := range tests {
		e := &ResyncError{Err: &Error{Operation: "bal.Changes", StatusCode: 410, Code: "BAL-0410-GAP", Message: tt.message}, Checkpoint: Checkpoint(tt.checkpoint)}
		assert.Equal(t, tt.want, e.Error())
		assert.NotContains(t, e.Error(), "older than the change feed keeps:", "the suffix does not presume why")
	}
	e := &ResyncError{Err: &Error{StatusCode: 410}, Checkpoint: "1"}
	assert.ErrorIs(t, e, ErrResync)
	var inner *Error
	require.ErrorAs(t, e, &inner)
}

func TestMaxChangesPageSizeIsTheBindings(t *testing.T) {
	t.Parallel()
	assert.Equal(t, update1.MaxForandringar, MaxChangesPageSize)
}
