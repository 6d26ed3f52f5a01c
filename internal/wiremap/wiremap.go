// Package wiremap hands the model packages' wire mappings to the SDK's
// internal readers without exporting them from the model packages: building
// and address register their unexported update1 → model functions here, in
// an init, and the extract reader looks them up by type. Wire-related
// functions stay out of the public API (DESIGN §1: the wire is replaceable),
// and the extract maps objects with exactly the functions the update
// clients use, not with a copy that could drift.
package wiremap

import "reflect"

// mappings is written only by the model packages' inits, before any reader
// runs, and only read afterwards.
var mappings = map[reflect.Type]any{}

// Register makes f the mapping from wire type W to model type M. A second
// registration of the same pair replaces the first.
func Register[W, M any](f func(W) (M, error)) {
	mappings[reflect.TypeFor[func(W) (M, error)]()] = f
}

// Lookup returns the mapping from W to M, or nil when no package
// registered one (its package is not linked in).
func Lookup[W, M any]() func(W) (M, error) {
	f, _ := mappings[reflect.TypeFor[func(W) (M, error)]()].(func(W) (M, error))
	return f
}
