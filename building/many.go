package building

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
)

// This file holds the faster ways to follow the register (issue 12): the
// batch read over the update services and the objects the change feed
// carries with bal.ChangesOptions.WithObjects.

// GetMany reads buildings by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// building, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *BuildingService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*Building, error] {
	return s.s.GetMany(ctx, ids)
}

// FromChange decodes the building a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func FromChange(ch bal.Change) (*Building, error) { return objects.FromChange(buildingCodec, ch) }

// GetMany reads entrances by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// entrance, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *EntranceService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*Entrance, error] {
	return s.s.GetMany(ctx, ids)
}

// EntranceFromChange decodes the entrance a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func EntranceFromChange(ch bal.Change) (*Entrance, error) {
	return objects.FromChange(entranceCodec, ch)
}

// GetMany reads apartments by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// apartment, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *ApartmentService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*Apartment, error] {
	return s.s.GetMany(ctx, ids)
}

// ApartmentFromChange decodes the apartment a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func ApartmentFromChange(ch bal.Change) (*Apartment, error) {
	return objects.FromChange(apartmentCodec, ch)
}
