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
	return func(ctx context.Context, objectType, id string) (int64, error) {
		if objectType == typeReception || objectType == typeChange {
			return ngpVersion(ctx, nc, objectType, id)
		}
		oid, err := bal.ParseObjectID(id)
		if err != nil {
			return 0, fmt.Errorf("audit: %s %q: %w", objectType, truncate(id, 60), err)
		}
		var v bal.Version
		switch bal.ObjectType(objectType) {
		case bal.ObjectTypeBuilding:
			o, gerr := bc.Buildings.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *building.Building) bal.Version { return o.Version })
		case bal.ObjectTypeEntrance:
			o, gerr := bc.Entrances.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *building.Entrance) bal.Version { return o.Version })
		case bal.ObjectTypeApartment:
			o, gerr := bc.Apartments.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *building.Apartment) bal.Version { return o.Version })
		case bal.ObjectTypeAddressPoint:
			o, gerr := ac.Points.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *address.Point) bal.Version { return o.Version })
		case bal.ObjectTypeAddressArea:
			o, gerr := ac.Areas.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *address.Area) bal.Version { return o.Version })
		case bal.ObjectTypeCourtyardArea:
			o, gerr := ac.CourtyardAreas.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *address.CourtyardArea) bal.Version { return o.Version })
		case bal.ObjectTypeDistrict:
			o, gerr := ac.Districts.Get(ctx, oid, nil)
			v, err = versionOf(o, gerr, func(o *address.District) bal.Version { return o.Version })
		case bal.ObjectTypeDeficiency:
			o, gerr := dc.Get(ctx, oid)
			v, err = versionOf(o, gerr, func(o *deficiency.Deficiency) bal.Version { return o.Version })
		case bal.ObjectTypeCase:
			o, gerr := cc.Get(ctx, oid)
			v, err = versionOf(o, gerr, func(o *casefile.Case) bal.Version { return o.Version })
		default:
			return 0, fmt.Errorf("audit: no way to read the version of a %q", truncate(objectType, 40))
		}
		return int64(v), err
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
