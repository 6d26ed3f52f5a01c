package address

import (
	"context"
	"iter"

	"github.com/tjanstebaserad/bal-go/bal"
	"github.com/tjanstebaserad/bal-go/internal/objects"
)

// This file holds the faster ways to follow the register (issue 12): the
// batch read over the update services and the objects the change feed
// carries with bal.ChangesOptions.WithObjects.

// GetMany reads address points by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// address point, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *PointService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*Point, error] {
	return s.s.GetMany(ctx, ids)
}

// PointFromChange decodes the address point a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func PointFromChange(ch bal.Change) (*Point, error) { return objects.FromChange(pointCodec, ch) }

// GetMany reads address areas by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// address area, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *AreaService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*Area, error] {
	return s.s.GetMany(ctx, ids)
}

// AreaFromChange decodes the address area a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func AreaFromChange(ch bal.Change) (*Area, error) { return objects.FromChange(areaCodec, ch) }

// GetMany reads courtyard areas by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// courtyard area, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *CourtyardAreaService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*CourtyardArea, error] {
	return s.s.GetMany(ctx, ids)
}

// CourtyardAreaFromChange decodes the courtyard area a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func CourtyardAreaFromChange(ch bal.Change) (*CourtyardArea, error) {
	return objects.FromChange(courtyardAreaCodec, ch)
}

// GetMany reads districts by objektidentitet with the update services' batch
// read (GET /{typ}?id=…&id=…, at most 250 ids a request, a few requests
// in flight). It yields exactly one result per id, in the order of ids: the
// district, an error matching bal.ErrNotFound when the answer left it out, or
// the error of the request its batch was in. Breaking out of the loop
// cancels what is in flight.
func (s *DistrictService) GetMany(ctx context.Context, ids []bal.ObjectID) iter.Seq2[*District, error] {
	return s.s.GetMany(ctx, ids)
}

// DistrictFromChange decodes the district a change of the feed carries when the feed is read
// with bal.ChangesOptions.WithObjects (objekt=med): the current version, so
// no read per change is needed. A change without one (a retirement, or a
// feed read without objects) or with another type of object gives an error
// matching bal.ErrNoBody.
func DistrictFromChange(ch bal.Change) (*District, error) {
	return objects.FromChange(districtCodec, ch)
}
