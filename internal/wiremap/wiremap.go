// Package wiremap hands the model packages' wire mappings to the SDK's
// internal readers and writers without exporting them from the model
// packages: building, address, deficiency and casefile register their
// unexported update1 ↔ model functions here, in an init, and the extract
// reader, the fake (bal/baltest) and its generator (bal/baltest/gen) look
// them up by type. Wire-related functions stay out of the public API
// (DESIGN §1: the wire is replaceable), and every reader and writer maps
// objects with exactly the functions the update clients use, not with a
// copy that could drift.
//
// Two directions are registered per type: from, wire → model, as a reader
// decodes an object; and to, model → wire as Lantmäteriet stores the object:
// what a client's write sends, plus what only the server keeps (the
// version's validity, the action recorded with it, attributes such as an
// address point's postnummer). The clients' writes do not use to; they
// send less.
package wiremap

import (
	"fmt"
	"reflect"

	"github.com/tjanstebaserad/bal-go/internal/wire/update1"
)

// The registries are written only by the model packages' inits, before any
// reader runs, and only read afterwards.
var (
	// mappings holds every registered function by its type.
	mappings = map[reflect.Type]any{}
	// toObject maps the BAL object types (*M whose W is an update1.Objekt)
	// for ToWire, by *M.
	toObject = map[reflect.Type]func(any) update1.Objekt{}
	// fromObject maps them back for FromWire, by W.
	fromObject = map[reflect.Type]func(update1.Objekt) (any, error){}
)

// Register makes to and from the mappings between model type M and wire
// type W. A second registration of the same pair replaces the first. When
// W is one of the seven BAL objects (an update1.Objekt), ToWire and
// FromWire reach the pair too.
func Register[M, W any](to func(*M) W, from func(W) (*M, error)) {
	mappings[reflect.TypeFor[func(*M) W]()] = to
	mappings[reflect.TypeFor[func(W) (*M, error)]()] = from
	var zero W
	if _, ok := any(zero).(update1.Objekt); !ok {
		return
	}
	toObject[reflect.TypeFor[*M]()] = func(m any) update1.Objekt { return any(to(m.(*M))).(update1.Objekt) }
	fromObject[reflect.TypeFor[W]()] = func(o update1.Objekt) (any, error) {
		m, err := from(o.(W))
		if err != nil {
			return nil, err
		}
		return m, nil
	}
}

// Lookup returns the mapping from W to M (M is a pointer type, e.g.
// *building.Building), or nil when no package registered one (its package
// is not linked in).
func Lookup[W, M any]() func(W) (M, error) {
	f, _ := mappings[reflect.TypeFor[func(W) (M, error)]()].(func(W) (M, error))
	return f
}

// LookupTo returns the mapping from *M to W, or nil when no package
// registered one.
func LookupTo[M, W any]() func(*M) W {
	f, _ := mappings[reflect.TypeFor[func(*M) W]()].(func(*M) W)
	return f
}

// ToWire maps a BAL object of the model (*building.Building,
// *address.Point …) to its wire struct as Lantmäteriet stores it.
func ToWire(m any) (update1.Objekt, error) {
	f := toObject[reflect.TypeOf(m)]
	if f == nil {
		return nil, fmt.Errorf("wiremap: %T is not a BAL object of the model", m)
	}
	return f(m), nil
}

// FromWire maps a wire object to its model type (*building.Building,
// *address.Point …).
func FromWire(o update1.Objekt) (any, error) {
	f := fromObject[reflect.TypeOf(o)]
	if f == nil {
		return nil, fmt.Errorf("wiremap: no model type for %T", o)
	}
	return f(o)
}

// ToWireAll maps BAL objects of the model with ToWire, in order, e.g. a
// generated dataset's Objects for a test that writes an extract itself.
func ToWireAll(ms []any) ([]update1.Objekt, error) {
	out := make([]update1.Objekt, len(ms))
	for i, m := range ms {
		o, err := ToWire(m)
		if err != nil {
			return nil, err
		}
		out[i] = o
	}
	return out, nil
}
