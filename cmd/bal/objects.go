package main

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/address"
	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/building"
)

// objectTypes are the seven BAL types as commands take them.
const objectTypes = "byggnad, entre, lagenhet, adressplats, adressomrade, gardsadressomrade or kommundel"

// objectService is what search and get need of one type's update service.
type objectService struct {
	search func(context.Context, bal.Query, *bal.SearchOptions) iter.Seq2[bal.Hit, error]
	get    func(context.Context, bal.ObjectID, *bal.GetOptions) (any, error)
}

// parseObjectType reads a type argument in any spelling bal.ObjectType
// reads ("byggnad", "Lägenhet", "entré").
func parseObjectType(s string) (bal.ObjectType, error) {
	var t bal.ObjectType
	_ = t.UnmarshalText([]byte(s)) // never fails: an unknown type is kept, and refused below
	if !t.Updatable() {
		return "", usageError("%q is not an object type: give %s", s, objectTypes)
	}
	return t, nil
}

// serviceFor returns the update service of type t.
func serviceFor(c *bal.Client, t bal.ObjectType) objectService {
	bc, ac := building.New(c), address.New(c)
	switch t {
	case bal.ObjectTypeBuilding:
		return objectService{bc.Buildings.Search, getter(bc.Buildings.Get)}
	case bal.ObjectTypeEntrance:
		return objectService{bc.Entrances.Search, getter(bc.Entrances.Get)}
	case bal.ObjectTypeApartment:
		return objectService{bc.Apartments.Search, getter(bc.Apartments.Get)}
	case bal.ObjectTypeAddressPoint:
		return objectService{ac.Points.Search, getter(ac.Points.Get)}
	case bal.ObjectTypeAddressArea:
		return objectService{ac.Areas.Search, getter(ac.Areas.Get)}
	case bal.ObjectTypeCourtyardArea:
		return objectService{ac.CourtyardAreas.Search, getter(ac.CourtyardAreas.Get)}
	default:
		return objectService{ac.Districts.Search, getter(ac.Districts.Get)}
	}
}

func getter[T any](get func(context.Context, bal.ObjectID, *bal.GetOptions) (*T, error)) func(context.Context, bal.ObjectID, *bal.GetOptions) (any, error) {
	return func(ctx context.Context, id bal.ObjectID, o *bal.GetOptions) (any, error) {
		v, err := get(ctx, id, o)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
}
