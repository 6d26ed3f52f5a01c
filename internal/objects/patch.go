package objects

import (
	"slices"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/check"
	"github.com/tjanstebaserad/bal-go/internal/fieldpath"
)

// PatchField is one field of a three-state patch: left alone, set, or
// cleared. The typed patches (building.BuildingPatch …) list theirs and
// ApplyPatch does the rest, so the rules are the same for every type.
type PatchField[F ~string] struct {
	// Name is the field's name, as in the patch type's Clear list.
	Name F
	// Set reports whether the patch sets the field.
	Set bool
	// apply copies the patch's value into the object; clear empties the
	// object's field, nil when the field cannot be cleared.
	apply, clear func()
}

// PatchValue is a field held by value in the object: v nil leaves it, set
// copies *v, clear writes the zero value.
func PatchValue[F ~string, V any](name F, v *V, dst *V) PatchField[F] {
	return PatchField[F]{Name: name, Set: v != nil,
		apply: func() { *dst = *v },
		clear: func() { var zero V; *dst = zero }}
}

// PatchRequired is a field that must keep a value: v nil leaves it, set
// copies *v, and it cannot be cleared.
func PatchRequired[F ~string, V any](name F, v *V, dst *V) PatchField[F] {
	return PatchField[F]{Name: name, Set: v != nil, apply: func() { *dst = *v }}
}

// PatchPointer is an optional field held by pointer: v nil leaves it, set
// stores a copy of *v, clear writes nil.
func PatchPointer[F ~string, V any](name F, v *V, dst **V) PatchField[F] {
	return PatchField[F]{Name: name, Set: v != nil,
		apply: func() { *dst = Clone(v) },
		clear: func() { *dst = nil }}
}

// PatchList is a list field: v nil leaves it, a non-nil v (even empty)
// replaces the whole list with a copy, clear empties it.
func PatchList[F ~string, V any](name F, v []V, dst *[]V) PatchField[F] {
	return PatchField[F]{Name: name, Set: v != nil,
		apply: func() { *dst = slices.Clone(v) },
		clear: func() { *dst = nil }}
}

// ApplyPatch checks the clear list against fields — every name known and
// clearable, none both set and cleared — and then sets and clears. Nothing
// is changed when the check fails: the error is a *bal.ValidationError
// naming each bad entry as Clear[i].
func ApplyPatch[F ~string](object string, clear []F, fields []PatchField[F]) error {
	v := check.New(object)
	byName := make(map[F]*PatchField[F], len(fields))
	for i := range fields {
		byName[fields[i].Name] = &fields[i]
	}
	cleared := make(map[F]bool, len(clear))
	for i, name := range clear {
		path := fieldpath.Index("Clear", i)
		f, ok := byName[name]
		switch {
		case !ok:
			v.Addf(path, bal.RuleCodeList, "%q is not a field of %s", string(name), object)
		case f.clear == nil:
			v.Addf(path, bal.RuleRequired, "%s is required and cannot be cleared", string(name))
		case f.Set:
			v.Addf(path, bal.RuleRelation, "%s is both set and cleared", string(name))
		case cleared[name]:
			v.Addf(path, bal.RuleRelation, "%s is cleared twice", string(name))
		}
		cleared[name] = true
	}
	if err := v.Err(); err != nil {
		return err
	}
	for _, f := range fields {
		switch {
		case f.Set:
			f.apply()
		case cleared[f.Name]:
			f.clear()
		}
	}
	return nil
}
