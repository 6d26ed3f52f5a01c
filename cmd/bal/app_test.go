package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twpayne/go-geom"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/delivery"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// env is a fixed environment for an app under test.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	live := context.Background()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want int
	}{
		{"usage", live, usageError("bad"), exitUsage},
		{"chosen code", live, withCode(exitConflict, errors.New("x")), exitConflict},
		{"interrupted", cancelled, fmt.Errorf("search: %w", context.Canceled), exitInterrupted},
		{"cancelled but not interrupted", live, context.Canceled, exitFailure},
		{"resync", live, &bal.ResyncError{Err: &bal.Error{StatusCode: 410}}, exitResync},
		{"unauthorized", live, &bal.AuthError{StatusCode: 401, Code: "invalid_client"}, exitAuth},
		{"forbidden", live, fmt.Errorf("get: %w", bal.ErrForbidden), exitAuth},
		{"not found", live, fmt.Errorf("get: %w", bal.ErrNotFound), exitNotFound},
		{"conflict", live, &bal.ConflictError{Err: &bal.Error{StatusCode: 409}, Current: 3}, exitConflict},
		{"validation", live, bal.ErrValidation, exitConflict},
		{"unavailable", live, bal.ErrUnavailable, exitNetwork},
		{"rate limited", live, &bal.RateLimitError{Err: &bal.Error{StatusCode: 429}, RetryAfter: time.Hour}, exitNetwork},
		{"broken answer", live, bal.ErrInvalidResponse, exitNetwork},
		{"token endpoint down", live, &bal.AuthError{Err: errors.New("dial")}, exitNetwork},
		{"net", live, &net.OpError{Op: "dial", Err: errors.New("refused")}, exitNetwork},
		{"deadline", live, context.DeadlineExceeded, exitNetwork},
		{"report not ready", live, fmt.Errorf("report: %w", ngp.ErrReportNotReady), exitNotReady},
		{"delivery not ready", live, &delivery.StatusError{Delivery: &delivery.Delivery{Status: delivery.StatusInProgress}}, exitNotReady},
		{"delivery failed", live, &delivery.StatusError{Delivery: &delivery.Delivery{Status: delivery.StatusFailed}}, exitFailure},
		{"other", live, errors.New("disk full"), exitFailure},
	} {
		assert.Equal(t, tc.want, exitCode(tc.ctx, tc.err), tc.name)
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "a; b c", oneLine("a\nb   c\n"))
}

func TestLowerCamel(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ID": "id", "ValidFrom": "validFrom", "SRID": "srid", "IDNumber": "idNumber", "LiesOn": "liesOn",
		"X": "x", "already": "already", "URLPath": "urlPath",
	} {
		assert.Equal(t, want, lowerCamel(in), in)
	}
}

type inner struct {
	Name string
	When time.Time
}

type sample struct {
	bal.Meta
	Count    int
	Zero     int
	Flag     bool
	Tags     []string
	Empty    []string
	Inner    inner
	Ptr      *inner
	Shape    *geom.Polygon
	Points   []*geom.Point
	ByKey    map[string]int
	hidden   string
	Callback func()
}

func TestAttributes(t *testing.T) {
	t.Parallel()
	id := bal.MustParseObjectID("6b1f0e1c-4bde-4c2e-9d8e-2f7f7b1b4a11")
	s := &sample{
		Meta:  bal.Meta{ID: id, Version: 2, Status: bal.StatusValid, ValidFrom: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		Count: 3, Flag: true, Tags: []string{"a"}, Inner: inner{Name: "n"},
		Shape:  geom.NewPolygonFlat(geom.XY, []float64{0, 0, 1, 0, 1, 1, 0, 0}, []int{8}).SetSRID(3006),
		Points: []*geom.Point{geom.NewPointFlat(geom.XY, []float64{15, 59}).SetSRID(4326)},
		ByKey:  map[string]int{"k": 1}, hidden: "x",
	}
	as, err := attributesOf(s)
	require.NoError(t, err)
	b, err := as.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "6b1f0e1c-4bde-4c2e-9d8e-2f7f7b1b4a11", "version": 2, "validFrom": "2026-01-02T03:04:05Z", "status": "Gällande",
		"count": 3, "flag": true, "tags": ["a"], "inner": {"name": "n"},
		"shape": {"type": "Polygon", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
		          "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]},
		"points": [{"type": "Point", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}, "coordinates": [15,59]}],
		"byKey": {"k": 1}
	}`, string(b))
	// The order is the struct's, embedded fields first.
	var names []string
	for _, f := range as {
		names = append(names, f.name)
	}
	assert.Equal(t, []string{"id", "version", "validFrom", "status", "count", "flag", "tags", "inner", "shape", "points", "byKey"}, names)

	var table bytes.Buffer
	writePaths(&table, "", as)
	assert.Contains(t, table.String(), "inner.name\tn\n")
	assert.Contains(t, table.String(), "shape\tPolygon, 4 points, EPSG:3006\n")
	assert.Contains(t, table.String(), "tags[0]\ta\n")
}

// fakeTTY makes the app believe stdout and stderr are terminals.
func fakeTTY(a *app, yes bool) { a.terminal = func(io.Writer) bool { return yes } }

func TestProgressOnlyOnATerminal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		terminal bool
		output   string
		want     bool
	}{
		{true, outputTable, true},
		{true, outputJSON, false},
		{false, outputTable, false},
	} {
		a := newApp(io.Discard, io.Discard, env(nil))
		fakeTTY(a, tc.terminal)
		a.output = tc.output
		assert.Equal(t, tc.want, a.showProgress(), "%+v", tc)
	}
	// Piped stdout or stderr (not *os.File terminals) never get a bar.
	assert.False(t, isTerminal(&bytes.Buffer{}))

	var bar bytes.Buffer
	a := newApp(io.Discard, &bar, env(nil))
	fakeTTY(a, true)
	a.output = outputTable
	p := a.progress("publishing")
	p.Set(3, 10)
	p.Done()
	assert.Contains(t, bar.String(), "publishing")

	var none bytes.Buffer
	a = newApp(io.Discard, &none, env(nil))
	a.output = outputJSON
	fakeTTY(a, true)
	p = a.progress("publishing")
	p.Set(3, 10)
	p.Done()
	assert.Empty(t, none.String())
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestFollowEndsCleanlyWhenInterrupted: --follow is stopped by SIGINT and
// exits 0, having printed the feed; any other command interrupted exits
// 130 with one line.
func TestFollowEndsCleanlyWhenInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	a := newApp(out, errOut, env(map[string]string{"BAL_ENV": "fake"}))
	printed := make(chan struct{})
	var once sync.Once
	a.out = writerFunc(func(p []byte) (int, error) {
		n, err := out.Write(p)
		if strings.Count(out.String(), "\n") >= 675 {
			once.Do(func() { close(printed) })
		}
		return n, err
	})
	done := make(chan int, 1)
	go func() { done <- a.run(ctx, []string{"changes", "--follow", "--poll", "5ms", "-o", "json"}) }()
	<-printed // the whole initial feed, then it polls
	cancel()
	assert.Equal(t, exitOK, <-done)
	assert.Equal(t, 675, strings.Count(out.String(), "\n"))

	ctx2, cancel2 := context.WithCancel(t.Context())
	cancel2()
	var errOut2 bytes.Buffer
	code := newApp(io.Discard, &errOut2, env(map[string]string{"BAL_ENV": "fake"})).run(ctx2, []string{"search", "byggnad"})
	assert.Equal(t, exitInterrupted, code)
	assert.True(t, strings.HasSuffix(errOut2.String(), "\nbal: interrupted\n"), errOut2.String())
	http.DefaultClient.CloseIdleConnections()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestEveryCommandHasExamples: --help shows examples on every command that
// runs, cobra's own included.
func TestEveryCommandHasExamples(t *testing.T) {
	t.Parallel()
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if c.Runnable() || c.HasSubCommands() {
			n++
			assert.NotEmpty(t, c.Example, c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(newApp(io.Discard, io.Discard, env(nil))))
	assert.Greater(t, n, 15)
}
