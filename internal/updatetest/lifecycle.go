package updatetest

import (
	"context"
	"errors"
	"testing"

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
}

// Case is one object type's life: what to create, how to change it, and the
// actions of each step.
type Case[T any] struct {
	Service Service[T]
	// Meta returns the object's Meta.
	Meta func(*T) *bal.Meta
	// New is the object to create.
	New *T
	// Change changes an object as a caller would.
	Change func(*T)
	// Create, Update and Retire are the actions of the three writes.
	Create, Update, Retire bal.Action
}

// Lifecycle creates c.New, reads it back equal to what was written, changes
// it and reads the change back, retires it, and checks that the retired
// object cannot change status again: refused before sending by Modify
// (rule BAL-3015 against the status it read) and by the server when Update
// is sent without that knowledge.
func Lifecycle[T any](t *testing.T, e *Env, c Case[T]) {
	t.Helper()
	ctx := context.Background()
	svc := c.Service

	created, err := svc.Create(ctx, c.New, c.Create)
	require.NoError(t, err)
	assert.False(t, created.ID.IsZero(), "the receipt names the new object")
	assert.Equal(t, bal.Version(1), created.Version)
	assert.False(t, created.ValidFrom.IsZero())
	assert.NotEmpty(t, created.RequestID)
	assert.Equal(t, 1, created.Attempts)

	got, err := svc.Get(ctx, created.ID, nil)
	require.NoError(t, err)
	want := *c.New
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
}
