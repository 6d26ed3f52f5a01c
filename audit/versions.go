package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
	"github.com/tjanstebaserad/bal-go/casefile"
	"github.com/tjanstebaserad/bal-go/deficiency"
	"github.com/tjanstebaserad/bal-go/ngp"
)

// The object types the NGP writes are recorded under (bal.WriteObject.Type).
const (
	typeReception = "Mottagning"
	typeChange    = "Förändring"
)

// Versions returns the VersionFunc that reads an object's version on the
// server through c, for Reconcile: on start, before new writes,
//
//	rep, err := rec.Reconcile(ctx, audit.Versions(c), nil)
//
// settles every record a stopped process left without an outcome. It reads
// the seven BAL types through their update services, deficiencies (Brist)
// and cases (Arende) through theirs, and the national geodata platform's
// records through its delivery API: a mottagning reads as 1 when it exists,
// a change ("mottagningsid/objektidentitet") as 1 when it is registered and
// its object has not arrived, 2 when it has. An object the server does not
// know reads as 0. Another type is an error, and Reconcile stops there.
func Versions(c *bal.Client) VersionFunc {
	bc, ac := building.New(c), address.New(c)
	dc, cc, nc := deficiency.New(c), casefile.New(c), ngp.New(c)
	read := map[bal.ObjectType]func(context.Context, bal.ObjectID) (bal.Version, error){
		bal.ObjectTypeBuilding:      typed(bc.Buildings.Get, func(o *building.Building) bal.Version { return o.Version }),
		bal.ObjectTypeEntrance:      typed(bc.Entrances.Get, func(o *building.Entrance) bal.Version { return o.Version }),
		bal.ObjectTypeApartment:     typed(bc.Apartments.Get, func(o *building.Apartment) bal.Version { return o.Version }),
		bal.ObjectTypeAddressPoint:  typed(ac.Points.Get, func(o *address.Point) bal.Version { return o.Version }),
		bal.ObjectTypeAddressArea:   typed(ac.Areas.Get, func(o *address.Area) bal.Version { return o.Version }),
		bal.ObjectTypeCourtyardArea: typed(ac.CourtyardAreas.Get, func(o *address.CourtyardArea) bal.Version { return o.Version }),
		bal.ObjectTypeDistrict:      typed(ac.Districts.Get, func(o *address.District) bal.Version { return o.Version }),
		bal.ObjectTypeDeficiency: func(ctx context.Context, id bal.ObjectID) (bal.Version, error) {
			o, err := dc.Get(ctx, id)
			return versionOf(o, err, func(o *deficiency.Deficiency) bal.Version { return o.Version })
		},
		bal.ObjectTypeCase: func(ctx context.Context, id bal.ObjectID) (bal.Version, error) {
			o, err := cc.Get(ctx, id)
			return versionOf(o, err, func(o *casefile.Case) bal.Version { return o.Version })
		},
	}
	return func(ctx context.Context, objectType, id string) (int64, error) {
		if objectType == typeReception || objectType == typeChange {
			return ngpVersion(ctx, nc, objectType, id)
		}
		get := read[bal.ObjectType(objectType)]
		if get == nil {
			return 0, fmt.Errorf("audit: no way to read the version of a %q", truncate(objectType, 40))
		}
		oid, err := bal.ParseObjectID(id)
		if err != nil {
			return 0, fmt.Errorf("audit: %s %q: %w", objectType, truncate(id, 60), err)
		}
		v, err := get(ctx, oid)
		return int64(v), err
	}
}

// typed reads an object's version through an update service's Get.
func typed[T any](get func(context.Context, bal.ObjectID, *bal.GetOptions) (*T, error), version func(*T) bal.Version) func(context.Context, bal.ObjectID) (bal.Version, error) {
	return func(ctx context.Context, id bal.ObjectID) (bal.Version, error) {
		o, err := get(ctx, id, nil)
		return versionOf(o, err, version)
	}
}

// versionOf maps a read to a version: not found is 0.
func versionOf[T any](obj T, err error, v func(T) bal.Version) (bal.Version, error) {
	switch {
	case errors.Is(err, bal.ErrNotFound):
		return 0, nil
	case err != nil:
		return 0, err
	}
	return v(obj), nil
}

func ngpVersion(ctx context.Context, nc *ngp.Client, objectType, id string) (int64, error) {
	if objectType == typeReception {
		_, err := nc.Deliveries.Get(ctx, id)
		return existence(err)
	}
	reception, object, ok := strings.Cut(id, "/")
	oid, err := bal.ParseObjectID(object)
	if !ok || err != nil {
		return 0, fmt.Errorf("audit: %s %q: want mottagningsid/objektidentitet", objectType, truncate(id, 80))
	}
	ch, err := nc.Deliveries.Change(ctx, reception, oid)
	if n, err := existence(err); n == 0 || err != nil {
		return n, err
	}
	if ch.Status.Type == ngp.StatusRegistered {
		return 1, nil
	}
	return 2, nil
}

func existence(err error) (int64, error) {
	switch {
	case errors.Is(err, bal.ErrNotFound):
		return 0, nil
	case err != nil:
		return 0, err
	}
	return 1, nil
}
