package updatetest

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// FieldCase describes one object type for ModifyFields.
type FieldCase[T any] struct {
	Service Service[T]
	// New returns an object to create; each call a fresh one.
	New func() *T
	// Create and Update are the actions of the create and the changes.
	Create, Update bal.Action
	// Set holds, for every field of T but the embedded bal.Meta and those
	// in Skip, a change of that field: a non-zero value of the field's type
	// that differs from New's, or a func(*T) where the rules want another
	// field to change along with it (the test expects exactly what the func
	// does). The field is emptied after it was changed.
	Set map[string]any
	// Required lists the fields that cannot be emptied on their own:
	// emptying one is refused with bal.ErrValidation before anything is
	// sent or by the server, and the stored object stays as it was.
	Required []string
	// Skip lists the fields the server keeps (read-only attributes), which
	// a write does not carry.
	Skip []string
}

// ModifyFields checks, against the fake, that Modify changes exactly what
// its change function changes: for every field of T, on an object of its
// own, a Modify that sets that field alone, read back, differs from the
// object before only in that field, and so does a Modify that then empties
// it (or the emptying is refused when the field is required). What Modify leaves alone therefore survives
// the read, the encoding and the server untouched, field by field.
func ModifyFields[T any](t *testing.T, c FieldCase[T]) {
	t.Helper()
	ctx := context.Background()
	typ := reflect.TypeFor[T]()
	skip := func(name string) bool { return slices.Contains(c.Skip, name) }
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Anonymous || !f.IsExported() || skip(f.Name) {
			continue
		}
		change, ok := c.Set[f.Name]
		require.True(t, ok, "no change for %s.%s", typ, f.Name)
		t.Run(f.Name, func(t *testing.T) {
			t.Parallel()
			created, err := c.Service.Create(ctx, c.New(), c.Create)
			require.NoError(t, err)
			id := created.ID

			t.Run("set", func(t *testing.T) {
				before, err := c.Service.Get(ctx, id, nil)
				require.NoError(t, err)
				want, err := c.Service.Get(ctx, id, nil)
				require.NoError(t, err)
				apply(t, want, f, change)
				require.False(t, cmp.Equal(before, want, Written()), "the change of %s must differ from New's value (and a func change must do the same each time)", f.Name)
				_, err = c.Service.Modify(ctx, id, func(o *T) error { apply(t, o, f, change); return nil }, c.Update, nil)
				require.NoError(t, err)
				got, err := c.Service.Get(ctx, id, nil)
				require.NoError(t, err)
				if diff := cmp.Diff(want, got, Written()); diff != "" {
					t.Fatalf("Modify setting %s (-want +got):\n%s", f.Name, diff)
				}
			})
			t.Run("emptied", func(t *testing.T) {
				before, err := c.Service.Get(ctx, id, nil)
				require.NoError(t, err)
				if reflect.ValueOf(before).Elem().FieldByIndex(f.Index).IsZero() {
					// A flag New sets and the change clears: "set" emptied it.
					require.False(t, reflect.ValueOf(c.New()).Elem().FieldByIndex(f.Index).IsZero(), "%s is set by New or by the change", f.Name)
					return
				}
				empty := func(o *T) error {
					fv := reflect.ValueOf(o).Elem().FieldByIndex(f.Index)
					fv.Set(reflect.Zero(fv.Type()))
					return nil
				}
				_, err = c.Service.Modify(ctx, id, empty, c.Update, nil)
				got, gerr := c.Service.Get(ctx, id, nil)
				require.NoError(t, gerr)
				if slices.Contains(c.Required, f.Name) {
					require.ErrorIs(t, err, bal.ErrValidation, "emptying the required %s", f.Name)
					if diff := cmp.Diff(before, got, Written()); diff != "" {
						t.Fatalf("a refused Modify changed the object (-before +after):\n%s", diff)
					}
					return
				}
				require.NoError(t, err)
				want := before
				require.NoError(t, empty(want))
				if diff := cmp.Diff(want, got, Written()); diff != "" {
					t.Fatalf("Modify emptying %s (-want +got):\n%s", f.Name, diff)
				}
			})
		})
	}
}

// apply makes change to field f of o: a func(*T) is called, a value is set.
func apply[T any](t *testing.T, o *T, f reflect.StructField, change any) {
	t.Helper()
	if fn, ok := change.(func(*T)); ok {
		fn(o)
		return
	}
	fv := reflect.ValueOf(o).Elem().FieldByIndex(f.Index)
	v := reflect.ValueOf(change)
	require.True(t, v.Type().AssignableTo(fv.Type()), "the change of %s is a %s, want a %s", f.Name, v.Type(), fv.Type())
	fv.Set(v)
}
