package updatetest

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tjanstebaserad/bal-go/bal"
)

// PatchCase describes one patch type P of model type T for PatchStates.
type PatchCase[T, P any] struct {
	// Base returns a fully populated object; each call a fresh one.
	Base func() *T
	// Apply applies a patch.
	Apply func(*P, *T) error
	// Values holds, per patch field, a value different from Base's: the
	// value itself for pointer fields (an int for *int), the list for list
	// fields. Every field of P but Clear must be here.
	Values map[string]any
	// Required lists the patch fields that cannot be cleared.
	Required []string
}

// PatchStates checks every field of a patch type in its three states: left
// alone (nil: the object is unchanged), set (only that field changes, to
// the value), and cleared (only that field becomes empty) — or, for a
// required field, that clearing is refused and leaves the object alone.
// Patch fields are named like the model's fields, which is how the check
// finds them.
func PatchStates[T, P any](t *testing.T, c PatchCase[T, P]) {
	t.Helper()
	pt := reflect.TypeFor[P]()
	clearField, ok := pt.FieldByName("Clear")
	require.True(t, ok, "%s has a Clear list", pt)
	required := map[string]bool{}
	for _, r := range c.Required {
		required[r] = true
	}
	opts := cmp.Options{Written(), cmp.AllowUnexported()}

	t.Run("left alone", func(t *testing.T) {
		got := c.Base()
		require.NoError(t, c.Apply(new(P), got))
		if diff := cmp.Diff(c.Base(), got, Geometry()); diff != "" {
			t.Fatalf("an empty patch changed the object:\n%s", diff)
		}
	})
	for i := range pt.NumField() {
		f := pt.Field(i)
		if f.Name == "Clear" {
			continue
		}
		val, ok := c.Values[f.Name]
		require.True(t, ok, "no test value for %s.%s", pt, f.Name)
		t.Run(f.Name, func(t *testing.T) {
			t.Run("set", func(t *testing.T) {
				var p P
				pv := reflect.ValueOf(&p).Elem().FieldByIndex(f.Index)
				v := reflect.ValueOf(val)
				if pv.Kind() == reflect.Pointer && v.Kind() != reflect.Pointer {
					ptr := reflect.New(pv.Type().Elem())
					ptr.Elem().Set(v.Convert(pv.Type().Elem()))
					v = ptr
				}
				pv.Set(v.Convert(pv.Type()))
				got := c.Base()
				require.NoError(t, c.Apply(&p, got))
				want := c.Base()
				mf := reflect.ValueOf(want).Elem().FieldByName(f.Name)
				require.True(t, mf.IsValid(), "the model has a field %s", f.Name)
				switch {
				case mf.Kind() == reflect.Pointer && pv.Kind() == reflect.Pointer:
					mf.Set(pv)
				case pv.Kind() == reflect.Pointer:
					mf.Set(pv.Elem())
				default:
					mf.Set(pv)
				}
				if diff := cmp.Diff(want, got, opts); diff != "" {
					t.Fatalf("setting %s (-want +got):\n%s", f.Name, diff)
				}
				assert.False(t, cmp.Equal(c.Base(), got, opts), "the test value of %s must differ from Base's", f.Name)
			})
			t.Run("cleared", func(t *testing.T) {
				var p P
				cl := reflect.ValueOf(&p).Elem().FieldByIndex(clearField.Index)
				cl.Set(reflect.Append(cl, reflect.ValueOf(f.Name).Convert(clearField.Type.Elem())))
				got := c.Base()
				err := c.Apply(&p, got)
				if required[f.Name] {
					var v *bal.ValidationError
					require.ErrorAs(t, err, &v)
					assert.True(t, v.Has("Clear[0]", bal.RuleRequired), "%v", err)
					assert.True(t, cmp.Equal(c.Base(), got, opts), "a refused patch leaves the object alone")
					return
				}
				require.NoError(t, err)
				want := c.Base()
				mf := reflect.ValueOf(want).Elem().FieldByName(f.Name)
				mf.Set(reflect.Zero(mf.Type()))
				if diff := cmp.Diff(want, got, opts); diff != "" {
					t.Fatalf("clearing %s (-want +got):\n%s", f.Name, diff)
				}
				assert.False(t, cmp.Equal(c.Base(), got, opts), "Base's %s must not be empty", f.Name)
			})
			t.Run("set and cleared", func(t *testing.T) {
				if required[f.Name] {
					return
				}
				var p P
				pv := reflect.ValueOf(&p).Elem().FieldByIndex(f.Index)
				v := reflect.ValueOf(val)
				if pv.Kind() == reflect.Pointer && v.Kind() != reflect.Pointer {
					ptr := reflect.New(pv.Type().Elem())
					ptr.Elem().Set(v.Convert(pv.Type().Elem()))
					v = ptr
				}
				pv.Set(v.Convert(pv.Type()))
				cl := reflect.ValueOf(&p).Elem().FieldByIndex(clearField.Index)
				cl.Set(reflect.Append(cl, reflect.ValueOf(f.Name).Convert(clearField.Type.Elem())))
				got := c.Base()
				var verr *bal.ValidationError
				require.ErrorAs(t, c.Apply(&p, got), &verr)
				assert.True(t, verr.Has("Clear[0]", bal.RuleRelation))
				assert.True(t, cmp.Equal(c.Base(), got, opts), "a refused patch leaves the object alone")
			})
		})
	}
	t.Run("unknown field", func(t *testing.T) {
		var p P
		cl := reflect.ValueOf(&p).Elem().FieldByIndex(clearField.Index)
		cl.Set(reflect.Append(cl, reflect.ValueOf("NoSuchField").Convert(clearField.Type.Elem())))
		var verr *bal.ValidationError
		require.ErrorAs(t, c.Apply(&p, c.Base()), &verr)
		assert.True(t, verr.Has("Clear[0]", bal.RuleCodeList))
	})
}
