package updatetest

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// Service is what every typed update service offers; the seven services of
// package building and address satisfy it.
type Service[T any] interface {
	Create(ctx context.Context, obj *T, a bal.Action) (*bal.Receipt, error)
	Get(ctx context.Context, id bal.ObjectID, opts *bal.GetOptions) (*T, error)
	Update(ctx context.Context, obj *T, a bal.Action) (*bal.Receipt, error)
	Retire(ctx context.Context, id bal.ObjectID, version bal.Version, a bal.Action) (*bal.Receipt, error)
	Modify(ctx context.Context, id bal.ObjectID, change func(*T) error, a bal.Action, opts *bal.ModifyOptions) (*bal.Receipt, error)
	Search(ctx context.Context, q bal.Query, opts *bal.SearchOptions) iter.Seq2[bal.Hit, error]
	AddCreate(tx *bal.Transaction, obj *T, a bal.Action) error
	AddUpdate(tx *bal.Transaction, obj *T, a bal.Action) error
	AddRetire(tx *bal.Transaction, id bal.ObjectID, version bal.Version, a bal.Action) error
}

// Case is one object type's life: what to create, how to change it, and the
// actions of each step.
type Case[T any] struct {
	Service Service[T]
	// Meta returns the object's Meta.
	Meta func(*T) *bal.Meta
	// Type is the objekttyp the service writes.
	Type bal.ObjectType
	// New returns an object to create; each call a fresh one that can be
	// created beside the others.
	New func() *T
	// Change changes an object as a caller would.
	Change func(*T)
	// Create, Update and Retire are the actions of the three writes.
	Create, Update, Retire bal.Action
}

// Lifecycle creates an object, reads it back equal to what was written,
// changes it and reads the change back, retires it, and checks that the
// retired object cannot change status again: refused before sending by
// Modify (rule BAL-3015 against the status it read) and by the server when
// Update is sent without that knowledge. Then it lives the same life again
// in three transactions (AddCreate, AddUpdate, AddRetire), and Search finds
// both objects at their last version.
func Lifecycle[T any](t *testing.T, e *Env, c Case[T]) {
	t.Helper()
	ctx := context.Background()
	svc := c.Service
	start := time.Now().Add(-time.Second)

	fresh := c.New()
	created, err := svc.Create(ctx, fresh, c.Create)
	require.NoError(t, err)
	assert.False(t, created.ID.IsZero(), "the receipt names the new object")
	assert.Equal(t, bal.Version(1), created.Version)
	assert.False(t, created.ValidFrom.IsZero())
	assert.NotEmpty(t, created.RequestID)
	assert.Equal(t, 1, created.Attempts)

	got, err := svc.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	want := *fresh
	c.Meta(&want).ID = created.ID
	if diff := cmp.Diff(&want, got, Written()); diff != "" {
		t.Fatalf("read back differs from what was created (-want +got):\n%s", diff)
	}
	m := c.Meta(got)
	assert.Equal(t, bal.Version(1), m.Version)
	assert.Equal(t, created.ValidFrom, m.ValidFrom)
	require.NotNil(t, m.Action, "the version carries the action recorded with it")
	assert.Equal(t, c.Create.Type, m.Action.Type)

	c.Change(got)
	changed, err := svc.Update(ctx, got, c.Update)
	require.NoError(t, err)
	assert.Equal(t, created.ID, changed.ID)
	assert.Equal(t, bal.Version(2), changed.Version)

	again, err := svc.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	if diff := cmp.Diff(got, again, Written()); diff != "" {
		t.Fatalf("read back differs from the change (-want +got):\n%s", diff)
	}
	first, err := svc.Get(ctx, created.ID, &bal.GetOptions{Version: 1})
	require.NoError(t, err)
	if diff := cmp.Diff(&want, first, Written()); diff != "" {
		t.Fatalf("version 1 differs from what was created (-want +got):\n%s", diff)
	}
	assert.False(t, c.Meta(first).ValidTo.IsZero(), "a replaced version has its versionGiltigTill")

	retired, err := svc.Retire(ctx, created.ID, changed.Version, c.Retire)
	require.NoError(t, err)
	assert.Equal(t, bal.Version(3), retired.Version)
	gone, err := svc.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	assert.Equal(t, bal.StatusRetired, c.Meta(gone).Status)

	before := len(e.Server.Requests())
	_, err = svc.Modify(ctx, created.ID, func(o *T) error { c.Meta(o).Status = bal.StatusValid; return nil }, c.Update, nil)
	var verr *bal.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.True(t, verr.Has("Status", "BAL-3015"), "client-side BAL-3015: %v", err)
	for _, r := range e.Server.Requests()[before:] {
		assert.Equal(t, "GET", r.Method, "Modify sends nothing once BAL-3015 fails: %s %s", r.Method, r.Path)
	}

	c.Meta(gone).Status = bal.StatusValid
	_, err = svc.Update(ctx, gone, c.Update)
	var berr *bal.Error
	require.ErrorAs(t, err, &berr)
	assert.Equal(t, "BAL-3015", berr.Code, "the server refuses too: %v", err)
	assert.True(t, errors.Is(err, bal.ErrValidation))

	inTx := lifeInTransactions(t, e, c)
	found := map[bal.ObjectID]bal.Version{}
	for hit, err := range svc.Search(ctx, bal.Query{Statuses: []bal.Status{bal.StatusRetired}, ChangedAfter: start}, &bal.SearchOptions{PageSize: 1}) {
		require.NoError(t, err)
		assert.Equal(t, c.Type, hit.Object.Type)
		found[hit.Object.ID] = hit.Version
	}
	assert.Equal(t, bal.Version(3), found[created.ID], "Search finds the object retired directly")
	assert.Equal(t, bal.Version(3), found[inTx], "and the one retired in a transaction")
}

// lifeInTransactions creates, changes and retires an object in three
// transactions and returns its id.
func lifeInTransactions[T any](t *testing.T, e *Env, c Case[T]) bal.ObjectID {
	t.Helper()
	ctx := context.Background()
	svc := c.Service
	commit := func(add func(tx *bal.Transaction) error) bal.Receipt {
		t.Helper()
		tx := e.Client.NewTransaction()
		require.NoError(t, add(tx))
		require.Equal(t, []bal.ObjectType{c.Type}, typesOf(tx.Objects()))
		receipts, err := tx.Commit(ctx)
		require.NoError(t, err)
		require.Len(t, receipts, 1)
		return receipts[0]
	}

	obj := c.New()
	created := commit(func(tx *bal.Transaction) error { return svc.AddCreate(tx, obj, c.Create) })
	id := c.Meta(obj).ID
	require.False(t, id.IsZero(), "AddCreate gives the object its identity")
	assert.Equal(t, id, created.ID)
	assert.Equal(t, bal.Version(1), created.Version)
	got, err := svc.Get(ctx, id, nil)
	require.NoError(t, err)
	if diff := cmp.Diff(obj, got, Written()); diff != "" {
		t.Fatalf("read back differs from what the transaction created (-want +got):\n%s", diff)
	}

	c.Change(got)
	changed := commit(func(tx *bal.Transaction) error { return svc.AddUpdate(tx, got, c.Update) })
	assert.Equal(t, bal.Version(2), changed.Version)
	again, err := svc.Get(ctx, id, nil)
	require.NoError(t, err)
	if diff := cmp.Diff(got, again, Written()); diff != "" {
		t.Fatalf("read back differs from the change in the transaction (-want +got):\n%s", diff)
	}

	retired := commit(func(tx *bal.Transaction) error { return svc.AddRetire(tx, id, changed.Version, c.Retire) })
	assert.Equal(t, bal.Version(3), retired.Version)
	gone, err := svc.Get(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, bal.StatusRetired, c.Meta(gone).Status)
	return id
}

func typesOf(refs []bal.ObjectRef) []bal.ObjectType {
	out := make([]bal.ObjectType, len(refs))
	for i, r := range refs {
		out[i] = r.Type
	}
	return out
}
