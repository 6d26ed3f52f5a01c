package casefile_test

import (
	"context"
	"fmt"
	"log"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/bal/baltest"
	"github.com/tjanstebaserad/bal-go/casefile"
)

var start = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newServer(t *testing.T) (*baltest.Server, *casefile.Client) {
	t.Helper()
	srv := baltest.NewServer(baltest.WithTime(start))
	t.Cleanup(srv.Close)
	c := srv.Client()
	t.Cleanup(c.CloseIdleConnections)
	return srv, casefile.New(c)
}

// formProperty makes Lantmäteriet register a property formation on the
// first building's property and returns the case it raises.
func formProperty(t *testing.T, srv *baltest.Server) *casefile.Case {
	t.Helper()
	b := srv.Dataset().Buildings[0]
	c, _, err := srv.FormProperty(b.LiesOn[0].ID, b.ID)
	require.NoError(t, err)
	return c
}

func TestCaseFromPropertyFormationToClosed(t *testing.T) {
	t.Parallel()
	srv, cc := newServer(t)
	raised := formProperty(t, srv)
	id := raised.ID

	k, err := cc.Get(t.Context(), id)
	require.NoError(t, err)
	assert.Equal(t, casefile.TypePropertyFormation, k.Type)
	assert.Equal(t, casefile.StatusReceived, k.Status)
	assert.Equal(t, raised.Number, k.Number)
	assert.Len(t, k.Properties, 2, "the old property and the new one")
	require.NotEmpty(t, k.Objects)
	assert.Equal(t, bal.ObjectTypeBuilding, k.Objects[0].Type)
	assert.Empty(t, k.Acknowledgements)

	k, err = cc.Acknowledge(t.Context(), id, casefile.Acknowledgement{Comment: "Vi tittar på det"})
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusInProgress, k.Status)
	assert.Equal(t, bal.Version(2), k.Version)
	require.Len(t, k.Acknowledgements, 1)
	assert.Equal(t, casefile.AcknowledgementReceived, k.Acknowledgements[0].Kind)
	assert.True(t, k.Acknowledgements[0].Time.Equal(start))

	_, err = cc.Acknowledge(t.Context(), id, casefile.Acknowledgement{
		Kind: casefile.AcknowledgementHandled, Updated: []bal.ObjectRef{{Type: bal.ObjectTypeBuilding, ID: bal.NewObjectID()}},
	})
	require.ErrorIs(t, err, bal.ErrValidation, "the objects updated must exist")
	var e *bal.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, baltest.CodeReference, e.Code)

	k, err = cc.Acknowledge(t.Context(), id, casefile.Acknowledgement{
		Kind: casefile.AcknowledgementHandled, Comment: "Adresserna kontrollerade", Updated: k.Objects,
	})
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusClosed, k.Status)
	require.Len(t, k.Acknowledgements, 2)
	assert.Equal(t, k.Objects, k.Acknowledgements[1].Updated)

	_, err = cc.Acknowledge(t.Context(), id, casefile.Acknowledgement{Comment: "igen"})
	require.ErrorIs(t, err, bal.ErrConflict, "a closed case takes no more kvittenser")
	require.ErrorAs(t, err, &e)
	assert.Equal(t, baltest.CodeHandled, e.Code)

	_, err = cc.Get(t.Context(), bal.NewObjectID())
	require.ErrorIs(t, err, bal.ErrNotFound)
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	srv, cc := newServer(t)
	loaded := srv.Cases()[0].ID.String() // a Fastighetsbildningsärende from the generated data
	srv.Clock().Advance(time.Hour)
	later := formProperty(t, srv).ID.String()
	srv.Clock().Advance(time.Hour)
	_, err := cc.Acknowledge(t.Context(), bal.MustParseObjectID(later), casefile.Acknowledgement{})
	require.NoError(t, err)

	tests := []struct {
		name string
		opts *casefile.ListOptions
		want []string
	}{
		{"all", nil, []string{loaded, later}},
		{"municipality", &casefile.ListOptions{Municipality: bal.MunicipalityCode(srv.Kommunkod())}, []string{loaded, later}},
		{"another municipality", &casefile.ListOptions{Municipality: "0180"}, nil},
		{"received", &casefile.ListOptions{Status: casefile.StatusReceived}, []string{loaded}},
		{"in progress", &casefile.ListOptions{Status: casefile.StatusInProgress}, []string{later}},
		{"property formations", &casefile.ListOptions{Type: casefile.TypePropertyFormation}, []string{loaded, later}},
		{"quality", &casefile.ListOptions{Type: casefile.TypeQuality}, nil},
		{"changed since", &casefile.ListOptions{ChangedSince: start.Add(90 * time.Minute)}, []string{later}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for k, err := range cc.List(t.Context(), tt.opts) {
				require.NoError(t, err)
				got = append(got, k.ID.String())
			}
			assert.ElementsMatch(t, tt.want, got)
		})
	}
}

// stepClock is a casefile.Clock whose timers fire at once; before the n-th
// fires it runs what the test scheduled for it, standing in for what
// happens elsewhere while a real waiter sleeps.
type stepClock struct {
	mu    sync.Mutex
	now   time.Time
	n     int
	at    map[int]func()
	waits []time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) NewTimer(d time.Duration) (<-chan time.Time, func() bool) {
	c.mu.Lock()
	c.n++
	c.now = c.now.Add(d)
	c.waits = append(c.waits, d)
	do := c.at[c.n]
	ch := make(chan time.Time, 1)
	ch <- c.now
	c.mu.Unlock()
	if do != nil {
		do()
	}
	return ch, func() bool { return false }
}

func TestWaitUntilAnotherSystemClosesTheCase(t *testing.T) {
	t.Parallel()
	srv, cc := newServer(t)
	id := formProperty(t, srv).ID
	// Another system of the municipality (its own client) handles the case
	// while this one waits.
	other := casefile.New(srv.Client())
	ack := func(kind casefile.AcknowledgementKind) func() {
		return func() {
			_, err := other.Acknowledge(context.Background(), id, casefile.Acknowledgement{Kind: kind})
			assert.NoError(t, err)
		}
	}
	clock := &stepClock{now: start, at: map[int]func(){2: ack(casefile.AcknowledgementReceived), 4: ack(casefile.AcknowledgementHandled)}}

	k, err := cc.Wait(t.Context(), id, casefile.HasStatus(casefile.StatusInProgress), &casefile.WaitOptions{MinInterval: time.Second, Clock: clock})
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusInProgress, k.Status)
	assert.Len(t, clock.waits, 2)

	k, err = cc.Wait(t.Context(), id, casefile.Closed, &casefile.WaitOptions{MinInterval: time.Second, Clock: clock})
	require.NoError(t, err)
	assert.Equal(t, casefile.StatusClosed, k.Status)
	assert.Len(t, clock.waits, 4)
	assert.Len(t, k.Acknowledgements, 2)
}

// A kvittens whose answer was lost after the server recorded it is sent
// again with the same idempotency key and recorded once.
func TestAcknowledgeSurvivesALostAnswer(t *testing.T) {
	t.Parallel()
	srv, cc := newServer(t)
	id := formProperty(t, srv).ID
	srv.Inject(baltest.FaultRule{Name: "lost", Method: "POST", PathPrefix: srv.UpdatePath() + "/arende/", Kind: baltest.FaultResetAfterApply, Times: 1})
	k, err := cc.Acknowledge(t.Context(), id, casefile.Acknowledgement{Comment: "mottaget"})
	require.NoError(t, err)
	assert.Equal(t, 1, srv.FaultsFired("lost"))
	assert.Len(t, k.Acknowledgements, 1)
	stored, ok := srv.Case(id)
	require.True(t, ok)
	assert.Len(t, stored.Acknowledgements, 1, "recorded once")
	assert.Equal(t, bal.Version(2), stored.Version)
}

// Handle a property formation: Lantmäteriet has split a property and moved
// a building and its address to the new one. Acknowledge the case, check
// the objects, and report it handled with the objects looked at.
func ExampleClient_Acknowledge() {
	// A stand-in for Lantmäteriet that registers a property formation.
	srv := baltest.NewServer(baltest.WithTime(time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)))
	defer srv.Close()
	b := srv.Dataset().Buildings[0]
	if _, _, err := srv.FormProperty(b.LiesOn[0].ID, b.ID); err != nil {
		log.Fatal(err)
	}

	cc := casefile.New(srv.Client())
	ctx := context.Background()
	lastLook := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) // when this job last ran
	for k, err := range cc.List(ctx, &casefile.ListOptions{ChangedSince: lastLook, Type: casefile.TypePropertyFormation}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(k.Number, k.Type, "concerns", len(k.Properties), "properties and", len(k.Objects), "objects")
		if _, err := cc.Acknowledge(ctx, k.ID, casefile.Acknowledgement{Comment: "Mottaget"}); err != nil {
			log.Fatal(err)
		}
		// … check k.Objects with packages building and address …
		k, err = cc.Acknowledge(ctx, k.ID, casefile.Acknowledgement{
			Kind: casefile.AcknowledgementHandled, Comment: "Kontrollerat", Updated: k.Objects,
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(k.Number, k.Status, "after", len(k.Acknowledgements), "kvittenser")
	}
	// Output:
	// AB207919 Fastighetsbildningsärende concerns 2 properties and 5 objects
	// AB207919 Avslutad after 2 kvittenser
}

// Hold a workflow until the case is closed, by whichever system of the
// municipality handles it: Wait polls with growing intervals and gives up
// after MaxDuration.
func ExampleClient_Wait() {
	// A stand-in for Lantmäteriet with one open case.
	srv := baltest.NewServer()
	defer srv.Close()
	cc := casefile.New(srv.Client())
	id := srv.Cases()[0].ID

	// Elsewhere, the case is handled.
	done := make(chan error, 1)
	go func() {
		_, err := cc.Acknowledge(context.Background(), id, casefile.Acknowledgement{Kind: casefile.AcknowledgementHandled, Comment: "Klart"})
		done <- err
	}()

	k, err := cc.Wait(context.Background(), id, casefile.Closed, &casefile.WaitOptions{
		MinInterval: 10 * time.Millisecond, MaxInterval: 100 * time.Millisecond, MaxDuration: time.Minute,
	})
	if err != nil {
		log.Fatal(err) // errors.Is(err, casefile.ErrWaitTimeout) after MaxDuration
	}
	if err := <-done; err != nil {
		log.Fatal(err)
	}
	fmt.Println(k.Number, k.Status, "—", k.Acknowledgements[0].Comment)
	// Output:
	// AB216892 Avslutad — Klart
}
